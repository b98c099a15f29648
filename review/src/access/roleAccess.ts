// What decides each role's access, before and after a change: the policies
// attached to it (found through the attachments, not assumed), its inline
// policies, its trust policy and its permissions boundary. A role that does
// not exist on one side has no access there. Resources are joined by value,
// as AWS joins them, wherever the value is known; a recorded dependency
// joins them only where the value is not known, and one that disagrees with
// a known value is named and leaves the role not decided. A policy known only
// by its ARN (AWS-managed, another stack's) is text the review does not know:
// the same ARN on both sides is the same text. A secret ("[secret]" in a
// preview) is unknown text, named with its reason.
import { PropertyValue } from "../diff/decideStep";
import { PlanStep } from "../diff/planSteps";
import { inputValue, UNKNOWN } from "../diff/wireValues";

/** One policy attached to the role, or its permissions boundary. */
export interface AttachedPolicy {
    /** The same on both sides for the same policy: the policy's ARN where it is known, else its URN. */
    readonly id: string;
    /** How the output names it, e.g. `pinpoint-export-policy`. */
    readonly name: string;
    /** Its document; `unknown` when it is known only after apply or the file does not hold the policy. */
    readonly document: PropertyValue;
    /** Why the document is not known, when that is not "known only after apply". */
    readonly unknownBecause?: string;
}

/** The documents that decide what one export role may do. */
export interface RoleAccess {
    readonly permissionPolicies: readonly AttachedPolicy[];
    readonly trustPolicy: PropertyValue;
    /** The boundary's ARN, as the role's input. */
    readonly permissionsBoundary: PropertyValue;
    /** The boundary's document: the policy of that ARN where the file holds it, else unknown; absent without a boundary. */
    readonly boundaryPolicy?: AttachedPolicy;
    /** Why what decides the role's access is not known: a dependency that disagrees with a value. */
    readonly undecided?: readonly string[];
}

/** One export role's access before and after the update; a side is absent where the role does not exist. */
export interface AccessPair {
    /** The role, as its step names it, e.g. `pinpoint-export-role`. */
    readonly role: string;
    /** The role's URN: the new one where it exists after the change. */
    readonly urn?: string;
    readonly before?: RoleAccess;
    readonly after?: RoleAccess;
}

const POLICY = "aws:iam/policy:Policy";
const ROLE = "aws:iam/role:Role";
const ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const POLICY_ATTACHMENT = "aws:iam/policyAttachment:PolicyAttachment";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";

/** How `pulumi preview --json` shows a secret: its value is not in the file. */
export const SECRET = "[secret]";

type Side = "before" | "after";

/** A resource on one side: its URN there, its inputs and, where the file has them, its outputs. */
interface Held {
    readonly step: PlanStep;
    readonly urn: string;
    readonly inputs: Readonly<Record<string, unknown>>;
    readonly outputs?: Readonly<Record<string, unknown>>;
    readonly dependencies?: Readonly<Record<string, readonly string[]>>;
}

function held(step: PlanStep, side: Side): Held | undefined {
    const resource = step[side];
    if (!resource) {
        return undefined;
    }
    return {
        step,
        urn: resource.urn,
        inputs: resource.inputs,
        // A resource that keeps its identity keeps its ARN and id: the old outputs stand where the new are not in the file.
        outputs:
            side === "before"
                ? step.before?.outputs
                : (step.afterOutputs ??
                  (step.op === "same" || step.op === "update" ? step.before?.outputs : undefined)),
        dependencies: resource.propertyDependencies,
    };
}

/** A value that is known text: not a secret, not known only after apply, not empty. */
function knownText(value: unknown): string | undefined {
    return typeof value === "string" && value !== "" && value !== SECRET && value !== UNKNOWN ? value : undefined;
}

/**
 * The access of every role, before and after. With `pairRenames` (the offline
 * plan), a role the program no longer registers and one it registers anew (a
 * rename without an alias) are taken as the same role when each is the only
 * one of its kind; a preview's engine deletes the one and creates the other,
 * so the review takes them as two.
 */
