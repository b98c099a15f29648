// IAM's rules as the proof encodes them (review/src/proof/iamSemantics.ts),
// read off the formulas with no solver: each row is a policy, one concrete
// request, and whether the formula `allowedBy` says it is allowed. The same
// rules, end to end through Z3 and the IAM evaluator, are semantics.test.ts.
import { strict as assert } from "assert";
import { PolicyKind } from "../../../review/src/proof/policyStatements";
import { RequestSpace } from "../../../review/src/proof/requestSpace";
import { ConcreteRequest, holdsFor, SideTexts, sideOf } from "../../support/requestPoint";

type Statement = Record<string, unknown>;

const BUCKET = "arn:aws:s3:::example-bucket";
const ACCOUNT = "123456789012";
const PINPOINT = "pinpoint.amazonaws.com";
const APPS = `arn:aws:mobiletargeting:us-east-1:${ACCOUNT}:apps`;

const policy = (...statements: Statement[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const allow = (action: string | string[], resource: string | string[], condition?: object): Statement => ({
    Effect: "Allow",
    Action: action,
    Resource: resource,
    ...(condition ? { Condition: condition } : {}),
});
const deny = (action: string | string[], resource: string | string[]): Statement => ({
    ...allow(action, resource),
    Effect: "Deny",
});
const listing = (condition: object) => policy(allow("s3:ListBucket", BUCKET, condition));
const trust = (principal: object, condition?: object) =>
    policy({
        Effect: "Allow",
        Principal: principal,
        Action: "sts:AssumeRole",
        ...(condition ? { Condition: condition } : {}),
    });

const get = (key: string): ConcreteRequest => ({ action: "s3:GetObject", subject: `${BUCKET}/${key}` });
const list = (context: Record<string, string> = {}): ConcreteRequest => ({
    action: "s3:ListBucket",
    subject: BUCKET,
    context,
});
const assume = (principal: string, context: Record<string, string> = {}): ConcreteRequest => ({
    action: "sts:AssumeRole",
    subject: principal,
    context,
});

interface Row {
    readonly rule: string;
    readonly kind?: PolicyKind;
    readonly side: SideTexts | string;
    /** Each request, and whether the side allows it. */
    readonly requests: readonly (readonly [ConcreteRequest, boolean])[];
}

const ROWS: readonly Row[] = [
    {
        rule: "deny wins over allow",
        side: policy(allow("s3:GetObject", `${BUCKET}/*`), deny("s3:GetObject", `${BUCKET}/secret/*`)),
        requests: [
            [get("secret/a"), false],
            [get("public/a"), true],
        ],
    },
    {
        rule: "NotResource allows what its list does not hold",
        side: policy({ Effect: "Allow", Action: "s3:GetObject", NotResource: `${BUCKET}/secret/*` }),
        requests: [
            [get("a"), true],
            [get("secret/a"), false],
        ],
    },
    {
        rule: "actions match case aside",
        side: policy(allow("S3:getobject", `${BUCKET}/*`)),
        requests: [[get("a"), true]],
    },
    {
        rule: "an action's name is a glob",
        side: policy(allow("s3:Get*", `${BUCKET}/*`)),
        requests: [
            [{ action: "s3:GetObjectAcl", subject: `${BUCKET}/a` }, true],
            [{ action: "s3:PutObject", subject: `${BUCKET}/a` }, false],
        ],
    },
    {
        rule: "the resource part's case counts, ? is one character",
        side: policy(allow("s3:GetObject", `${BUCKET}/Exports/a?c`)),
        requests: [
            [get("Exports/abc"), true],
            [get("exports/abc"), false],
            [get("Exports/ac"), false],
        ],
    },
    {
        rule: "statements of every policy of a side count",
        side: {
            policies: [policy(allow("s3:GetObject", `${BUCKET}/a`)), policy(allow("s3:PutObject", `${BUCKET}/b`))],
        },
        requests: [
            [{ action: "s3:PutObject", subject: `${BUCKET}/b` }, true],
            [get("a"), true],
            [get("b"), false],
        ],
    },
    {
        rule: "a boundary must allow too",
        side: {
            policies: [policy(allow("s3:GetObject", `${BUCKET}/*`))],
            boundary: [policy(allow("s3:*", `${BUCKET}/Exports/*`))],
        },
        requests: [
            [get("Exports/a"), true],
            [get("other/a"), false],
        ],
    },
    {
        rule: "StringLike compares as a glob",
        side: listing({ StringLike: { "s3:prefix": "Exports/*" } }),
        requests: [
            [list({ "s3:prefix": "Exports/a" }), true],
            [list({ "s3:prefix": "Other/" }), false],
            [list(), false],
        ],
    },
    {
        rule: "StringNotLike compares as a glob, and holds on an absent key",
        side: listing({ StringNotLike: { "s3:prefix": "Secret/*" } }),
        requests: [
            [list({ "s3:prefix": "Secret/a" }), false],
            [list({ "s3:prefix": "Exports/" }), true],
            [list(), true],
        ],
    },
    {
        rule: "StringEquals compares exactly: * is literal, case counts",
        side: listing({ StringEquals: { "s3:prefix": "Exports/*" } }),
        requests: [
            [list({ "s3:prefix": "Exports/*" }), true],
            [list({ "s3:prefix": "Exports/a" }), false],
            [list({ "s3:prefix": "exports/*" }), false],
        ],
    },
    {
        rule: "StringEqualsIgnoreCase compares case aside",
        side: listing({ StringEqualsIgnoreCase: { "s3:prefix": "EXPORTS/" } }),
        requests: [
            [list({ "s3:prefix": "exports/" }), true],
            [list({ "s3:prefix": "exports/a" }), false],
        ],
    },
    {
        rule: "a negated operator holds on an absent key",
        side: listing({ StringNotEquals: { "s3:prefix": "Secret/" } }),
        requests: [
            [list(), true],
            [list({ "s3:prefix": "Secret/" }), false],
            [list({ "s3:prefix": "Other/" }), true],
        ],
    },
    {
        rule: "IfExists holds on an absent key, and tests a present one",
        side: listing({ StringEqualsIfExists: { "s3:prefix": "Exports/" } }),
        requests: [
            [list(), true],
            [list({ "s3:prefix": "Exports/" }), true],
            [list({ "s3:prefix": "Other/" }), false],
        ],
    },
    {
        rule: "Bool does not hold on an absent key, and compares case aside",
        side: policy(allow("s3:GetObject", `${BUCKET}/*`, { Bool: { "aws:SecureTransport": "true" } })),
        requests: [
            [{ ...get("a"), context: { "aws:SecureTransport": "true" } }, true],
            [{ ...get("a"), context: { "aws:SecureTransport": "TRUE" } }, true],
            [{ ...get("a"), context: { "aws:SecureTransport": "false" } }, false],
            [get("a"), false],
        ],
    },
    {
        rule: 'Null "true" holds only on an absent key',
        side: listing({ Null: { "s3:prefix": "true" } }),
        requests: [
            [list(), true],
            [list({ "s3:prefix": "a" }), false],
        ],
    },
    {
        rule: 'Null "false" holds only on a present key',
        side: listing({ Null: { "s3:prefix": "false" } }),
        requests: [
            [list(), false],
            [list({ "s3:prefix": "" }), true],
        ],
    },
    {
        rule: "NumericLessThanEquals holds at its threshold, NumericLessThan does not",
        side: policy(
            allow("s3:ListBucket", BUCKET, { NumericLessThanEquals: { "s3:max-keys": "10" } }),
            allow("s3:ListBucket", BUCKET, { NumericLessThan: { "s3:max-keys": "5" } }),
        ),
        requests: [
            [list({ "s3:max-keys": "10" }), true],
            [list({ "s3:max-keys": "11" }), false],
            [list({ "s3:max-keys": "not a number" }), false],
            [list(), false],
        ],
    },
    {
        rule: "ArnEquals and ArnLike both take wildcards, which never cross a : in the first five parts",
        kind: "trust",
        side: trust(
            { Service: PINPOINT },
            { ArnEquals: { "aws:SourceArn": `arn:aws:mobiletargeting:*:${ACCOUNT}:apps/*` } },
        ),
        requests: [
            [assume(PINPOINT, { "aws:SourceArn": `${APPS}/abc` }), true],
            [assume(PINPOINT, { "aws:SourceArn": `arn:aws:mobiletargeting:us-east-1:x:${ACCOUNT}:apps/abc` }), false],
            [assume(PINPOINT), false],
        ],
    },
    {
        rule: "an account principal is every principal of the account",
        kind: "trust",
        side: trust({ AWS: ACCOUNT }),
        requests: [
            [assume(`arn:aws:iam::${ACCOUNT}:root`), true],
            [assume(`arn:aws:iam::${ACCOUNT}:role/r`), true],
            [assume(`arn:aws:sts::${ACCOUNT}:assumed-role/r/session`), true],
            [assume("arn:aws:iam::210987654321:root"), false],
            [assume(PINPOINT), false],
        ],
    },
    {
        rule: "a policy of unknown text says what its variables say, and its deny wins",
        side: { policies: [policy(allow("s3:GetObject", `${BUCKET}/*`))], unknown: ["P"] },
        requests: [
            [get("a"), true],
            [{ ...get("a"), unknown: { P: { denies: true } } }, false],
            [{ action: "s3:PutObject", subject: `${BUCKET}/a` }, false],
            [{ action: "s3:PutObject", subject: `${BUCKET}/a`, unknown: { P: { allows: true } } }, true],
        ],
    },
];

describe("IAM's rules as formulas, read without a solver", () => {
    for (const row of ROWS) {
        it(row.rule, async () => {
            const kind = row.kind ?? "identity";
            const side = sideOf(kind, row.side);
            const space = await RequestSpace.build(kind, [side]);
            const allowed = space.allowedBy(side);
            for (const [request, expected] of row.requests) {
                assert.equal(holdsFor(space, allowed, request), expected, JSON.stringify(request));
            }
        });
    }

    it("reads NotAction as every action its list does not hold, of every service", async () => {
        const side = sideOf("identity", policy({ Effect: "Allow", NotAction: "s3:DeleteObject", Resource: "*" }));
        const space = await RequestSpace.build("identity", [side]);
        const allowed = space.allowedBy(side);
        assert.equal(space.everyService, true);
        assert.equal(holdsFor(space, allowed, get("a")), true);
        assert.equal(holdsFor(space, allowed, { action: "s3:DeleteObject", subject: `${BUCKET}/a` }), false);
        assert.equal(
            holdsFor(space, allowed, { action: "sqs:SendMessage", subject: `arn:aws:sqs:us-east-1:${ACCOUNT}:q` }),
            true,
        );
    });
});
