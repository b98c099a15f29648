// Steps of `pulumi preview --json` built to the engine's shape
// (pkg/backend/display/json.go of pulumi/pulumi v3.248.0): `op`, `urn`,
// `oldState` and `newState` as ResourceV3 (`urn`, `custom`, `id`, `type`,
// `inputs`, `outputs`, `parent`, `propertyDependencies`), `diffReasons`,
// `replaceReasons` and `detailedDiff`. Secrets are "[secret]" and values
// known only after apply Pulumi's unknown sentinel, as the CLI writes them.

/** Pulumi's sentinel for a value known only after apply. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
export const SECRET = "[secret]";
export const ACCOUNT = "123456789012";

const STACK = "dev";
const PROJECT = "shop";
const STACK_URN = `urn:pulumi:${STACK}::${PROJECT}::pulumi:pulumi:Stack::${PROJECT}-${STACK}`;

export interface State {
    readonly urn: string;
    readonly custom: boolean;
    readonly id?: string;
    readonly type: string;
    readonly inputs: Record<string, unknown>;
    readonly outputs: Record<string, unknown>;
    readonly parent: string;
    readonly propertyDependencies?: Record<string, string[]>;
}

/** A URN of the preview's stack: a resource at the root, or a child of `parent` (a component's type and name). */
export function urnOf(type: string, name: string, parent?: { type: string; name: string }): string {
    const qualified = parent ? `${parent.type}$${type}` : type;
    return `urn:pulumi:${STACK}::${PROJECT}::${qualified}::${name}`;
}

/** The component ExportRole `name`, as the parent of its children. */
export function exportRoleParent(name: string): { type: string; name: string } {
    return { type: "pinpoint-export:index:ExportRole", name };
}

export function componentUrn(parent: { type: string; name: string }): string {
    return urnOf(parent.type, parent.name);
}