export function accessPairs(steps: readonly PlanStep[], { pairRenames = true } = {}): AccessPair[] {
    const roles = steps.filter((step) => step.type === ROLE);
    const onlyBefore = roles.filter((step) => step.after === undefined);
    const onlyAfter = roles.filter((step) => step.before === undefined);
    const pairs: { role: string; before?: PlanStep; after?: PlanStep }[] = [];
    if (pairRenames && onlyBefore.length === 1 && onlyAfter.length === 1) {
        pairs.push({ role: onlyAfter[0].name, before: onlyBefore[0], after: onlyAfter[0] });
    }
    for (const step of roles) {
        if (!pairs.some((pair) => pair.before === step || pair.after === step)) {
            pairs.push({
                role: step.name,
                before: step.before ? step : undefined,
                after: step.after ? step : undefined,
            });
        }
    }
    return pairs.map((pair) => ({
        role: pair.role,
        urn: (pair.after ?? pair.before)!.urn,
        before: pair.before && roleAccess(steps, held(pair.before, "before")!, "before"),
        after: pair.after && roleAccess(steps, held(pair.after, "after")!, "after"),
    }));
}

/** What a file holds on one side, for naming it in messages. */
function fileOf(side: Side): string {
    return side === "before" ? "the baseline" : "the program";
}

function roleAccess(steps: readonly PlanStep[], role: Held, side: Side): RoleAccess {
    const all = (type: string) => steps.filter((step) => step.type === type).flatMap((step) => held(step, side) ?? []);
    const policies = all(POLICY);
    const undecided: string[] = [];
    const roleValues = [role.inputs.name, role.outputs?.name, role.outputs?.id];
    const isThisRole = (resource: Held, property: string) => {
        const join = joins(resource, property, role, roleValues, side);
        if (join.disagreement) {
            undecided.push(join.disagreement);
        }
        return join.joined;
    };
    const attached = [
        ...all(ATTACHMENT).filter((attachment) => isThisRole(attachment, "role")),
        ...all(POLICY_ATTACHMENT).filter((attachment) => isThisRole(attachment, "roles")),
    ].map((attachment) => attachedPolicy(attachment, policies, side, undecided));
    const managed = managedPolicyArns(role, policies, side);
    const inline = inlinePolicies(role, side);
    const rolePolicies = all(ROLE_POLICY)
        .filter((rolePolicy) => isThisRole(rolePolicy, "role"))
        .map((rolePolicy) =>
            documentOf(rolePolicy, "policy", side, {
                id: `inline ${rolePolicy.urn}`,
                name: `the inline policy ${rolePolicy.step.name}`,
            }),
        );
    // An attachment whose role is neither known nor recorded may be this role's: unknown is never "no".
    for (const [type, property] of [
        [ATTACHMENT, "role"],
        [POLICY_ATTACHMENT, "roles"],
        [ROLE_POLICY, "role"],
    ] as const) {
        for (const resource of all(type).filter((each) => unjoinable(each, property))) {
            undecided.push(
                `${fileOf(side)}'s ${resource.step.name} names its ${property} by a value not known and records no ` +
                    `dependency, so it may apply to ${role.step.name}`,
            );
        }
    }
    const trustPolicy = documentOf(role, "assumeRolePolicy", side, { id: "trust policy", name: "trust policy" });
    return {
        permissionPolicies: [...attached, ...managed, ...inline, ...rolePolicies],
        trustPolicy: trustPolicy.document,
        permissionsBoundary: inputValue(role.inputs.permissionsBoundary),
        boundaryPolicy: boundaryPolicy(role, policies, side),
        ...(undecided.length > 0 ? { undecided } : {}),
    };
}

/**
 * The document in `property` of `resource`, as an attached policy: a secret
 * is unknown text with its reason; it is the same text on both sides when
 * the engine says the property does not change.
 */
