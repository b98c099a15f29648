import * as pulumi from "@pulumi/pulumi";
import { Policy, PolicyArgs } from "@pulumi/aws/iam/policy";
import { Role, RoleArgs } from "@pulumi/aws/iam/role";
import { RolePolicyAttachment } from "@pulumi/aws/iam/rolePolicyAttachment";
import { ExportRole } from "../../components/exportRole";
import { mockResourceState } from "../mockResourceState";

/** What one workload run cost. */
export interface RunCost {
    /** Wall time from the first constructor call until every registration and RPC is done. */
    readonly ms: number;
    /** CPU time of the process (all its threads) over the same span. */
    readonly cpuMs: number;
    /** Invokes made, by token. */
    readonly invokes: Record<string, number>;
}

/** The account and region every workload's resources live in. */
const ACCOUNT = "123456789012";
const REGION = "us-east-1";

/** Installs fresh mocks with the tests' resource state (inputs, plus IAM names and ARNs) and counts invokes. */
async function freshMocks(invokes: Record<string, number>): Promise<void> {
    await pulumi.runtime.setMocks(
        {
            newResource: (args) => mockResourceState(args, { accountId: ACCOUNT, partition: "aws" }),
            call: (args) => {
                invokes[args.token] = (invokes[args.token] ?? 0) + 1;
                return { accountId: ACCOUNT, region: REGION };
            },
        },
        "bench",
        "bench",
        false,
    );
}

async function timed(create: () => void): Promise<RunCost> {
    const invokes: Record<string, number> = {};
    await freshMocks(invokes);
    // With --expose-gc, each run starts from a collected heap, so it pays for its own garbage
    // only, not for what the run before it left behind.
    (globalThis as { gc?: () => void }).gc?.();
    const start = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    create();
    // Every registration, output registration and invoke has finished.
    await pulumi.runtime.disconnect();
    const used = process.cpuUsage(cpu);
    return { ms: Number(process.hrtime.bigint() - start) / 1e6, cpuMs: (used.user + used.system) / 1000, invokes };
}

/** Constructs `count` ExportRoles, with the account and region given or left for the provider to supply. */
function createExportRoles(count: number, lookups: "given" | "looked up"): void {
    for (let index = 0; index < count; index++) {
        new ExportRole(`export-${index}`, {
            bucket: "example-bucket",
            folder: `exports/${index}`,
            ...(lookups === "given" ? { accountId: ACCOUNT, region: REGION } : {}),
        });
    }
}

/** `count` ExportRoles, with the account and region given or left for the provider to supply. */
export function exportRoles(count: number, lookups: "given" | "looked up" = "given"): Promise<RunCost> {
    return timed(() => createExportRoles(count, lookups));
}

/**
 * The payload of one ExportRole: the input properties it gives its policy and
 * its role, precomputed. The floors send exactly these, so that what they
 * leave out is the component's own work and nothing else.
 */
export interface Payload {
    readonly policy: PolicyArgs;
    readonly role: RoleArgs;
}

/** The payloads of `count` ExportRoles, as `exportRoles(count)` sends them, recorded from a run of it. */
export async function payloadsOf(count: number): Promise<Payload[]> {
    const inputs = new Map<string, Record<string, unknown>>();
    await pulumi.runtime.setMocks(
        {
            newResource: (args) => {
                inputs.set(args.name, args.inputs as Record<string, unknown>);
                return mockResourceState(args, { accountId: ACCOUNT, partition: "aws" });
            },
            call: () => ({ accountId: ACCOUNT, region: REGION }),
        },
        "bench",
        "bench",
        false,
    );
    createExportRoles(count, "given");
    await pulumi.runtime.disconnect();
    return Array.from({ length: count }, (_, index) => ({
        policy: inputs.get(`export-${index}-policy`) as unknown as PolicyArgs,
        role: inputs.get(`export-${index}-role`) as unknown as RoleArgs,
    }));
}

/**
 * The floor: a component that does nothing of its own. It registers the same
 * three children with the same input properties as an ExportRole, parented to
 * it, and then calls registerOutputs.
 */
class MinimalComponent extends pulumi.ComponentResource {
    constructor(name: string, payload: Payload) {
        super("bench:index:MinimalComponent", name, {}, {});
        const policy = new Policy(`${name}-policy`, { ...payload.policy }, { parent: this });
        const role = new Role(`${name}-role`, { ...payload.role }, { parent: this });
        new RolePolicyAttachment(`${name}-attachment`, { role: role.name, policyArn: policy.arn }, { parent: this });
        this.registerOutputs({});
    }
}

/** `payloads.length` minimal components, one per payload. */
export function minimalComponents(payloads: readonly Payload[]): Promise<RunCost> {
    return timed(() => payloads.forEach((payload, index) => new MinimalComponent(`floor-${index}`, payload)));
}

/** The same three IAM resources per payload, made directly, with no component around them. */
export function bareResources(payloads: readonly Payload[]): Promise<RunCost> {
    return timed(() =>
        payloads.forEach((payload, index) => {
            const policy = new Policy(`bare-${index}-policy`, { ...payload.policy });
            const role = new Role(`bare-${index}-role`, { ...payload.role });
            new RolePolicyAttachment(`bare-${index}-attachment`, { role: role.name, policyArn: policy.arn });
        }),
    );
}
