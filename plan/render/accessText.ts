// The IAM statement changes as a table (the columns of `cdk diff`), and the
// access changes summarised by action and resource.
import { AccessChanges, AccessEntry, describeWitness } from "../../review/src/access/accessChanges";
import type { RoleAbilities } from "../roleAbilities";
import type { StackProof } from "../stackProofs";
import { DocumentChange } from "../../review/src/diff/documentChanges";

const COLUMNS = ["", "Resource", "Effect", "Action", "Principal", "Condition"] as const;

/** The statements added and removed, one table per policy document that changes. */
export function documentChangesAsText(changes: readonly DocumentChange[]): string[] {
    const lines = ["IAM statement changes:"];
    if (changes.length === 0) {
        lines.push("  none: every policy document is the same policy as in the baseline.");
    }
    for (const change of changes) {
        lines.push(`  ${change.property} of ${change.resource}:`);
        if (change.rows === undefined) {
            lines.push("    cannot be compared: one side is known only after apply.");
        } else {
            const rows = change.rows.map((row) => [
                row.change,
                row.resource,
                row.effect,
                row.action,
                row.principal,
                row.condition,
            ]);
            lines.push(...table([[...COLUMNS], ...rows]).map((line) => `    ${line}`));
        }
    }
    return lines;
}

/** At most this many actions of an entry are named in the text; the JSON names them all. */
const SHOWN_ACTIONS = 8;

/** What is newly allowed and denied, with a witness each, the safeguards that change, and the verdict. */
export function accessAsText(access: AccessChanges): string[] {
    const lines = [
        access.questions === 0
            ? "Access changes: no policy that decides the role's access changes, so nothing is newly allowed or denied."
            : "Access changes, proved for every request (Z3, over AWS's catalogue of actions; the assumptions are below):",
    ];
    if (access.questions > 0) {
        const roles = new Set(
            [...entriesOf(access.permissions), ...entriesOf(access.trust)].map((entry) => entry.role),
        );
        const named = roles.size > 1;
        lines.push(
            ...entries("Permissions newly allowed", access.permissions.newlyAllowed, "+", named),
            ...entries("Permissions newly denied", access.permissions.newlyDenied, "-", named),
            ...entries("Trust newly allowed", access.trust.newlyAllowed, "+", named),
            ...entries("Trust newly denied", access.trust.newlyDenied, "-", named),
        );
        for (const [title, list, mark] of [
            ["Permissions possibly newly allowed", access.permissions.possiblyNewlyAllowed, "?+"],
            ["Permissions possibly newly denied", access.permissions.possiblyNewlyDenied, "?-"],
            ["Trust possibly newly allowed", access.trust.possiblyNewlyAllowed, "?+"],
            ["Trust possibly newly denied", access.trust.possiblyNewlyDenied, "?-"],
        ] as const) {
            if (list.length > 0) {
                lines.push(...entries(`${title}, depending on policies whose text is not known`, list, mark, named));
            }
        }
    }
    for (const reason of access.unevaluated) {
        lines.push(`  Counts as broadening: ${reason}.`);
    }
    for (const note of access.narrowing) {
        lines.push(`  Narrows: ${note}.`);
    }
    for (const note of access.notes) {
        lines.push(`  Note: ${note}.`);
    }
    if (access.assumptions.length > 0) {
        lines.push("  The proof assumes:", ...access.assumptions.map((assumption) => `    - ${assumption}`));
    }
    lines.push(`Broadens access: ${verdict(access)}`);
    return lines;
}

/** What each created role can do, in words, one line each. */
export function abilitiesAsText(abilities: readonly RoleAbilities[]): string[] {
    return abilities.flatMap((role) => [
        `What ${role.role} can do, in words (the proof's classes of requests):`,
        ...role.can.map((can) => `  - ${can}`),
        ...role.assumedBy.map((who) => `  - ${who}`),
        ...role.possibly.map((can) => `  - possibly: ${can}`),
        ...role.openQuestions.map((why) => `  open: ${why}`),
    ]);
}

