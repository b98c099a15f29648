// Strict mocks for the Pulumi runtime: every resource and invoke is recorded,
// and an invoke nobody mocked fails loudly instead of returning nothing.
import * as pulumi from "@pulumi/pulumi";
import { GET_CALLER_IDENTITY, GET_PARTITION, GET_REGION } from "../../plan/awsInvokeTokens";
import { recordRegistrations, Registration } from "../../plan/recordProgram";
import { mockResourceState } from "../../tools/mockResourceState";

/** The AWS account and region the mocked provider pretends to be in. */
export interface MockAws {
    readonly accountId: string;
    readonly region: string;
    readonly partition: string;
}

/** A world that differs from every value the tests pass explicitly, so a leak shows. */
export const MOCK_AWS: MockAws = { accountId: "111122223333", region: "eu-west-1", partition: "aws" };

/** What a program did under the mocks. */
export interface MockRecord {
    /** Each `newResource` call, in order. */
    readonly resources: pulumi.runtime.MockResourceArgs[];
    /** Each registration as the monitor saw it, with parent, URN and aliases. */
    readonly registrations: Registration[];
    /** Each invoke, in order. */
    readonly invokes: pulumi.runtime.MockCallArgs[];
}

/** What `useMocks` can change about the mocked world besides the account and region. */
export interface MockOptions {
    /** The stack's name. Default: `test`. */
    readonly stack?: string;
    /** May hold back a resource's registration, to test ordering. */
    readonly delay?: (args: pulumi.runtime.MockResourceArgs) => Promise<void> | undefined;
    /**
     * Facts the provider's lookups answer without: getRegion without its
     * `region`, getCallerIdentity without its `accountId`.
     */
    readonly withholds?: readonly ("region" | "accountId")[];
    /** Invokes that fail, by token, with the engine's error text. */
    readonly failingInvokes?: Readonly<Record<string, string>>;
    /** Invokes that never answer, by token. */
    readonly unansweredInvokes?: readonly string[];
    /**
     * Resources the provider refuses to create, by type, with the error text it gives, passed to the
     * program as the registration's error (what the mocks can do, and no engine does).
     */
    readonly refusedResources?: Readonly<Record<string, string>>;
    /**
     * Resources the provider refuses to create, by type, as a real engine handles it: the engine
     * reports the provider's error itself, stops, and answers the registration only with
     * UNAVAILABLE, which the SDK takes as the monitor shutting down.
     */
    readonly refusedAsTheEngineDoes?: readonly string[];
}

/**
 * An error as the engine sends it over gRPC: the SDK shows an invoke's
 * `details`, and a registration's `message` (`<code> <status>: <details>`).
 */
export function engineError(details: string): Error {
    return Object.assign(new Error(`2 UNKNOWN: ${details}`), { code: 2, details });
}

/**
 * Installs fresh strict mocks and returns what they record. Resources echo
 * their inputs, plus the ids, names and ARNs AWS and Pulumi would give them.
 */
export async function useMocks(aws: MockAws = MOCK_AWS, options: MockOptions = {}): Promise<MockRecord> {
    const withheld = new Set(options.withholds);
    const record: MockRecord = { resources: [], registrations: [], invokes: [] };
    await pulumi.runtime.setMocks(
        {
            newResource: async (args) => {
                record.resources.push(args);
                await options.delay?.(args);
                if (options.refusedAsTheEngineDoes?.includes(args.type)) {
                    throw Object.assign(new Error("14 UNAVAILABLE: resource monitor shut down"), {
                        code: 14,
                        details: "resource monitor shut down while waiting on step's done channel",
                    });
                }
                const refusal = options.refusedResources?.[args.type];
                if (refusal !== undefined) {
                    throw engineError(refusal);
                }
                return mockResourceState(args, aws);
            },
            call: (args) => {
                record.invokes.push(args);
                if (options.unansweredInvokes?.includes(args.token)) {
                    return new Promise(() => undefined);
                }
                const fault = options.failingInvokes?.[args.token];
                if (fault !== undefined) {
                    throw engineError(fault);
                }
                switch (args.token) {
                    case GET_CALLER_IDENTITY:
                        return {
                            ...(withheld.has("accountId") ? {} : { accountId: aws.accountId }),
                            arn: `arn:${aws.partition}:iam::${aws.accountId}:user/tester`,
                            userId: "AIDAEXAMPLE",
                            id: aws.accountId,
                        };
                    case GET_REGION:
                        return {
                            ...(withheld.has("region") ? {} : { region: aws.region }),
                            name: aws.region,
                            id: aws.region,
                            description: aws.region,
                        };
                    case GET_PARTITION:
                        return { partition: aws.partition, dnsSuffix: "amazonaws.com", id: aws.partition };
                    default:
                        throw new Error(`Mock call not implemented: ${args.token}`);
                }
            },
        },
        "pinpoint-export",
        options.stack ?? "test",
        false,
    );
    recordRegistrations(record.registrations);
    return record;
}

/** The recorded `newResource` call for the resource of `type` named `name`. */
export function resourceNamed(record: MockRecord, type: string, name: string): pulumi.runtime.MockResourceArgs {
    const found = record.resources.filter((resource) => resource.type === type && resource.name === name);
    if (found.length !== 1) {
        throw new Error(`expected one ${type} named ${name}, found ${found.length}`);
    }
    return found[0];
}