function documentOf(
    resource: Held,
    property: string,
    side: Side,
    naming: { readonly id: string; readonly name: string; readonly diffProperty?: string },
): AttachedPolicy {
    const raw = resource.inputs[property];
    const { id, name } = naming;
    if (raw !== SECRET) {
        return { id, name, document: inputValue(raw) };
    }
    const changedBy = naming.diffProperty ?? property;
    const step = resource.step as PlanStep & { engine?: { diffReasons: readonly string[] } };
    const unchanged =
        step.op === "same" ||
        (step.engine !== undefined &&
            step.engine.diffReasons.length > 0 &&
            !step.engine.diffReasons.includes(changedBy));
    return {
        id: unchanged ? `secret ${resource.urn} ${property}` : `${side}: secret ${resource.urn} ${property}`,
        name,
        document: { state: "unknown" },
        unknownBecause:
            `${property} of ${resource.step.name} is a secret, shown as "${SECRET}" in the preview, so its text is unknown` +
            (unchanged ? " (the engine reports it unchanged)" : ""),
    };
}

/** The policy an attachment's `policyArn` names: one the file holds, else a policy known only by its ARN. */
function attachedPolicy(attachment: Held, policies: readonly Held[], side: Side, undecided: string[]): AttachedPolicy {
    const policy = policies.find((candidate) => {
        const join = joins(attachment, "policyArn", candidate, [candidate.outputs?.arn, candidate.outputs?.id], side);
        if (join.disagreement) {
            undecided.push(join.disagreement);
        }
        return join.joined;
    });
    if (policy) {
        return documentOf(policy, "policy", side, { id: policyId(policy), name: policy.step.name });
    }
    return byArn(
        attachment.inputs.policyArn,
        `the policy of ${attachment.step.name}`,
        `${side}:${attachment.urn}`,
        side,
    );
}

/** A policy the file does not hold, named by `arn`: its text is unknown, the same for the same ARN. */
function byArn(arn: unknown, fallbackName: string, fallbackId: string, side: Side): AttachedPolicy {
    const known = knownText(arn);
    const file = fileOf(side);
    if (known === undefined) {
        return {
            id: fallbackId,
            name: fallbackName,
            document: { state: "unknown" },
            unknownBecause:
                arn === SECRET
                    ? `${fallbackName} is named by a secret ARN, so its text is unknown`
                    : `${fallbackName} is known only after apply`,
        };
    }
    const awsManaged = /^arn:aws[a-z-]*:iam::aws:policy\//.test(known);
    return {
        id: known,
        name: known,
        document: { state: "unknown" },
        unknownBecause: awsManaged
            ? `${known} is an AWS-managed policy, whose text the review does not hold`
            : `${known} is not a policy ${file} holds (another stack's?), so its text is unknown`,
    };
}

/** The policies the role's `managedPolicyArns` name. */
function managedPolicyArns(role: Held, policies: readonly Held[], side: Side): AttachedPolicy[] {
    const value = role.inputs.managedPolicyArns;
    if (value === undefined || value === null) {
        return [];
    }
    const arns = Array.isArray(value) ? value : [value];
    return arns.map((arn, index) => {
        const policy = policies.find((candidate) => knownText(arn) !== undefined && candidate.outputs?.arn === arn);
        if (policy) {
            return documentOf(policy, "policy", side, { id: policyId(policy), name: policy.step.name });
        }
        return byArn(
            arn,
            `managedPolicyArns[${index}] of ${role.step.name}`,
            `${side}:${role.urn} managedPolicyArns[${index}]`,
            side,
        );
    });
}

