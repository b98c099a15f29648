import { strict as assert } from "assert";
import { PolicyDocument } from "../../components/policies/policyDocument";
import {
    AssumeRoleRequest,
    Decision,
    decideAssumeRole,
    decideForRole,
    RoleRequest,
} from "../../review/src/access/iamEvaluator";

/** Asserts that the role, holding `policy`, gets `expected` for every one of `requests`; lists every miss. */
export async function expectRoleDecisions(
    policy: PolicyDocument,
    requests: readonly RoleRequest[],
    expected: Decision,
): Promise<void> {
    assert.ok(requests.length > 0, "no requests to check");
    const decisions = await Promise.all(requests.map((request) => decideForRole(policy, request)));
    assert.deepEqual(misses(requests, decisions, expected), []);
}

/** Asserts that every one of `requests` to assume a role with `trustPolicy` gets `expected`. */
export async function expectAssumeRoleDecisions(
    trustPolicy: PolicyDocument,
    requests: readonly AssumeRoleRequest[],
    expected: Decision,
): Promise<void> {
    assert.ok(requests.length > 0, "no requests to check");
    const decisions = await Promise.all(requests.map((request) => decideAssumeRole(trustPolicy, request)));
    assert.deepEqual(misses(requests, decisions, expected), []);
}

function misses(requests: readonly object[], decisions: readonly Decision[], expected: Decision): string[] {
    return requests.flatMap((request, index) =>
        decisions[index] === expected ? [] : [`${describeRequest(request)} is ${decisions[index]}, not ${expected}`],
    );
}

/** A request as a line of JSON, without the resource policy it meets. */
function describeRequest(request: object): string {
    return JSON.stringify(request, (key, value: unknown) => (key === "resourcePolicy" ? undefined : value));
}