/** A policy document's text, as the provider holds it. */
export function policyText(statements: readonly object[]): string {
    return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

export function allow(action: string | string[], resource: string | string[]): object {
    return { Effect: "Allow", Action: action, Resource: resource };
}

export const PINPOINT_TRUST = policyText([
    { Effect: "Allow", Principal: { Service: "pinpoint.amazonaws.com" }, Action: "sts:AssumeRole" },
]);

interface Options {
    readonly parent?: { type: string; name: string };
    /** Whether the resource exists already: then it has an id and outputs. */
    readonly created?: boolean;
    readonly dependencies?: Record<string, string[]>;
}

function parentUrn(options: Options): string {
    return options.parent ? componentUrn(options.parent) : STACK_URN;
}

export function roleState(name: string, inputs: Record<string, unknown>, options: Options = {}): State {
    const type = "aws:iam/role:Role";
    const roleName = typeof inputs.name === "string" ? inputs.name : `${name}-0a1b2c3`;
    return {
        urn: urnOf(type, name, options.parent),
        custom: true,
        ...(options.created === false ? {} : { id: roleName }),
        type,
        inputs: { name: roleName, path: "/", maxSessionDuration: 3600, forceDetachPolicies: false, ...inputs },
        outputs:
            options.created === false
                ? {}
                : { ...inputs, name: roleName, arn: `arn:aws:iam::${ACCOUNT}:role/${roleName}`, id: roleName },
        parent: parentUrn(options),
        ...(options.dependencies ? { propertyDependencies: options.dependencies } : {}),
    };
}

export function policyState(name: string, document: string, options: Options = {}): State {
    const type = "aws:iam/policy:Policy";
    const policyName = `${name}-9f8e7d6`;
    const arn = `arn:aws:iam::${ACCOUNT}:policy/${policyName}`;
    return {
        urn: urnOf(type, name, options.parent),
        custom: true,
        ...(options.created === false ? {} : { id: arn }),
        type,
        inputs: { name: policyName, path: "/", policy: document },
        outputs: options.created === false ? {} : { name: policyName, path: "/", policy: document, arn, id: arn },
        parent: parentUrn(options),
    };
}

export function attachmentState(name: string, role: unknown, policyArn: unknown, options: Options = {}): State {
    const type = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
    return {
        urn: urnOf(type, name, options.parent),
        custom: true,
        ...(options.created === false ? {} : { id: `${String(role)}-20260101` }),
        type,
        inputs: { role, policyArn },
        outputs: options.created === false ? {} : { role, policyArn, id: `${String(role)}-20260101` },
        parent: parentUrn(options),
        ...(options.dependencies ? { propertyDependencies: options.dependencies } : {}),
    };
}

/** The ARN a policy state holds. */
export function arnOf(state: State): string {
    return String(state.outputs.arn);
}

/** One step as the CLI writes it. */
export function step(
    op: string,
    oldState: State | undefined,
    newState: State | undefined,
    diff: { diffs?: string[]; replaces?: string[] } = {},
): object {
    const urn = (newState ?? oldState)!.urn;
    const detailedDiff =
        diff.diffs || diff.replaces
            ? Object.fromEntries(
                  [...(diff.diffs ?? [])].map((key) => [
                      key,
                      { kind: diff.replaces?.includes(key) ? "update-replace" : "update", inputDiff: false },
                  ]),
              )
            : null;
    return {
        op,
        urn,
        provider: `urn:pulumi:${STACK}::${PROJECT}::pulumi:providers:aws::default_7_48_0::0c1d2e3f`,
        ...(oldState ? { oldState } : {}),
        ...(newState ? { newState } : {}),
        ...(diff.diffs ? { diffReasons: diff.diffs } : {}),
        ...(diff.replaces ? { replaceReasons: diff.replaces } : {}),
        detailedDiff,
    };
}

/** The three steps the engine gives a replacement in `pulumi preview --json`. */
export function replacement(oldState: State, newState: State, replaces: string[]): object[] {
    return [
        step("create-replacement", oldState, newState, { diffs: replaces, replaces }),
        step("replace", oldState, newState, { diffs: replaces, replaces }),
        step("delete-replaced", oldState, undefined, {}),
    ];
}

/** A whole preview: the stack's own step first, as the CLI writes it. */
export function preview(steps: readonly object[]): object {
    const stack = { urn: STACK_URN, custom: false, type: "pulumi:pulumi:Stack", inputs: {}, outputs: {}, parent: "" };
    const all = [step("same", stack, stack), ...steps];
    const summary: Record<string, number> = {};
    for (const each of all as { op: string }[]) {
        summary[each.op] = (summary[each.op] ?? 0) + 1;
    }
    return { config: { "aws:region": "us-east-1" }, steps: all, changeSummary: summary, duration: 1200000000 };
}

/**
 * A preview in which the ExportRole `exports` gets a policy for a wider
 * folder: s3:PutObject on `<bucket>/Exports/daily/*` becomes `<bucket>/Exports/*`.
 */
export function widerFolderPreview(bucket: string): object {
    const parent = exportRoleParent("exports");
    const role = roleState("exports-role", { assumeRolePolicy: PINPOINT_TRUST }, { parent });
    const policy = policyState(
        "exports-policy",
        policyText([allow("s3:PutObject", `arn:aws:s3:::${bucket}/Exports/daily/*`)]),
        { parent },
    );
    const wider = {
        ...policy,
        inputs: { ...policy.inputs, policy: policyText([allow("s3:PutObject", `arn:aws:s3:::${bucket}/Exports/*`)]) },
    };
    const attachment = attachmentState("exports-attachment", role.outputs.name, arnOf(policy), { parent });
    return preview([
        step("same", role, role),
        step("update", policy, wider, { diffs: ["policy"] }),
        step("same", attachment, attachment),
    ]);
}

/**
 * A preview in which each of `count` roles (each in its own component) has
 * its policy updated: the folder it may write to moves from `exports/i/` to
 * the wider `exports/`. For the benchmark.
 */
export function manyRolesPreview(count: number): object {
    const steps: object[] = [];
    for (let index = 0; index < count; index++) {
        const parent = exportRoleParent(`exports-${index}`);
        const bucket = `bucket-${index}`;
        const before = policyState(
            `exports-${index}-policy`,
            policyText([allow("s3:PutObject", `arn:aws:s3:::${bucket}/exports/${index}/*`)]),
            { parent },
        );
        const after = policyState(
            `exports-${index}-policy`,
            policyText([allow("s3:PutObject", `arn:aws:s3:::${bucket}/exports/*`)]),
            { parent },
        );
        const role = roleState(`exports-${index}-role`, { assumeRolePolicy: PINPOINT_TRUST }, { parent });
        const attachment = attachmentState(`exports-${index}-attachment`, role.outputs.name, arnOf(before), {
            parent,
            dependencies: { role: [role.urn], policyArn: [before.urn] },
        });
        steps.push(
            step("same", role, role),
            step("update", before, after, { diffs: ["policy"] }),
            step("same", attachment, attachment),
        );
    }
    return preview(steps);
}
