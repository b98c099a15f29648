// What decides each export role's access, before and after an update: the
// policies attached to it (found through the attachments, not assumed), its
// trust policy and its permissions boundary. A role that does not exist on
// one side has no access there; an attachment that points to a policy the
// file does not hold has a policy of unknown text.
import { PropertyValue } from "../diff/decideStep";
import { PlanStep } from "../diff/planSteps";
import { inputValue } from "../diff/wireValues";

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
}

/** One export role's access before and after the update; a side is absent where the role does not exist. */
export interface AccessPair {
    /** The role, as its step names it, e.g. `pinpoint-export-role`. */
    readonly role: string;
    readonly before?: RoleAccess;
    readonly after?: RoleAccess;
}

const POLICY = "aws:iam/policy:Policy";
const ROLE = "aws:iam/role:Role";
const ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";

type Side = "before" | "after";

/** A resource on one side: its URN there, its inputs and, in a stack export, its outputs. */
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
        outputs: side === "before" ? step.before?.outputs : undefined,
        dependencies: resource.propertyDependencies,
    };
}

/**
 * The access of every export role, before and after. A role the program no
 * longer registers and one it registers anew (a rename without an alias) are
 * taken as the same role when each is the only one of its kind.
 */
export function accessPairs(steps: readonly PlanStep[]): AccessPair[] {
    const roles = steps.filter((step) => step.type === ROLE);
    const onlyBefore = roles.filter((step) => step.after === undefined);
    const onlyAfter = roles.filter((step) => step.before === undefined);
    const pairs: { role: string; before?: PlanStep; after?: PlanStep }[] = [];
    if (onlyBefore.length === 1 && onlyAfter.length === 1) {
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
        before: pair.before && roleAccess(steps, held(pair.before, "before")!, "before"),
        after: pair.after && roleAccess(steps, held(pair.after, "after")!, "after"),
    }));
}

function roleAccess(steps: readonly PlanStep[], role: Held, side: Side): RoleAccess {
    const all = (type: string) => steps.filter((step) => step.type === type).flatMap((step) => held(step, side) ?? []);
    const policies = all(POLICY);
    const attachments = all(ATTACHMENT).filter((attachment) =>
        pointsTo(attachment, "role", role, [role.inputs.name, role.outputs?.name, role.outputs?.id]),
    );
    const file = side === "before" ? "the baseline" : "the program";
    return {
        permissionPolicies: attachments.map((attachment) => {
            const policy = policies.find((candidate) =>
                pointsTo(attachment, "policyArn", candidate, [candidate.outputs?.arn, candidate.outputs?.id]),
            );
            if (policy) {
                return { id: policyId(policy), name: policy.step.name, document: inputValue(policy.inputs.policy) };
            }
            const arn = attachment.inputs.policyArn;
            return {
                id: typeof arn === "string" ? arn : `${side}:${attachment.urn}`,
                name: typeof arn === "string" ? arn : `the policy of ${attachment.step.name}`,
                document: { state: "unknown" },
                unknownBecause:
                    `${file}'s attachment ${attachment.step.name} points to ` +
                    `${typeof arn === "string" ? arn : "a policy"}, which ${file} does not hold, so its text is unknown`,
            };
        }),
        trustPolicy: inputValue(role.inputs.assumeRolePolicy),
        permissionsBoundary: inputValue(role.inputs.permissionsBoundary),
        boundaryPolicy: boundaryPolicy(role, policies, side),
    };
}

/** A policy's id: its ARN where the file knows it (a stack export), else its URN. */
function policyId(policy: Held): string {
    const arn = policy.outputs?.arn;
    return typeof arn === "string" && arn !== "" ? arn : policy.urn;
}

function boundaryPolicy(role: Held, policies: readonly Held[], side: Side): AttachedPolicy | undefined {
    const arn = inputValue(role.inputs.permissionsBoundary);
    if (arn.state === "absent") {
        return undefined;
    }
    const file = side === "before" ? "the baseline" : "the program";
    if (arn.state !== "known" || typeof arn.value !== "string") {
        return {
            id: `${side}:boundary of ${role.urn}`,
            name: `the permissions boundary of ${role.step.name}`,
            document: { state: "unknown" },
            unknownBecause: `${file}'s permissions boundary of ${role.step.name} is known only after apply`,
        };
    }
    const held = policies.find((policy) => policy.outputs?.arn === arn.value);
    if (held) {
        return {
            id: arn.value,
            name: `the permissions boundary ${held.step.name}`,
            document: inputValue(held.inputs.policy),
        };
    }
    return {
        id: arn.value,
        name: `the permissions boundary ${arn.value}`,
        document: { state: "unknown" },
        unknownBecause: `the permissions boundary ${arn.value} is not a policy ${file} holds, so its text is unknown`,
    };
}

/**
 * Whether the attachment's `property` is made from `target`: by the
 * dependency the file records, or by value, as AWS itself joins them (a stack
 * export's role name, a policy's ARN).
 */
function pointsTo(attachment: Held, property: string, target: Held, values: readonly unknown[]): boolean {
    if (attachment.dependencies?.[property]?.includes(target.urn)) {
        return true;
    }
    const value = attachment.inputs[property];
    return typeof value === "string" && value !== "" && values.includes(value);
}
