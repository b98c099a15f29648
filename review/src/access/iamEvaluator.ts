// Asks a real IAM policy evaluator, @cloud-copilot/iam-simulate, what
// policies mean. The evaluator is AGPL-3.0 and a devDependency: the tests and
// the offline plan (a repository tool) use it; the library in components/ and
// the stack program never do (tests/evaluation/evaluatorIsTestOnly.test.ts).
//
// The evaluator is strict about its input and quiet about some of it, so every
// request goes through `evaluate`, which turns each quiet case into a failure:
// - a request it cannot evaluate (unknown action, an ARN of the wrong resource
//   type, a wildcard-only action given a resource) comes back as an error;
// - a context key that does not apply to the action is silently dropped, which
//   would hide a misspelt key: it is listed in `ignoredContextKeys`;
// - a `*` in a request's resource ARN makes it evaluate a pattern of
//   resources instead of one resource.
// Context values are single strings: the evaluator would read only the first
// element of an array given for a single-valued key such as s3:prefix.
import { runSimulation, type Simulation, type SingleResourceSimulationResult } from "@cloud-copilot/iam-simulate";

/** The account of the role, and of every resource unless a request says otherwise. */
export const ROLE_ACCOUNT = "123456789012";

/** The export role, as the principal of the requests Pinpoint makes with it. */
export const EXPORT_ROLE_ARN = `arn:aws:iam::${ROLE_ACCOUNT}:role/pinpoint-export`;

/** What IAM decides about one request. */
export type Decision = "Allowed" | "ImplicitlyDenied" | "ExplicitlyDenied";

/** The context keys of a request, each with the one value AWS would send. */
export type RequestContext = Readonly<Record<string, string | string[]>>;

/**
 * A policy as the evaluator takes it: a document built here, which is rendered
 * as it would be sent to AWS, or the JSON text that was sent (e.g. read back
 * from a stack's state).
 */
export type EvaluatedPolicy = PolicyDocument | string;

/** A policy document as a value: `{ Version, Statement }`, as components/policies builds them. */
export interface PolicyDocument {
    readonly Version: string;
    readonly Statement: readonly object[];
}

/** A request that the export role makes, e.g. `s3:PutObject` on an object. */
export interface RoleRequest {
    readonly action: string;
    /** One resource ARN, without wildcards; `*` only for an action that takes no resource. */
    readonly resource: string;
    /** The context keys AWS would send with the request. None when absent. */
    readonly context?: RequestContext;
    /** The resource's own policy, e.g. a KMS key policy. None when absent. */
    readonly resourcePolicy?: object;
    /** Whether the role asks from the resource's own account, never cross-account; else from {@link ROLE_ACCOUNT}. */
    readonly fromResourceAccount?: boolean;
}

/** A request to assume the role, e.g. by `pinpoint.amazonaws.com`. */
export interface AssumeRoleRequest {
    /** A service principal such as `pinpoint.amazonaws.com`, or an IAM principal ARN. */
    readonly principal: string;
    readonly context?: RequestContext;
}

/**
 * What IAM decides when the export role, holding only `permissionPolicy`,
 * makes `request` in its own account. The policy is evaluated as the JSON text
 * that is sent to AWS.
 */
export async function decideForRole(permissionPolicy: EvaluatedPolicy, request: RoleRequest): Promise<Decision> {
    return (await evaluate(roleSimulation(request, permissionPolicy), request)).overallResult;
}

/** The decisions of one evaluation with a permissions boundary: each policy's own, and the request's. */
export interface BoundedDecision {
    /** What the permission policy alone decides. */
    readonly policy: Decision;
    /** What the boundary policy alone decides. */
    readonly boundary: Decision;
    /** What IAM decides for the request: allowed only where both allow. */
    readonly overall: Decision;
}

/**
 * What IAM decides when the export role holds `permissionPolicy` and has
 * `boundaryPolicy` as its permissions boundary. The evaluator analyses each
 * policy on its own too, so one evaluation gives the decisions of two
 * policies, and shows whether the boundary takes away anything the policy
 * grants.
 */
export async function decideWithBoundary(
    permissionPolicy: EvaluatedPolicy,
    boundaryPolicy: EvaluatedPolicy,
    request: RoleRequest,
): Promise<BoundedDecision> {
    const result = await evaluate(roleSimulation(request, permissionPolicy, boundaryPolicy), request);
    const { identityAnalysis, permissionBoundaryAnalysis } = result.result.analysis;
    if (identityAnalysis === undefined || permissionBoundaryAnalysis === undefined) {
        throw new Error(`The evaluator analysed no policy or no boundary for ${JSON.stringify(request)}`);
    }
    return {
        policy: identityAnalysis.result,
        boundary: permissionBoundaryAnalysis.result,
        overall: result.overallResult,
    };
}

/**
 * What IAM decides when the export role holds every one of `policies` (none:
 * it may do nothing), with `boundary` as its permissions boundary if given,
 * and makes `request`.
 */
