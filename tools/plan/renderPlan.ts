import * as pulumi from "@pulumi/pulumi";
import { GET_CALLER_IDENTITY, GET_REGION } from "../awsInvokeTokens";
import { ProgramRecord, Registration } from "./recordProgram";
import { StackConfig } from "./stackConfig";

const UNKNOWN_TEXT = "(known after apply)";

/** The URN of the stack resource that `pulumi up` makes the parent of every root resource. */
export function stackUrn(project: string, stack: string): string {
    return `urn:pulumi:${stack}::${project}::pulumi:pulumi:Stack::${project}-${stack}`;
}

/**
 * The plan in the shape of `pulumi preview --json`: `config`, and one `create`
 * step per registration with its `newState` (`urn`, `custom`, `type`, `parent`,
 * `inputs`), plus `outputs` (the stack outputs) and `changeSummary`. Unknown
 * values are Pulumi's unknown sentinel, as in the CLI's own output.
 */
export function planAsJson(stackConfig: StackConfig, record: ProgramRecord): object {
    const root = stackUrn(stackConfig.project, stackConfig.stack);
    return {
        config: stackConfig.config,
        steps: record.registrations.map((registration) => ({
            op: "create",
            urn: registration.urn,
            newState: {
                urn: registration.urn,
                custom: registration.custom,
                type: registration.type,
                parent: registration.parent ?? root,
                inputs: registration.inputs,
                ...(registration.aliases.length > 0 ? { aliases: registration.aliases } : {}),
            },
        })),
        outputs: record.outputs,
        changeSummary: { create: record.registrations.length },
    };
}

/** The plan for people: every resource with its inputs, policies as indented JSON, then the stack outputs. */
export function planAsText(stackConfig: StackConfig, record: ProgramRecord): string {
    const names = new Map(record.registrations.map((registration) => [registration.urn, registration]));
    const lines = [
        `Offline plan for stack "${stackConfig.stack}" of project ${stackConfig.project}`,
        "index.ts was run under Pulumi's mock runtime: no AWS call was made and nothing was deployed.",
        "",
    ];
    for (const registration of record.registrations) {
        lines.push(`+ create ${describe(registration)}`, `    urn: ${registration.urn}`);
        const parent = registration.parent && names.get(registration.parent);
        if (parent) {
            lines.push(`    parent: ${describe(parent)}`);
        }
        for (const [key, value] of Object.entries(registration.inputs).sort(([a], [b]) => a.localeCompare(b))) {
            lines.push(...showInput(key, value));
        }
        lines.push("");
    }
    lines.push("Stack outputs:");
    for (const [key, value] of Object.entries(record.outputs)) {
        lines.push(...showInput(key, value));
    }
    lines.push("", `Resources: ${record.registrations.length} to create.`);
    lines.push(...lookupNotes(record));
    return lines.join("\n");
}

function describe(registration: Registration): string {
    return `${registration.type} "${registration.name}"`;
}

function showInput(key: string, value: unknown): string[] {
    if (value === pulumi.runtime.unknownValue) {
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

/** Says which values AWS would supply at deploy time, and how to see them offline instead. */
function lookupNotes(record: ProgramRecord): string[] {
    const notes: string[] = [];
    const asked = new Set(record.invokes.map((invoke) => invoke.token));
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
    notes.push("ARNs and autonamed resource names are chosen by AWS and Pulumi at deploy time.");
    return notes;
}
