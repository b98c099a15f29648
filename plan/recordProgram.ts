import * as pulumi from "@pulumi/pulumi";
import { GET_CALLER_IDENTITY, GET_REGION } from "./awsInvokeTokens";
import type { EngineAnswer, Registration } from "../review/src/diff/registration";

export type { EngineAnswer, Registration };

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

/** Decides the engine's answer to one registration. */
export type AnswerRegistration = (registration: Registration) => EngineAnswer;

/** The answer of a preview of a first `pulumi up`: every resource is new, so all its outputs are unknown. */
const ANSWER_AS_NEW: AnswerRegistration = () => ({ id: undefined, state: {} });

/** Invokes whose answers only AWS has: the plan leaves them unknown, never made up. */
const ANSWERED_BY_AWS = new Set([GET_CALLER_IDENTITY, GET_REGION]);

/**
 * Runs `load` (which loads the program) as a preview under Pulumi's mock
 * runtime, and records what the engine would be asked to do.
 *
 * Nothing made up is returned for what AWS would supply: by default resources
 * get no outputs (a preview of their creation), and lookups of the account or
 * region come back unknown, so they show as unknown, as `pulumi preview` would
 * show them. `answer` may give a resource the id and outputs that the engine
 * would give it, e.g. those it already has in a stack.
 */
export async function recordProgram(
    project: string,
    stack: string,
    load: () => Promise<Record<string, unknown>>,
    answer: AnswerRegistration = ANSWER_AS_NEW,
): Promise<ProgramRecord> {
    const registrations: Registration[] = [];
    const invokes: Invoke[] = [];
    // The mocks' newResource is not told a resource's parent, URN or dependencies. The
    // monitor hands over each registration just before it calls newResource, synchronously.
    let handedOver: Registration | undefined;
    await pulumi.runtime.setMocks(
        {
            newResource: (args) => {
                const registration = handedOver;
                handedOver = undefined;
                if (registration?.type !== args.type || registration.name !== args.name) {
                    throw new Error(`The offline plan lost track of the registration of ${args.type} ${args.name}.`);
                }
                return answer(registration);
            },
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
    recordRegistrations(registrations, (registration) => {
        handedOver = registration;
    });

    const restore = keepUnknownSecrets();
    try {
        const exported = await load();
        const outputs = (await pulumi.runtime.serializeProperties("stack outputs", exported)) as Record<
            string,
            unknown
        >;
        await pulumi.runtime.disconnect();
        return { registrations, invokes, outputs };
    } finally {
        restore();
    }
}

interface SerializingModule {
    serializeResourceProperties: (label: string, props: Record<string, unknown>, opts?: unknown) => Promise<unknown[]>;
}

/**
 * Keeps the mark of a secret on a resource input that is unknown, as the
 * engine does. (The SDK drops it when it serializes an unknown Output for a
 * monitor without "outputValues", which the mock monitor leaves out, so a
 * secret the plan cannot read would show as merely unknown, not `[secret]`.)
 * This wraps the SDK's own serializeResourceProperties, which its
 * registerResource calls through the module, for as long as the program runs;
 * the function returned puts it back.
 */
function keepUnknownSecrets(): () => void {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const rpc = require("@pulumi/pulumi/runtime/rpc") as SerializingModule & {
        specialSigKey: string;
        specialSecretSig: string;
        unknownValue: string;
    };
    const original = rpc.serializeResourceProperties;
    rpc.serializeResourceProperties = async (label, props, opts) => {
        const result = await original(label, props, opts);
        const serialized = result[0] as Record<string, unknown>;
        for (const [key, value] of Object.entries(props)) {
            if (
                serialized[key] === rpc.unknownValue &&
                pulumi.Output.isInstance(value) &&
                (await pulumi.isSecret(value))
            ) {
                serialized[key] = { [rpc.specialSigKey]: rpc.specialSecretSig, value: rpc.unknownValue };
            }
        }
        return result;
    };
    return () => {
        rpc.serializeResourceProperties = original;
    };
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
    getPropertydependenciesMap(): {
        forEach(callback: (dependencies: { getUrnsList(): string[] }, property: string) => void): void;
    };
}

interface RegisterResponse {
    getUrn(): string;
}

/**
 * Wraps the mock monitor to keep what the mocks API does not pass on: parents,
 * URNs, aliases and property dependencies. Call after `setMocks`. Each
 * registration is recorded once the monitor has answered it; `onRegister`, if
 * given, sees it just before the monitor does.
 */
export function recordRegistrations(
    registrations: Registration[],
    onRegister?: (registration: Registration) => void,
): void {
    const monitor = pulumi.runtime.getMonitor() as unknown as {
        registerResource(
            request: RegisterRequest,
            callback: (error: unknown, response?: RegisterResponse) => void,
        ): Promise<void>;
        newUrn(parent: string, type: string, name: string): string;
    };
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (request, callback) => {
        const propertyDependencies: Record<string, string[]> = {};
        request.getPropertydependenciesMap().forEach((dependencies, property) => {
            propertyDependencies[property] = dependencies.getUrnsList();
        });
        const registration: Registration = {
            urn: monitor.newUrn(request.getParent(), request.getType(), request.getName()),
            type: request.getType(),
            name: request.getName(),
            custom: request.getCustom(),
            parent: request.getParent() || undefined,
            inputs: request.getObject()?.toJavaScript() ?? {},
            aliases: request.getAliasesList().map((alias) => aliasUrn(request, alias)),
            propertyDependencies,
        };
        onRegister?.(registration);
        return register(request, (error, response) => {
            if (!error && response) {
                registrations.push(registration);
            }
            callback(error, response);
        });
    };
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
