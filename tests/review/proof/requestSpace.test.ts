// The request space's variables, constraints and scope, and what it refuses
// to encode, read without a solver: a request AWS never makes is outside the
// constraints, a scope holds what it says, and a policy the proof cannot
// read is refused with its reason, never read as something narrower.
import { strict as assert } from "assert";
import { and, holdsAt } from "../../../review/src/proof/formula";
import { PolicyKind } from "../../../review/src/proof/policyStatements";
import { OutsideFragmentError, RequestSpace } from "../../../review/src/proof/requestSpace";
import { holdsFor, pointOf, sideOf } from "../../support/requestPoint";

const BUCKET = "arn:aws:s3:::example-bucket";
const ACCOUNT = "123456789012";

const policy = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const allow = (action: string | string[], resource: string | string[], condition?: object) => ({
    Effect: "Allow",
    Action: action,
    Resource: resource,
    ...(condition ? { Condition: condition } : {}),
});

async function spaceOf(kind: PolicyKind, text: string): Promise<RequestSpace> {
    return RequestSpace.build(kind, [sideOf(kind, text)]);
}

async function refusal(kind: PolicyKind, text: string): Promise<string> {
    const error = await RequestSpace.build(kind, [sideOf(kind, text)]).then(
        () => assert.fail("the space was built"),
        (caught: unknown) => caught,
    );
    assert.ok(error instanceof OutsideFragmentError, String(error));
    return error.message;
}

describe("the request space, without a solver", () => {
    it("numbers its variables: the action, the resource, each key, then each unknown policy's two", async () => {
        const side = {
            ...sideOf("identity", policy(allow("s3:ListBucket", BUCKET, { StringLike: { "s3:prefix": "a/*" } }))),
            unknown: [{ id: "P", name: "the policy P", reason: "a test's" }],
        };
        const space = await RequestSpace.build("identity", [side]);
        assert.deepEqual(
            space.variables.map((variable) => variable.name),
            ["action", "resource", "s3:prefix", "the policy P allows", "the policy P denies"],
        );
        assert.deepEqual(space.unknownVariables, [3, 4]);
        assert.equal(space.keys[0].values[0].kind, "absent");
    });

    it("holds a resource to a type its action takes", async () => {
        const space = await spaceOf("identity", policy(allow(["s3:GetObject", "s3:ListBucket"], `${BUCKET}*`)));
        assert.doesNotThrow(() => pointOf(space, { action: "s3:GetObject", subject: `${BUCKET}/a` }));
        assert.doesNotThrow(() => pointOf(space, { action: "s3:ListBucket", subject: BUCKET }));
        assert.throws(() => pointOf(space, { action: "s3:GetObject", subject: BUCKET }), /no action group/);
        // The same request by its values: GetObject's group with the bucket's class breaks the constraints.
        const object = pointOf(space, { action: "s3:GetObject", subject: `${BUCKET}/a` });
        const bucket = pointOf(space, { action: "s3:ListBucket", subject: BUCKET });
        assert.equal(holdsAt(and(...space.constraints), [object[0], bucket[1]]), false);
    });

    it("lets a request carry only the keys its action supports", async () => {
        const space = await spaceOf(
            "identity",
            policy(allow(["s3:GetObject", "s3:ListBucket"], `${BUCKET}*`, { StringLike: { "s3:prefix": "a/*" } })),
        );
        assert.doesNotThrow(() =>
            pointOf(space, { action: "s3:ListBucket", subject: BUCKET, context: { "s3:prefix": "a/" } }),
        );
        assert.throws(
            () => pointOf(space, { action: "s3:GetObject", subject: `${BUCKET}/a`, context: { "s3:prefix": "a/" } }),
            /breaks the space's constraints/,
        );
    });

    it("holds a principal to the shapes principals have", async () => {
        const space = await spaceOf("trust", policy({ Effect: "Allow", Principal: "*", Action: "sts:AssumeRole" }));
        assert.doesNotThrow(() => pointOf(space, { action: "sts:AssumeRole", subject: "pinpoint.amazonaws.com" }));
        assert.doesNotThrow(() =>
            pointOf(space, { action: "sts:AssumeRole", subject: `arn:aws:sts::${ACCOUNT}:assumed-role/r/s` }),
        );
        assert.throws(() => pointOf(space, { action: "sts:AssumeRole", subject: "anyone" }), /constraints|no action/);
    });

    it("holds a scope's actions and resources, and leaves out its excluded ones", async () => {
        const side = sideOf("identity", policy(allow("s3:*", `${BUCKET}/*`)));
        const space = await RequestSpace.build("identity", [side], {
            description: "object writes in Exports/, not Exports/keep/",
            actions: (target) => target.action === "s3:PutObject",
            resources: [`${BUCKET}/Exports/*`],
            excludedResources: [`${BUCKET}/Exports/keep/*`],
        });
        const scope = space.scope();
        assert.equal(holdsFor(space, scope, { action: "s3:PutObject", subject: `${BUCKET}/Exports/a` }), true);
        assert.equal(holdsFor(space, scope, { action: "s3:GetObject", subject: `${BUCKET}/Exports/a` }), false);
        assert.equal(holdsFor(space, scope, { action: "s3:PutObject", subject: `${BUCKET}/Other/a` }), false);
        assert.equal(holdsFor(space, scope, { action: "s3:PutObject", subject: `${BUCKET}/Exports/keep/a` }), false);
    });

    it("prefers witnesses in a partition the policies name", async () => {
        const space = await spaceOf("identity", policy(allow("s3:GetObject", "arn:aws-us-gov:s3:::b/*")));
        const inGov = space.subjectClasses.findIndex((found) => found.witness.startsWith("arn:aws-us-gov:s3:::b/"));
        assert.ok(inGov >= 0);
        assert.equal(space.inNamedPartition(inGov), true);
        assert.equal(space.inNamedPartition(space.subjectClasses.findIndex((found) => found.witness === "")), false);
    });

    // Policy variables, set operators, NotPrincipal, addresses and dates are encoded: semantics.test.ts.
    describe("refuses what it does not encode, with the reason", () => {
        const rows: readonly [string, PolicyKind, string, RegExp][] = [
            [
                "an operator it does not know",
                "identity",
                policy(allow("s3:GetObject", "*", { StringSoundsLike: { "aws:username": "bob" } })),
                /the condition operator StringSoundsLike is not encoded/,
            ],
            [
                "a multi-valued key without a set operator",
                "identity",
                policy(allow("s3:GetObject", "*", { StringEquals: { "aws:TagKeys": "a" } })),
                /aws:TagKeys is a multi-valued key/,
            ],
        ];
        for (const [what, kind, text, reason] of rows) {
            it(what, async () => {
                assert.match(await refusal(kind, text), reason);
            });
        }
    });
});
