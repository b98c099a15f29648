// When two policy documents are the same policy, and which statements an
// update adds and removes.
import { strict as assert } from "assert";
import { buildTrustPolicy } from "../../../components/policies/trustPolicy";
import { renderPolicy } from "../../../components/policies/policyDocument";
import { equivalentPolicies } from "../../../review/src/diff/policyEquivalence";
import { statementChanges } from "../../../review/src/diff/statementChanges";

const LIST = {
    Sid: "List",
    Effect: "Allow",
    Action: ["s3:ListBucket"],
    Resource: ["arn:aws:s3:::b"],
    Condition: { StringLike: { "s3:prefix": ["F/*"] } },
};
const WRITE = {
    Sid: "Write",
    Effect: "Allow",
    Action: ["s3:PutObject", "s3:AbortMultipartUpload"],
    Resource: ["arn:aws:s3:::b/F/*"],
};
const policy = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

describe("policy documents", () => {
    describe("are the same policy", () => {
        it("whatever the whitespace, key order and order of statements", () => {
            const shuffled = JSON.stringify(
                {
                    Statement: [
                        { ...WRITE },
                        {
                            Condition: LIST.Condition,
                            Resource: LIST.Resource,
                            Action: LIST.Action,
                            Effect: "Allow",
                            Sid: "List",
                        },
                    ],
                    Version: "2012-10-17",
                },
                null,
                2,
            );
            assert.ok(equivalentPolicies(policy(LIST, WRITE), shuffled));
        });

        it("whatever the order of the values of Action, Resource and Condition, and whether one value is a list", () => {
            const reordered = {
                ...WRITE,
                Action: ["s3:AbortMultipartUpload", "s3:PutObject"],
                Resource: "arn:aws:s3:::b/F/*",
            };
            const single = { ...LIST, Action: "s3:ListBucket", Condition: { StringLike: { "s3:prefix": "F/*" } } };
            assert.ok(equivalentPolicies(policy(LIST, WRITE), policy(single, reordered)));
        });
    });

    describe("are different policies", () => {
        for (const [what, changed] of [
            ["an action", { ...WRITE, Action: ["s3:PutObject", "s3:GetObject"] }],
            ["a resource", { ...WRITE, Resource: ["arn:aws:s3:::b/G/*"] }],
            ["a Sid (the provider compares Sids too)", { ...WRITE, Sid: "Other" }],
        ] as const) {
            it(`when ${what} differs`, () => {
                assert.ok(!equivalentPolicies(policy(LIST, WRITE), policy(LIST, changed)));
            });
        }
    });

    describe("statement changes", () => {
        it("are the statements added and removed, as rows of the cdk diff table, sorted by resource", () => {
            const narrowed = { ...WRITE, Resource: ["arn:aws:s3:::b/F/daily/*"] };
            assert.deepEqual(statementChanges(policy(LIST, WRITE), policy(LIST, narrowed), "(the role)"), [
                {
                    change: "-",
                    resource: "arn:aws:s3:::b/F/*",
                    effect: "Allow",
                    action: "s3:AbortMultipartUpload, s3:PutObject",
                    principal: "",
                    condition: "",
                },
                {
                    change: "+",
                    resource: "arn:aws:s3:::b/F/daily/*",
                    effect: "Allow",
                    action: "s3:AbortMultipartUpload, s3:PutObject",
                    principal: "",
                    condition: "",
                },
            ]);
        });

        it("leave out a statement that only changes its Sid", () => {
            assert.deepEqual(
                statementChanges(policy(LIST, WRITE), policy({ ...LIST, Sid: "Renamed" }, WRITE), "(the role)"),
                [],
            );
        });

        it("of a trust policy name the role, the principal and the condition", () => {
            const trust = (applicationId?: string) =>
                renderPolicy(
                    buildTrustPolicy({
                        partition: "aws",
                        region: "us-east-1",
                        accountId: "123456789012",
                        applicationId,
                    }),
                );
            const rows = statementChanges(trust(), trust("0123456789abcdef0123456789abcdef"), "(the role r)");
            assert.deepEqual(
                rows.map((row) => [
                    row.change,
                    row.resource,
                    row.action,
                    row.principal,
                    row.condition.includes("apps/*"),
                ]),
                [
                    ["-", "(the role r)", "sts:AssumeRole", "Service:pinpoint.amazonaws.com", true],
                    ["+", "(the role r)", "sts:AssumeRole", "Service:pinpoint.amazonaws.com", false],
                ],
            );
        });

        it("of a document that is created or deleted are all its statements", () => {
            assert.deepEqual(
                statementChanges(undefined, policy(LIST, WRITE), "").map((row) => row.change),
                ["+", "+"],
            );
            assert.deepEqual(
                statementChanges(policy(LIST), undefined, "").map((row) => row.change),
                ["-"],
            );
        });
    });
});
