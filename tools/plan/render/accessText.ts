// The IAM statement changes as a table (the columns of `cdk diff`), and the
// access changes summarised by action and resource.
import { AccessChanges, PermissionEntry, TrustEntry } from "../access/accessChanges";
import { DocumentChange } from "../diff/documentChanges";

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

/** What is newly allowed and denied, the safeguards that change, and the verdict. */
export function accessAsText(access: AccessChanges): string[] {
    const lines = [
        access.requestCount === 0
            ? "Access changes: no policy document changes, so there is nothing to evaluate."
            : `Access changes, decided by evaluating the old and the new documents on ${access.requestCount} requests around both:`,
        ...entries("Permissions newly allowed", access.permissions.newlyAllowed, "+", "on"),
        ...entries("Permissions newly denied", access.permissions.newlyDenied, "-", "on"),
        ...entries("Trust newly allowed", access.trust.newlyAllowed, "+", "by"),
        ...entries("Trust newly denied", access.trust.newlyDenied, "-", "by"),
    ];
    for (const reason of access.unevaluated) {
        lines.push(`  Counts as broadening: ${reason}.`);
    }
    for (const note of access.narrowing) {
        lines.push(`  Narrows: ${note}.`);
    }
    lines.push(`Broadens access: ${access.broadening ? "yes" : "no"}`);
    return lines;
}

function entries(
    title: string,
    list: readonly (PermissionEntry | TrustEntry)[],
    mark: string,
    preposition: string,
): string[] {
    if (list.length === 0) {
        return [`  ${title}: none`];
    }
    return [
        `  ${title}:`,
        ...list.map(
            (entry) =>
                `    ${mark} ${entry.actions.join(", ")} ${preposition} ${"resource" in entry ? entry.resource : entry.principal}${entry.context ? ` with ${entry.context}` : ""}`,
        ),
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
