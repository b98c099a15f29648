// The plan for people: what each resource would go through, marked as the
// CLI marks it, then the IAM statement and access changes against a baseline.
import { GET_CALLER_IDENTITY, GET_REGION } from "../awsInvokeTokens";
import { PropertyChange, PropertyValue } from "../../review/src/diff/decideStep";
import { describeResource, PlanStep } from "../../review/src/diff/planSteps";
import { providerRules } from "../../review/src/diff/providerRules";
import { UNKNOWN } from "../../review/src/diff/wireValues";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { changeSummary, Plan } from "../plan";
import { abilitiesAsText, accessAsText, documentChangesAsText, proofsAsText } from "./accessText";
import { stepWarnings } from "./stepWarnings";

/** AWS's end of support for Pinpoint's engagement features, export jobs among them, as every plan states it. */
export const END_OF_SUPPORT_LINE =
    'Amazon Pinpoint stopped running export jobs on 2026-10-30 (README.md, "End of support").';

/** How an unknown value reads. */
export const UNKNOWN_TEXT = "(known after apply)";

/** How a secret reads, whether the plan knows it or not. */
export const SECRET_TEXT = "[secret]";

/** A value in the engine's wire form of a secret. */
function isSecretValue(value: unknown): boolean {
    return (
        typeof value === "object" &&
        value !== null &&
        (value as Record<string, unknown>)[specialSigKey] === specialSecretSig
    );
}

const MARKS: Readonly<Record<string, string>> = {
    create: "+ create",
    update: "~ update",
    replace: "+- replace",
    delete: "- delete",
};

const SUMMARY_WORDS: Readonly<Record<string, string>> = {
    create: "to create",
    update: "to update",
    replace: "to replace",
    delete: "to delete",
    same: "unchanged",
};

/**
 * Every resource that changes (all of them, for a first `pulumi up`): a new
 * one with its inputs and the policies as indented JSON, a changed one with
 * the properties that change, old and new, and why it is replaced; then the
 * stack outputs, a count of the steps and, against a baseline, the statement
 * and access changes, ending in `Broadens access: yes` or `no`.
 */
export function planAsText(plan: Plan): string {
    const { stackConfig, record, baseline } = plan;
    const lines = [
        `Offline plan for stack "${stackConfig.stack}" of project ${stackConfig.project}` +
            (baseline ? `, against ${baseline.file} (${baseline.format})` : ""),
        "index.ts was run under Pulumi's mock runtime: no AWS call was made and nothing was deployed.",
        ...unreadConfigNotes(stackConfig),
        END_OF_SUPPORT_LINE,
        "",
    ];
    const byUrn = new Map(plan.steps.map((step) => [step.urn, step]));
    for (const step of plan.steps.filter((candidate) => candidate.op !== "same")) {
        lines.push(...stepAsText(step, byUrn), "");
    }
    lines.push("Stack outputs:");
    for (const [key, value] of Object.entries(record.outputs)) {
        lines.push(...showInput(key, value));
    }
    const counts = Object.entries(changeSummary(plan.steps)).map(([op, count]) => `${count} ${SUMMARY_WORDS[op]}`);
    lines.push("", `Resources: ${counts.join(", ") || "none"}.`);
    lines.push(...lookupNotes(plan));
    if (plan.documentChanges) {
        lines.push("", ...documentChangesAsText(plan.documentChanges));
    }
    if (plan.access) {
        lines.push("", ...accessAsText(plan.access));
    }
    if (plan.abilities && plan.abilities.length > 0) {
        lines.push("", ...abilitiesAsText(plan.abilities));
    }
    if (plan.proofs) {
        lines.push("", ...proofsAsText(plan.proofs));
    }
    return lines.join("\n");
}

function stepAsText(step: PlanStep, byUrn: ReadonlyMap<string, PlanStep>): string[] {
    const mark = step.op === "replace" && step.deleteBeforeReplace ? "-+ replace" : MARKS[step.op];
    const lines = [
        `${mark} ${describeResource(step.type, step.name)}`,
        `    urn: ${step.urn}`,
        ...stepWarnings(step).map((warning) => `    ! ${warning}`),
    ];
    if (step.op === "create") {
        const parent = step.after?.parent && byUrn.get(step.after.parent);
        if (parent) {
            lines.push(`    parent: ${describeResource(parent.type, parent.name)}`);
        }
        const inputs = Object.entries(step.after?.inputs ?? {}).sort(([a], [b]) => a.localeCompare(b));
        for (const [key, value] of inputs) {
            lines.push(...showInput(key, value));
        }
    }
    if (step.op === "replace") {
        lines.push(`    ${replacementOrder(step)}`);
    }
    for (const change of step.changes) {
        lines.push(...showChange(step, change));
    }
    return lines;
}