/** What the plan proved about the stack's own documents, claim by claim. */
export function proofsAsText(proofs: readonly StackProof[]): string[] {
    const lines = [
        "What the offline plan proves about these documents, for every request (Z3, over AWS's catalogue of actions):",
    ];
    for (const proof of proofs) {
        if (proof.outcome === "proved") {
            lines.push(`  proved: ${proof.claim}.`);
        } else if (proof.outcome === "undecided") {
            lines.push(`  not decided: ${proof.claim}: ${proof.reason}.`);
        } else {
            lines.push(`  NOT SO: ${proof.claim}.`);
            if (proof.beyond.length > 0) {
                lines.push(...entries("Allowed beyond it", proof.beyond, "+", false).map((line) => `  ${line}`));
            }
            if (proof.short.length > 0) {
                lines.push(...entries("Denied short of it", proof.short, "-", false).map((line) => `  ${line}`));
            }
        }
    }
    const assumptions = [...new Set(proofs.flatMap((proof) => proof.assumptions))];
    if (assumptions.length > 0) {
        lines.push("  The proof assumes:", ...assumptions.map((assumption) => `    - ${assumption}`));
    }
    return lines;
}

/** `yes (proved: …)`, `no (proved for all requests)` or `yes (not decided: …)`. */
export function verdict(access: AccessChanges): string {
    if (!access.broadening) {
        return "no (proved for all requests)";
    }
    if (access.decidedBy === "proof") {
        return "yes (proved: a request is newly allowed)";
    }
    const [first, ...rest] = access.unevaluated;
    return `yes (not decided: ${first}${rest.length > 0 ? `; and ${rest.length} more reason${rest.length > 1 ? "s" : ""} above` : ""})`;
}

function entriesOf(changes: AccessChanges["permissions"]): AccessEntry[] {
    return [
        ...changes.newlyAllowed,
        ...changes.newlyDenied,
        ...changes.possiblyNewlyAllowed,
        ...changes.possiblyNewlyDenied,
    ];
}

function entries(title: string, list: readonly AccessEntry[], mark: string, named: boolean): string[] {
    if (list.length === 0) {
        return [`  ${title}: none`];
    }
    return [
        `  ${title}:`,
        ...list.flatMap((entry) => {
            const listed =
                entry.actions.length > SHOWN_ACTIONS
                    ? `${entry.actions.slice(0, SHOWN_ACTIONS).join(", ")} and ${entry.actions.length - SHOWN_ACTIONS} more`
                    : entry.actions.join(", ");
            const every = entry.everyActionOf;
            const actions = every
                ? `all ${entry.actionCount} ${every.service} actions that take a${/^[aeiou]/.test(every.resourceType) ? "n" : ""} ${every.resourceType} (${listed})`
                : listed;
            const count =
                !every && entry.actionCount > 1 && entry.actionCount !== entry.actions.length
                    ? ` (${entry.actionCount} actions)`
                    : "";
            const subject = entry.resource !== undefined ? `on ${entry.resource}` : `by ${entry.principal}`;
            const lines = [
                `    ${mark} ${named ? `${entry.role}: ` : ""}${actions}${count} ${subject}${entry.context ? ` with ${entry.context}` : ""}${entry.dependsOn ? `, if ${entry.dependsOn}` : ""}`,
                `        e.g. ${describeWitness(entry.witness)}`,
            ];
            if (entry.evaluator.outcome === "disagrees") {
                lines.push(`        the IAM evaluator disagrees: ${entry.evaluator.said}`);
            } else if (entry.evaluator.outcome === "not checked") {
                lines.push(`        not checked by the IAM evaluator: ${entry.evaluator.why}`);
            }
            return lines;
        }),
    ];
}

/** Rows as aligned columns, a rule under the header. */
function table(rows: readonly (readonly string[])[]): string[] {
    const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
    const line = (row: readonly string[]) =>
        row
            .map((cell, column) => cell.padEnd(widths[column]))
            .join(" │ ")
            .trimEnd();
    return [line(rows[0]), widths.map((width) => "─".repeat(width)).join("─┼─"), ...rows.slice(1).map(line)];
}
