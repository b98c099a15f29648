import * as pulumi from "@pulumi/pulumi";
import { GET_CALLER_IDENTITY, GET_REGION } from "../awsInvokeTokens";

/** One resource registration, as the engine would receive it. */
export interface Registration {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly custom: boolean;
    /** The parent's URN, or `undefined` for a resource at the root of the stack. */
    readonly parent: string | undefined;
    /** The inputs in the engine's wire form: unknown values are `pulumi.runtime.unknownValue`. */
    readonly inputs: Record<string, unknown>;
    /** The URNs this resource was once known by: a rename with aliases keeps the resource. */
    readonly aliases: string[];
}

/** One invoke, i.e. one question the program would ask AWS. */
export interface Invoke {
    readonly token: string;
}

/** Everything a program did under the mock runtime. */
export interface ProgramRecord {
    readonly registrations: Registration[];
    readonly invokes: Invoke[];
    /** The program's exports in wire form: the stack outputs. */
    readonly outputs: Record<string, unknown>;
}

/** Invokes whose answers only AWS has: the plan leaves them unknown, never made up. */
const ANSWERED_BY_AWS = new Set([GET_CALLER_IDENTITY, GET_REGION]);

/**
 * Runs `load` (which loads the program) as a preview under Pulumi's mock
 * runtime, and records what the engine would be asked to do.
 *
 * Nothing made up is returned for what AWS would supply: resources get no
 * outputs beyond their inputs, and lookups of the account or region come back
 * unknown, so they show as unknown, as `pulumi preview` would show them.
 */
export async function recordProgram(
    project: string,
    stack: string,
    load: () => Promise<Record<string, unknown>>,
): Promise<ProgramRecord> {
    const registrations: Registration[] = [];
    const invokes: Invoke[] = [];
    await pulumi.runtime.setMocks(
        {
            newResource: () => ({ id: undefined, state: {} }),
            call: (args) => {
                invokes.push({ token: args.token });
                if (!ANSWERED_BY_AWS.has(args.token)) {
                    throw new Error(`The offline plan cannot answer the invoke ${args.token}.`);
                }
                return { accountId: pulumi.runtime.unknownValue, region: pulumi.runtime.unknownValue };
            },
        },
        project,
        stack,
        true,
    );
    recordRegistrations(registrations);

    const exported = await load();
    const outputs = (await pulumi.runtime.serializeProperties("stack outputs", exported)) as Record<string, unknown>;
    await pulumi.runtime.disconnect();
    return { registrations, invokes, outputs };
}

interface AliasSpec {
    getName(): string;
    getType(): string;
    getStack(): string;
    getProject(): string;
    hasParenturn(): boolean;
    getParenturn(): string;
    getNoparent(): boolean;
}

interface RegisterRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
    getCustom(): boolean;
    getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
    getAliasesList(): { hasUrn(): boolean; getUrn(): string; getSpec(): AliasSpec }[];
}

interface RegisterResponse {
    getUrn(): string;
}

/**
 * Wraps the mock monitor to keep what the mocks API does not pass on: parents,
 * URNs and aliases. Call after `setMocks`.
 */
export function recordRegistrations(registrations: Registration[]): void {
    const monitor = pulumi.runtime.getMonitor() as unknown as {
        registerResource(
            request: RegisterRequest,
            callback: (error: unknown, response?: RegisterResponse) => void,
        ): Promise<void>;
    };
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (request, callback) =>
        register(request, (error, response) => {
            if (!error && response) {
                registrations.push({
                    urn: response.getUrn(),
                    type: request.getType(),
                    name: request.getName(),
                    custom: request.getCustom(),
                    parent: request.getParent() || undefined,
                    inputs: request.getObject()?.toJavaScript() ?? {},
                    aliases: request.getAliasesList().map((alias) => aliasUrn(request, alias)),
                });
            }
            callback(error, response);
        });
}

/** The URN an alias names, worked out the way the engine does for a spec. */
function aliasUrn(request: RegisterRequest, alias: ReturnType<RegisterRequest["getAliasesList"]>[number]): string {
    if (alias.hasUrn()) {
        return alias.getUrn();
    }
    const spec = alias.getSpec();
    const parent = spec.getNoparent() ? "" : spec.hasParenturn() ? spec.getParenturn() : request.getParent();
    const parentType = parent ? `${parent.split("::")[2]}$` : "";
    return `urn:pulumi:${spec.getStack() || pulumi.getStack()}::${spec.getProject() || pulumi.getProject()}::${parentType}${spec.getType() || request.getType()}::${spec.getName() || request.getName()}`;
}
