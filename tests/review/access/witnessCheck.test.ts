// The second engine: each witness the proof gives is asked of the IAM evaluator
// on both sides. Where the two disagree, one of them misreads IAM, and the
// plan must say so and count the change as broadening, whatever the proof found.
import { strict as assert } from "assert";
import { compareAccess } from "../../../review/src/access/accessChanges";
import { warmUpEvaluator } from "../../../review/src/access/iamEvaluator";
import { RoleAccess } from "../../../review/src/access/roleAccess";
import { checkWitness, WitnessCheck } from "../../../review/src/access/witnessCheck";
import { sharedSolver } from "../../../review/src/proof/solverProcess";

const policy = (action: string) =>
    JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: action, Resource: "arn:aws:s3:::b/*" }],
    });

const access = (action: string): RoleAccess => ({
    permissionPolicies: [{ id: "policy", name: "the policy", document: { state: "known", value: policy(action) } }],
    trustPolicy: { state: "known", value: JSON.stringify({ Version: "2012-10-17", Statement: [] }) },
    permissionsBoundary: { state: "absent" },
});

describe("the evaluator's check of each witness", () => {
    before(warmUpEvaluator);
    const put = { action: "s3:PutObject", resource: "arn:aws:s3:::b/x", context: {} };

    it("agrees where the evaluator decides the witness as the proof did on both sides", async () => {
        const check = await checkWitness(
            put,
            "allowed",
            { kind: "identity", policies: [policy("s3:GetObject")] },
            { kind: "identity", policies: [policy("s3:PutObject")] },
        );
        assert.deepEqual(check, { outcome: "agrees", before: "ImplicitlyDenied", after: "Allowed" });
    });

    it("says where and how it disagrees", async () => {
        const check = await checkWitness(
            put,
            "allowed",
            { kind: "identity", policies: [policy("s3:PutObject")] },
            { kind: "identity", policies: [policy("s3:PutObject")] },
        );
        assert.deepEqual(check, {
            outcome: "disagrees",
            said: "the evaluator finds it Allowed by the baseline's documents, where the proof finds it denied",
        });
    });

    it("evaluates a witness on a resource of another account as a request from that account", async () => {
        // The proof's requests come from the resource's own account; asked from the role's account,
        // the evaluator would need the table's own policy to allow it, and find it denied on both sides.
        const tables = (action: string) =>
            JSON.stringify({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Action: action, Resource: "arn:aws:dynamodb:*:*:table/*" }],
            });
        const check = await checkWitness(
            { action: "dynamodb:GetItem", resource: "arn:aws:dynamodb:us-east-1:111122223333:table/t", context: {} },
            "allowed",
            { kind: "identity", policies: [tables("dynamodb:PutItem")] },
            { kind: "identity", policies: [tables("dynamodb:GetItem")] },
        );
        assert.deepEqual(check, { outcome: "agrees", before: "ImplicitlyDenied", after: "Allowed" });
    });

    it("says so, and does not count it as a disagreement, where the evaluator cannot evaluate the request", async () => {
        const check = await checkWitness(
            { action: "s3:NoSuchAction", resource: "arn:aws:s3:::b/x", context: {} },
            "allowed",
            { kind: "identity", policies: [] },
            { kind: "identity", policies: [policy("s3:*")] },
        );
        assert.equal(check.outcome, "not checked");
    });

    it("makes the plan count a disagreement as broadening, even where the proof found nothing newly allowed", async () => {
        const disagreeing = (): Promise<WitnessCheck> =>
            Promise.resolve({ outcome: "disagrees", said: "the evaluator finds it Allowed by the new documents" });
        const changes = await compareAccess(
            [{ role: "r", before: access("s3:*"), after: access("s3:GetObject") }],
            sharedSolver(),
            disagreeing,
        );
        assert.deepEqual(changes.permissions.newlyAllowed, []);
        assert.ok(changes.permissions.newlyDenied.length > 0);
        assert.deepEqual([changes.broadening, changes.decidedBy], [true, "undecided"]);
        assert.match(
            changes.unevaluated.join("\n"),
            /^the proof and the IAM evaluator disagree on s3:\S+ on arn:aws:s3:::b\/\S*: the evaluator finds it Allowed by the new documents$/m,
        );
    });
});
