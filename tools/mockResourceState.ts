// What the mocked AWS gives a new resource. A plain module, without
// @pulumi/pulumi, shared by the in-process mocks (mocks.ts), the runner of a
// consumer program under its own SDK (runProgramUnderMocks.ts) and the benchmark.

/** The account and partition whose ARNs the mocked resources get. */
export interface MockArnOwner {
    readonly accountId: string;
    readonly partition: string;
}

/** The IAM resource kinds that get a name and an ARN, by type token. */
const IAM_KINDS: Readonly<Record<string, string>> = { "aws:iam/role:Role": "role", "aws:iam/policy:Policy": "policy" };

/**
 * The id and state of a new resource: its inputs, and for an IAM role or
 * policy the name (the given one, else an autoname from the resource's name)
 * and the ARN AWS would give it. Other resources get an id from their name.
 */
export function mockResourceState(
    args: { readonly type: string; readonly name: string; readonly inputs: unknown },
    owner: MockArnOwner,
): { id: string; state: Record<string, unknown> } {
    const inputs = args.inputs as Record<string, unknown>;
    const kind = IAM_KINDS[args.type];
    if (kind === undefined) {
        return { id: `${args.name}-id`, state: inputs };
    }
    const name = (inputs.name as string | undefined) ?? `${args.name}-1234567`;
    const path = (inputs.path as string | undefined) ?? "/";
    return {
        id: name,
        state: { ...inputs, name, arn: `arn:${owner.partition}:iam::${owner.accountId}:${kind}${path}${name}` },
    };
}