export async function decideForPolicies(
    policies: readonly EvaluatedPolicy[],
    request: RoleRequest,
    boundary?: EvaluatedPolicy,
): Promise<Decision> {
    if (policies.length === 0) {
        return "ImplicitlyDenied";
    }
    return (await evaluate(roleSimulation(request, policies, boundary), request)).overallResult;
}

/**
 * What the trust policy alone decides when `request.principal` asks for
 * `action` on the role: Allowed also when it trusts the principal's account,
 * whose own policies then decide.
 */
export async function decideByTrust(
    trustPolicy: EvaluatedPolicy,
    request: AssumeRoleRequest,
    action = "sts:AssumeRole",
): Promise<Decision> {
    const result = await evaluate(assumeRoleSimulation(trustPolicy, request, action), request);
    const trust = result.result.analysis.resourceAnalysis?.result;
    if (trust === undefined) {
        throw new Error(`The evaluator analysed no trust policy for ${JSON.stringify(request)}`);
    }
    return trust === "Allowed" || trust === "AllowedForAccount"
        ? "Allowed"
        : trust === "ExplicitlyDenied" || trust === "DeniedForAccount"
          ? "ExplicitlyDenied"
          : "ImplicitlyDenied";
}

function roleSimulation(
    request: RoleRequest,
    permissionPolicy: EvaluatedPolicy | readonly EvaluatedPolicy[],
    boundaryPolicy?: EvaluatedPolicy,
): Simulation {
    const identityPolicies = (
        Array.isArray(permissionPolicy) ? permissionPolicy : [permissionPolicy]
    ) as EvaluatedPolicy[];
    return {
        request: {
            principal: request.fromResourceAccount ? roleArnIn(resourceAccount(request.resource)) : EXPORT_ROLE_ARN,
            action: request.action,
            resource: { resource: request.resource, accountId: resourceAccount(request.resource) },
            contextVariables: { ...request.context },
        },
        identityPolicies: identityPolicies.map((policy, index) => ({
            name: index === 0 ? "permission-policy" : `permission-policy-${index + 1}`,
            policy: asSent(policy),
        })),
        permissionBoundaryPolicies:
            boundaryPolicy === undefined ? undefined : [{ name: "boundary-policy", policy: asSent(boundaryPolicy) }],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: request.resourcePolicy,
    };
}

/**
 * What IAM decides when `request.principal` asks to assume the export role,
 * whose trust policy is `trustPolicy`.
 */
export async function decideAssumeRole(trustPolicy: EvaluatedPolicy, request: AssumeRoleRequest): Promise<Decision> {
    return (await evaluate(assumeRoleSimulation(trustPolicy, request, "sts:AssumeRole"), request)).overallResult;
}

function assumeRoleSimulation(trustPolicy: EvaluatedPolicy, request: AssumeRoleRequest, action: string): Simulation {
    return {
        request: {
            principal: request.principal,
            action,
            resource: { resource: EXPORT_ROLE_ARN, accountId: ROLE_ACCOUNT },
            contextVariables: { ...request.context },
        },
        identityPolicies: [],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: asSent(trustPolicy),
    };
}

/**
 * Loads the evaluator's data for the services the policies use. The first
 * evaluation of a service reads its data from disk; a `before` hook that calls
 * this keeps that cost out of the tests themselves.
 */
export async function warmUpEvaluator(): Promise<void> {
    const policy: PolicyDocument = { Version: "2012-10-17", Statement: [] };
    await decideForRole(policy, { action: "s3:GetObject", resource: "arn:aws:s3:::warm-up/key" });
    await decideForRole(policy, { action: "s3:ListBucket", resource: "arn:aws:s3:::warm-up" });
    await decideForRole(policy, {
        action: "kms:Decrypt",
        resource: `arn:aws:kms:us-east-1:${ROLE_ACCOUNT}:key/warm-up`,
    });
    await decideAssumeRole(policy, { principal: "pinpoint.amazonaws.com" });
}

async function evaluate(simulation: Simulation, request: object): Promise<SingleResourceSimulationResult> {
    const result = await runSimulation(simulation, {});
    const described = JSON.stringify(request);
    if (result.resultType === "error") {
        throw new Error(`The evaluator refused ${described}: ${JSON.stringify(result.errors)}`);
    }
    if (result.resultType !== "single") {
        throw new Error(`${described} names a pattern of resources, not one resource`);
    }
    const ignored = result.result.ignoredContextKeys ?? [];
    if (ignored.length > 0) {
        throw new Error(`${described} has context keys that do not apply to its action: ${ignored.join(", ")}`);
    }
    return result;
}

/** The policy as AWS receives it: the JSON text, parsed. */
function asSent(policy: EvaluatedPolicy): unknown {
    return JSON.parse(typeof policy === "string" ? policy : JSON.stringify(policy));
}

/** The export role's ARN, as if it were in `account`. */
function roleArnIn(account: string): string {
    return EXPORT_ROLE_ARN.replace(ROLE_ACCOUNT, account);
}

/** The account in the ARN (a KMS key's), or the role's for ARNs without one (S3's). */
function resourceAccount(arn: string): string {
    const account = arn.split(":")[4];
    return account ? account : ROLE_ACCOUNT;
}