/** In which order a replacement happens, and why. */
function replacementOrder(step: PlanStep): string {
    if (!step.deleteBeforeReplace) {
        return "The new resource is created first, then the old one is deleted.";
    }
    return providerRules(step.type).alwaysDeletesFirst
        ? "The old resource is deleted first: the provider always does so for this type."
        : "The old resource is deleted first: it has an explicit name, which two resources cannot share.";
}

function showChange(step: PlanStep, change: PropertyChange): string[] {
    const effect = change.kind.endsWith("-replace") ? " (replaces the resource)" : "";
    const documents =
        providerRules(step.type).policyDocuments.has(change.property) &&
        change.before.state === "known" &&
        change.after.state === "known";
    const lines = [
        documents
            ? `    ${change.property}: the document changes, see the IAM statement changes${effect}`
            : `    ${change.property}: ${showValue(change.before, "before")} => ${showValue(change.after, "after")}${effect}`,
    ];
    if (change.reason) {
        lines.push(`        because ${change.reason}`);
    }
    return lines;
}

/** A property's value before or after the change; an unknown one before is one the baseline did not record. */
function showValue(value: PropertyValue, when: "before" | "after"): string {
    switch (value.state) {
        case "absent":
            return "(not set)";
        case "unknown":
            return when === "before" ? "(not in the baseline)" : UNKNOWN_TEXT;
        case "autoname":
            return when === "before" ? "(the name Pulumi generated)" : "(a name Pulumi generates)";
        case "known":
            return JSON.stringify(value.value);
    }
}

function showInput(key: string, value: unknown): string[] {
    if (isSecretValue(value)) {
        // Never its value, known or not: as the CLI shows a secret.
        return [`    ${key}: ${SECRET_TEXT}`];
    }
    if (value === UNKNOWN) {
        return [`    ${key}: ${UNKNOWN_TEXT}`];
    }
    const document = typeof value === "string" ? parseJsonObject(value) : undefined;
    if (document !== undefined) {
        return [
            `    ${key}:`,
            ...JSON.stringify(document, null, 2)
                .split("\n")
                .map((line) => `      ${line}`),
        ];
    }
    return [`    ${key}: ${JSON.stringify(value)}`];
}

function parseJsonObject(text: string): object | undefined {
    if (!text.startsWith("{")) {
        return undefined;
    }
    try {
        return JSON.parse(text) as object;
    } catch {
        return undefined;
    }
}

/** Says which config values the plan cannot read, and how it plans them: secrets, and what ESC environments may set. */
function unreadConfigNotes({ secretKeys, environments, unseenKeys }: Plan["stackConfig"]): string[] {
    const notes: string[] = [];
    if (secretKeys.length > 0) {
        notes.push(
            `Secrets: ${listed(secretKeys)} ${secretKeys.length === 1 ? "is" : "are"} encrypted in the stack file (\`secure:\`), ` +
                `which only the Pulumi CLI can decrypt. The plan takes ${secretKeys.length === 1 ? "it" : "them"} as unknown ` +
                `secret text, and never prints ${secretKeys.length === 1 ? "it" : "them"}: what is made from ` +
                `${secretKeys.length === 1 ? "it" : "them"} shows as ${SECRET_TEXT}, and what depends on ` +
                `${secretKeys.length === 1 ? "it" : "them"} is not decided.`,
        );
    }
    if (environments.length > 0) {
        notes.push(
            `ESC: the stack file imports the environment${environments.length === 1 ? "" : "s"} ${listed(environments)}, ` +
                `which the offline plan cannot open. It cannot see these keys, which the program reads and ` +
                `${environments.length === 1 ? "it" : "they"} may set, and plans them as unknown: ${listed(unseenKeys)}. ` +
                "What depends on them is not decided. (A key the stack file sets wins over the environment's; a map " +
                "such as tags may gain entries from it.)",
        );
    }
    return notes;
}

/** `a`, `a and b`, `a, b and c`. */
function listed(items: readonly string[]): string {
    return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** Says which values AWS would supply at deploy time, and how to see them offline instead. */
function lookupNotes(plan: Plan): string[] {
    const notes: string[] = [];
    const asked = new Set(plan.record.invokes.map((invoke) => invoke.token));
    if (asked.has(GET_CALLER_IDENTITY)) {
        notes.push(
            `No account id is configured: \`pulumi up\` asks AWS which account its credentials belong to, so what depends on it is ${UNKNOWN_TEXT} here. Set pinpoint-export:accountId to see it.`,
        );
    }
    if (asked.has(GET_REGION)) {
        notes.push(
            `No region is configured: \`pulumi up\` takes the AWS provider's region, so what depends on it is ${UNKNOWN_TEXT} here. Set aws:region or pinpoint-export:region to see it.`,
        );
    }
    notes.push(
        plan.baseline
            ? "ARNs and names of new resources are chosen by AWS and Pulumi at deploy time; those of resources that stay are the baseline's."
            : "ARNs and autonamed resource names are chosen by AWS and Pulumi at deploy time.",
    );
    return notes;
}