/** The role's own `inlinePolicies`: `[{ name, policy }]`. */
function inlinePolicies(role: Held, side: Side): AttachedPolicy[] {
    const value = role.inputs.inlinePolicies;
    if (!Array.isArray(value)) {
        return value === undefined || value === null
            ? []
            : [
                  {
                      id: `${side}:${role.urn} inlinePolicies`,
                      name: `the inline policies of ${role.step.name}`,
                      document: { state: "unknown" },
                      unknownBecause:
                          value === SECRET
                              ? `the inline policies of ${role.step.name} are a secret, so their text is unknown`
                              : `the inline policies of ${role.step.name} are known only after apply`,
                  },
              ];
    }
    return value.flatMap((entry: unknown, index) => {
        const inline = (typeof entry === "object" && entry !== null ? entry : {}) as Record<string, unknown>;
        const name = knownText(inline.name) ?? `#${index}`;
        if (inline.policy === undefined || inline.policy === "") {
            return []; // the provider's way of saying "no inline policies": [{}]
        }
        return [
            documentOf({ ...role, inputs: inline }, "policy", side, {
                id: `inline ${role.urn} ${name}`,
                name: `the inline policy ${name} of ${role.step.name}`,
                diffProperty: "inlinePolicies",
            }),
        ];
    });
}

/** A policy's id: its ARN where the file knows it (a stack export, a preview), else its URN. */
function policyId(policy: Held): string {
    const arn = policy.outputs?.arn;
    return knownText(arn) ?? policy.urn;
}

function boundaryPolicy(role: Held, policies: readonly Held[], side: Side): AttachedPolicy | undefined {
    const arn = inputValue(role.inputs.permissionsBoundary);
    if (arn.state === "absent") {
        return undefined;
    }
    const file = fileOf(side);
    const text = arn.state === "known" ? knownText(arn.value) : undefined;
    if (text === undefined) {
        return {
            id: `${side}:boundary of ${role.urn}`,
            name: `the permissions boundary of ${role.step.name}`,
            document: { state: "unknown" },
            unknownBecause: `${file}'s permissions boundary of ${role.step.name} is known only after apply`,
        };
    }
    const found = policies.find((policy) => policy.outputs?.arn === text);
    if (found) {
        return documentOf(found, "policy", side, { id: text, name: `the permissions boundary ${found.step.name}` });
    }
    return {
        id: text,
        name: `the permissions boundary ${text}`,
        document: { state: "unknown" },
        unknownBecause: `the permissions boundary ${text} is not a policy ${file} holds, so its text is unknown`,
    };
}

/**
 * Whether `resource`'s `property` (a value, or a list of values) is made from
 * `target`. By value, as AWS joins them, wherever the value is known; by the
 * dependency the file records only where it is not. A recorded dependency on
 * `target` whose value is known and is not `target`'s is a disagreement: the
 * resources are joined by value, and the disagreement is named.
 */
function joins(
    resource: Held,
    property: string,
    target: Held,
    targetValues: readonly unknown[],
    side: Side,
): { joined: boolean; disagreement?: string } {
    const raw = resource.inputs[property];
    const values = Array.isArray(raw) ? raw : [raw];
    const known = values.map(knownText);
    const targets = targetValues.map(knownText).filter((value): value is string => value !== undefined);
    const byValue = known.some((value) => value !== undefined && targets.includes(value));
    const recorded = resource.dependencies?.[property]?.includes(target.urn) ?? false;
    const unknownValues = known.some((value) => value === undefined);
    if (byValue) {
        return { joined: true };
    }
    if (recorded && !unknownValues && targets.length > 0) {
        return {
            joined: false,
            disagreement:
                `${fileOf(side)}'s ${resource.step.name} records that its ${property} comes from ${target.step.name}, ` +
                `but its value ${known.join(", ")} is not ${target.step.name}'s (${targets[0]}): AWS joins by value`,
        };
    }
    // Not joined by value: by the dependency, where the values cannot be compared.
    return { joined: recorded && (unknownValues || targets.length === 0) };
}

/** Whether nothing tells which role `resource`'s `property` names: no known value, no recorded dependency. */
function unjoinable(resource: Held, property: string): boolean {
    const raw = resource.inputs[property];
    const values = Array.isArray(raw) ? raw : [raw];
    const recorded = (resource.dependencies?.[property] ?? []).length > 0;
    return !recorded && values.some((value) => knownText(value) === undefined);
}
