// The proof's reading of IAM, rule by rule. Each case is a pair of policies
// whose difference depends on one rule of IAM's evaluation, so that taking
// that rule's encoding out of review/src/proof/ changes what the proof finds.
// The proof's witness of each difference is then asked of the IAM evaluator
// on both sides: the two engines must agree.
import { strict as assert } from "assert";
import { decideByTrust, decideForPolicies, warmUpEvaluator } from "../../../review/src/access/iamEvaluator";
import { actionTargets } from "../../../review/src/proof/actionCatalog";
import { AccessDecision, decideAccess } from "../../../review/src/proof/decideAccess";
import { parsePolicy, PolicyKind } from "../../../review/src/proof/policyStatements";
import { RequestClass, WitnessRequest } from "../../../review/src/proof/requestClasses";
import { sharedSolver } from "../../../review/src/proof/solverProcess";

type Statement = Record<string, unknown>;
type Decided = Extract<AccessDecision, { decided: true }>;

const BUCKET = "arn:aws:s3:::example-bucket";
const ACCOUNT = "123456789012";
const PINPOINT_SOURCE = `arn:aws:mobiletargeting:us-east-1:${ACCOUNT}:apps/*`;

const policy = (...statements: Statement[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const allow = (action: string | string[], resource: string | string[], condition?: object): Statement => ({
    Effect: "Allow",
    Action: action,
    Resource: resource,
    ...(condition ? { Condition: condition } : {}),
});
const trust = (principal: object | string, condition?: object) =>
    policy({
        Effect: "Allow",
        Principal: principal,
        Action: "sts:AssumeRole",
        ...(condition ? { Condition: condition } : {}),
    });

describe("the proof's reading of IAM, rule by rule", function () {
    this.timeout(30_000);
    const session = sharedSolver();
    before(warmUpEvaluator);

    interface Side {
        readonly policies: readonly string[];
        readonly boundary?: string;
    }

    const sideOf = (side: Side | string): Side => (typeof side === "string" ? { policies: [side] } : side);

    /** What the proof decides between `before` and `after`, which must be decided. */
    async function difference(kind: PolicyKind, before: Side | string, after: Side | string): Promise<Decided> {
        const decision = await undecidedOr(kind, before, after);
        assert.ok(decision.decided, decision.decided ? "" : decision.reason);
        return decision;
    }

    function undecidedOr(kind: PolicyKind, before: Side | string, after: Side | string): Promise<AccessDecision> {
        const read = (side: Side, name: string) => ({
            policies: side.policies.map((text, index) => parsePolicy(`${name} ${index + 1}`, text, kind)),
            boundary: side.boundary
                ? { policies: [parsePolicy(`${name}'s boundary`, side.boundary, kind)] }
                : undefined,
        });
        return decideAccess({ kind, before: read(sideOf(before), "old"), after: read(sideOf(after), "new") }, session);
    }

    /** What the evaluator decides for `witness` on one side. */
    function evaluate(kind: PolicyKind, side: Side | string, witness: WitnessRequest) {
        const { policies, boundary } = sideOf(side);
        if (kind === "trust") {
            return decideByTrust(
                policies[0],
                { principal: witness.principal!, context: witness.context },
                witness.action,
            );
        }
        return decideForPolicies(
            policies,
            {
                action: witness.action,
                resource: witness.resource!,
                context: witness.context,
                fromResourceAccount: true,
            },
            boundary,
        );
    }

    /**
     * Asserts that the proof finds requests newly allowed (or denied) from
     * `before` to `after`, and nothing the other way, and that the evaluator
     * agrees on each witness. Returns the classes.
     */
    async function onlyNewly(
        newly: "allowed" | "denied",
        kind: PolicyKind,
        before: Side | string,
        after: Side | string,
    ): Promise<readonly RequestClass[]> {
        const decision = await difference(kind, before, after);
        const [found, other] =
            newly === "allowed"
                ? [decision.newlyAllowed, decision.newlyDenied]
                : [decision.newlyDenied, decision.newlyAllowed];
        assert.ok(found.classes.length > 0, `nothing is newly ${newly}`);
        assert.deepEqual(other.classes, [], `something is newly ${newly === "allowed" ? "denied" : "allowed"} too`);
        for (const { witness } of found.classes) {
            const decisions = [await evaluate(kind, before, witness), await evaluate(kind, after, witness)];
            const expected = newly === "allowed" ? [false, true] : [true, false];
            assert.deepEqual(
                decisions.map((decision) => decision === "Allowed"),
                expected,
                `the evaluator disagrees on ${JSON.stringify(witness)}: ${decisions.join(", ")}`,
            );
        }
        return found.classes;
    }

    const actionsOf = (classes: readonly RequestClass[]) => classes.flatMap((found) => found.actions);
    const witnesses = (classes: readonly RequestClass[]) => classes.map((found) => found.witness);

    describe("effects", () => {
        it("an explicit Deny wins over any Allow", async () => {
            const open = policy(allow("s3:GetObject", `${BUCKET}/*`));
            const guarded = policy(allow("s3:GetObject", `${BUCKET}/*`), {
                Effect: "Deny",
                Action: "s3:GetObject",
                Resource: `${BUCKET}/secret/*`,
            });
            const denied = await onlyNewly("denied", "identity", open, guarded);
            assert.deepEqual(
                denied.map((found) => [found.actions.join(), found.scope]),
                [["s3:GetObject", `${BUCKET}/secret/*`]],
            );
        });

        it("an Allow in any of the role's policies is enough, a Deny in any of them wins", async () => {
            const read = policy(allow("s3:GetObject", `${BUCKET}/*`));
            const write = policy(allow("s3:PutObject", `${BUCKET}/*`));
            const allowed = await onlyNewly("allowed", "identity", { policies: [read] }, { policies: [read, write] });
            assert.deepEqual(actionsOf(allowed), ["s3:PutObject"]);
            const noWrites = policy({ Effect: "Deny", Action: "s3:Put*", Resource: "*" });
            const denied = await onlyNewly(
                "denied",
                "identity",
                { policies: [read, write] },
                { policies: [read, write, noWrites] },
            );
            assert.deepEqual(actionsOf(denied), ["s3:PutObject"]);
        });
    });

    describe("actions", () => {
        it("NotAction allows every action but those it names", async () => {
            const everything = policy(allow("s3:*", `${BUCKET}/*`));
            const allButDelete = policy({ Effect: "Allow", NotAction: "s3:DeleteObject", Resource: `${BUCKET}/*` });
            const denied = await onlyNewly("denied", "identity", everything, allButDelete);
            assert.deepEqual(actionsOf(denied), ["s3:DeleteObject"]);
        });

        it("matches actions with * and ?, without regard to case", async () => {
            const gets = policy(allow("s3:Get*", `${BUCKET}/*`));
            const getObjectOnly = policy(allow("S3:get?bject", `${BUCKET}/*`));
            const denied = await onlyNewly("denied", "identity", gets, getObjectOnly);
            const actions = actionsOf(denied);
            assert.ok(actions.includes("s3:GetObjectTagging") && actions.includes("s3:GetObjectAcl"));
            assert.ok(!actions.includes("s3:GetObject"), "s3:GetObject is still allowed");
        });
    });

    describe("resources", () => {
        it("NotResource allows every resource but those it names", async () => {
            const all = policy(allow("s3:GetObject", "*"));
            const allButPrivate = policy({
                Effect: "Allow",
                Action: "s3:GetObject",
                NotResource: `${BUCKET}/private/*`,
            });
            const denied = await onlyNewly("denied", "identity", all, allButPrivate);
            assert.ok(witnesses(denied).every((witness) => witness.resource!.startsWith(`${BUCKET}/private/`)));
        });

        it("matches the resource part of an ARN with regard to case", async () => {
            const upper = policy(allow("s3:GetObject", `${BUCKET}/Exports/*`));
            const lower = policy(allow("s3:GetObject", `${BUCKET}/exports/*`));
            const decision = await difference("identity", upper, lower);
            assert.deepEqual(
                [decision.newlyAllowed.classes, decision.newlyDenied.classes].map((classes) =>
                    classes.map((found) => found.scope),
                ),
                [[`${BUCKET}/exports/*`], [`${BUCKET}/Exports/*`]],
            );
            for (const [classes, before, after] of [
                [decision.newlyAllowed.classes, upper, lower],
                [decision.newlyDenied.classes, lower, upper],
            ] as const) {
                for (const { witness } of classes) {
                    assert.deepEqual(
                        [await evaluate("identity", before, witness), await evaluate("identity", after, witness)],
                        ["ImplicitlyDenied", "Allowed"],
                    );
                }
            }
        });

        it("reads ? as one character and * as any run, in the resource", async () => {
            const one = policy(allow("s3:GetObject", `${BUCKET}/a?c`));
            const abc = policy(allow("s3:GetObject", `${BUCKET}/abc`));
            const denied = await onlyNewly("denied", "identity", one, abc);
            assert.ok(
                witnesses(denied).every((witness) => /^arn:aws:s3:::example-bucket\/a[^b]c$/.test(witness.resource!)),
            );
        });

        it("grants an action only on resources of a type it takes: s3:GetObject on a bucket's ARN grants nothing", async () => {
            const mistaken = policy(allow("s3:GetObject", BUCKET));
            const decision = await difference("identity", policy(), mistaken);
            assert.deepEqual([decision.newlyAllowed.classes, decision.newlyDenied.classes], [[], []]);
        });

        it("matches a resource by the action's resource type: s3:ListBucket takes a bucket, not an object", async () => {
            const objects = policy(allow(["s3:ListBucket", "s3:GetObject"], `${BUCKET}*`));
            const bucketOnly = policy(allow(["s3:ListBucket", "s3:GetObject"], BUCKET));
            const denied = await onlyNewly("denied", "identity", objects, bucketOnly);
            // The bucket itself stays listable; what goes is ListBucket on buckets named like it, and
            // GetObject everywhere, since no object's ARN is the bucket's.
            assert.ok(
                witnesses(denied).every((witness) => witness.resource !== BUCKET || witness.action === "s3:GetObject"),
            );
            assert.ok(actionsOf(denied).includes("s3:GetObject"));
        });
    });

    describe("condition operators", () => {
        const listing = (condition?: object) => policy(allow("s3:ListBucket", BUCKET, condition));

        it("StringEquals compares literally; StringLike reads * and ?", async () => {
            const literal = listing({ StringEquals: { "s3:prefix": "a*" } });
            const glob = listing({ StringLike: { "s3:prefix": "a*" } });
            const allowed = await onlyNewly("allowed", "identity", literal, glob);
            assert.ok(
                witnesses(allowed).every(
                    (witness) =>
                        /^a/.test(String((witness.context as Record<string, string>)["s3:prefix"])) &&
                        (witness.context as Record<string, string>)["s3:prefix"] !== "a*",
                ),
            );
        });

        it("StringNotEquals holds when the key is absent; StringEquals does not", async () => {
            const present = listing({ StringLike: { "s3:prefix": "*" } });
            const notSecret = listing({ StringNotEquals: { "s3:prefix": "secret/" } });
            const decision = await difference("identity", present, notSecret);
            assert.ok(
                decision.newlyAllowed.classes.some(
                    (found) => (found.witness.context as Record<string, string>)["s3:prefix"] === undefined,
                ),
                "a listing without s3:prefix is newly allowed",
            );
            assert.ok(
                decision.newlyDenied.classes.every(
                    (found) => (found.witness.context as Record<string, string>)["s3:prefix"] === "secret/",
                ),
                JSON.stringify(witnesses(decision.newlyDenied.classes)),
            );
        });

        it("StringNotLike reads * and ?, and holds when the key is absent", async () => {
            const notLike = listing({ StringNotLike: { "s3:prefix": "secret/*" } });
            const allowed = await onlyNewly("allowed", "identity", policy(), notLike);
            assert.ok(
                witnesses(allowed).some(
                    (witness) => (witness.context as Record<string, string>)["s3:prefix"] === undefined,
                ),
            );
            assert.ok(
                witnesses(allowed).every(
                    (witness) =>
                        !String((witness.context as Record<string, string>)["s3:prefix"] ?? "").startsWith("secret/"),
                ),
            );
            // Read literally, the operator would let everything but the text "secret/*" through.
            const notEquals = listing({ StringNotEquals: { "s3:prefix": "secret/*" } });
            const glob = await onlyNewly("allowed", "identity", notLike, notEquals);
            for (const witness of witnesses(glob)) {
                assert.ok(
                    String((witness.context as Record<string, string>)["s3:prefix"]).startsWith("secret/"),
                    String((witness.context as Record<string, string>)["s3:prefix"]),
                );
                assert.notEqual((witness.context as Record<string, string>)["s3:prefix"], "secret/*");
            }
        });

        it("StringEqualsIgnoreCase compares without regard to case", async () => {
            const exact = listing({ StringEquals: { "s3:prefix": "Exports/" } });
            const anyCase = listing({ StringEqualsIgnoreCase: { "s3:prefix": "Exports/" } });
            const allowed = await onlyNewly("allowed", "identity", exact, anyCase);
            for (const witness of witnesses(allowed)) {
                assert.equal((witness.context as Record<string, string>)["s3:prefix"].toLowerCase(), "exports/");
                assert.notEqual((witness.context as Record<string, string>)["s3:prefix"], "Exports/");
            }
        });

        it("ArnLike matches the six parts one by one: a * there never crosses a colon", async () => {
            const arnLike = trust(
                { Service: "pinpoint.amazonaws.com" },
                {
                    ArnLike: { "aws:SourceArn": `arn:aws:mobiletargeting:*:${ACCOUNT}:apps/*` },
                },
            );
            const stringLike = trust(
                { Service: "pinpoint.amazonaws.com" },
                {
                    StringLike: { "aws:SourceArn": `arn:aws:mobiletargeting:*:${ACCOUNT}:apps/*` },
                },
            );
            const allowed = await onlyNewly("allowed", "trust", arnLike, stringLike);
            for (const witness of witnesses(allowed)) {
                const [, , , region] = (witness.context as Record<string, string>)["aws:SourceArn"].split(":");
                assert.ok(
                    (witness.context as Record<string, string>)["aws:SourceArn"].split(":").length > 6,
                    `${region}: the region part holds a colon`,
                );
            }
        });

        it("ArnLike in another region is newly allowed when the region becomes *", async () => {
            const oneRegion = trust(
                { Service: "pinpoint.amazonaws.com" },
                { ArnLike: { "aws:SourceArn": PINPOINT_SOURCE } },
            );
            const anyRegion = trust(
                { Service: "pinpoint.amazonaws.com" },
                {
                    ArnLike: { "aws:SourceArn": `arn:aws:mobiletargeting:*:${ACCOUNT}:apps/*` },
                },
            );
            const allowed = await onlyNewly("allowed", "trust", oneRegion, anyRegion);
            assert.ok(
                witnesses(allowed).every(
                    (witness) =>
                        (witness.context as Record<string, string>)["aws:SourceArn"].split(":")[3] !== "us-east-1",
                ),
            );
        });

        it("ArnEquals reads wildcards as ArnLike does; ArnNotLike holds when the key is absent", async () => {
            const equals = trust(
                { Service: "pinpoint.amazonaws.com" },
                { ArnEquals: { "aws:SourceArn": PINPOINT_SOURCE } },
            );
            const like = trust(
                { Service: "pinpoint.amazonaws.com" },
                { ArnLike: { "aws:SourceArn": PINPOINT_SOURCE } },
            );
            const same = await difference("trust", equals, like);
            assert.deepEqual([same.newlyAllowed.classes, same.newlyDenied.classes], [[], []]);
            const notOthers = trust(
                { Service: "pinpoint.amazonaws.com" },
                {
                    ArnNotLike: { "aws:SourceArn": "arn:aws:mobiletargeting:*:999999999999:*" },
                },
            );
            const allowed = await difference("trust", equals, notOthers);
            assert.ok(
                allowed.newlyAllowed.classes.some(
                    (found) => (found.witness.context as Record<string, string>)["aws:SourceArn"] === undefined,
                ),
            );
            for (const { witness } of allowed.newlyAllowed.classes) {
                assert.deepEqual(
                    [await evaluate("trust", equals, witness), await evaluate("trust", notOthers, witness)],
                    ["ImplicitlyDenied", "Allowed"],
                    JSON.stringify(witness),
                );
            }
        });

        it("Bool compares true and false; a request without the key fails it", async () => {
            const tls = listing({ Bool: { "aws:SecureTransport": "true" } });
            const allowed = await onlyNewly("allowed", "identity", tls, listing());
            assert.ok(
                witnesses(allowed).every(
                    (witness) => (witness.context as Record<string, string>)["aws:SecureTransport"] !== "true",
                ),
            );
            assert.ok(
                witnesses(allowed).some(
                    (witness) => (witness.context as Record<string, string>)["aws:SecureTransport"] === undefined,
                ),
            );
        });

        it("Null tests whether the key is present", async () => {
            const withPrefix = listing({ Null: { "s3:prefix": "false" } });
            const allowed = await onlyNewly("allowed", "identity", withPrefix, listing());
            assert.ok(
                witnesses(allowed).every(
                    (witness) => (witness.context as Record<string, string>)["s3:prefix"] === undefined,
                ),
            );
        });

        it("...IfExists holds when the key is absent", async () => {
            const put = (operator: string) =>
                policy(
                    allow("s3:PutObject", `${BUCKET}/*`, {
                        [operator]: { "s3:x-amz-server-side-encryption": "aws:kms" },
                    }),
                );
            const allowed = await onlyNewly("allowed", "identity", put("StringEquals"), put("StringEqualsIfExists"));
            assert.ok(
                witnesses(allowed).every(
                    (witness) =>
                        (witness.context as Record<string, string>)["s3:x-amz-server-side-encryption"] === undefined,
                ),
            );
        });

        it("numeric operators compare numbers", async () => {
            const upTo = (keys: string) => listing({ NumericLessThanEquals: { "s3:max-keys": keys } });
            const allowed = await onlyNewly("allowed", "identity", upTo("100"), upTo("1000"));
            for (const witness of witnesses(allowed)) {
                const keys = Number((witness.context as Record<string, string>)["s3:max-keys"]);
                assert.ok(keys > 100 && keys <= 1000, String(keys));
            }
        });
    });

    describe("principals", () => {
        it("a Principal names who may ask: an account lets every principal of it", async () => {
            const pinpoint = trust({ Service: "pinpoint.amazonaws.com" });
            const account = trust({ AWS: `arn:aws:iam::${ACCOUNT}:root` });
            const decision = await difference("trust", pinpoint, account);
            assert.ok(decision.newlyAllowed.classes.length > 0);
            assert.ok(
                witnesses(decision.newlyAllowed.classes).every((witness) =>
                    witness.principal!.includes(`::${ACCOUNT}:`),
                ),
            );
            assert.ok(
                witnesses(decision.newlyDenied.classes).every(
                    (witness) => witness.principal === "pinpoint.amazonaws.com",
                ),
            );
            // A role of the account was already let in by the account: naming it alone only takes away.
            const role = trust({ AWS: `arn:aws:iam::${ACCOUNT}:role/Exporter` });
            const denied = await onlyNewly("denied", "trust", account, role);
            assert.ok(witnesses(denied).every((witness) => !witness.principal!.includes(":role/Exporter")));
            assert.ok(witnesses(denied).every((witness) => witness.principal!.includes(`::${ACCOUNT}:`)));
        });
    });

    describe("addresses: IpAddress and NotIpAddress on IPv4 and IPv6 CIDRs", () => {
        const fromRange = (cidr: string | string[], operator = "IpAddress") =>
            policy(allow("s3:GetObject", `${BUCKET}/*`, { [operator]: { "aws:SourceIp": cidr } }));

        it("a wider range lets in the addresses between the two, and says so", async () => {
            const allowed = await onlyNewly("allowed", "identity", fromRange("10.0.0.0/8"), fromRange("10.0.0.0/7"));
            assert.deepEqual(
                allowed.map((found) => found.context),
                ["aws:SourceIp from addresses in 10.0.0.0/7 but outside 10.0.0.0/8"],
            );
            assert.match((allowed[0].witness.context as Record<string, string>)["aws:SourceIp"], /^11\./);
        });

        it("NotIpAddress in a Deny: an IPv6 range added to the allowed ones lets in its addresses only", async () => {
            const guarded = (ranges: string[]) =>
                policy(allow("s3:GetObject", `${BUCKET}/*`), {
                    Effect: "Deny",
                    Action: "s3:*",
                    Resource: `${BUCKET}/*`,
                    Condition: { NotIpAddress: { "aws:SourceIp": ranges } },
                });
            const allowed = await onlyNewly(
                "allowed",
                "identity",
                guarded(["192.0.2.0/24"]),
                guarded(["192.0.2.0/24", "2001:DB8:1234:5678::/64"]),
            );
            assert.deepEqual(
                allowed.map((found) => found.context),
                ["aws:SourceIp from addresses in 2001:DB8:1234:5678::/64"],
            );
            assert.match(
                (allowed[0].witness.context as Record<string, string>)["aws:SourceIp"],
                /^2001:db8:1234:5678:/,
            );
        });

        it("IpAddressIfExists also holds for a request with no address, which IpAddress does not", async () => {
            const allowed = await onlyNewly(
                "allowed",
                "identity",
                fromRange("10.0.0.0/8"),
                fromRange("10.0.0.0/8", "IpAddressIfExists"),
            );
            assert.deepEqual(
                allowed.map((found) => found.context),
                ["no aws:SourceIp"],
            );
        });

        it("a range is compared as addresses, not as text: 10.0.0.0/8 holds 10.0.0.0/16", async () => {
            const decision = await difference(
                "identity",
                fromRange("10.0.0.0/8"),
                fromRange(["10.0.0.0/8", "10.0.0.0/16"]),
            );
            assert.deepEqual([decision.newlyAllowed.classes, decision.newlyDenied.classes], [[], []]);
        });
    });

    describe("dates: the Date operators on ISO 8601 and epoch values", () => {
        const until = (operator: string, key: string, date: string) =>
            policy(allow("s3:GetObject", `${BUCKET}/*`, { [operator]: { [key]: date } }));

        it("a later end lets in the time between the two ends, and says so", async () => {
            const allowed = await onlyNewly(
                "allowed",
                "identity",
                until("DateLessThan", "aws:CurrentTime", "2027-01-01T00:00:00Z"),
                until("DateLessThan", "aws:CurrentTime", "2028-01-01T00:00:00Z"),
            );
            assert.deepEqual(
                allowed.map((found) => found.context),
                ["aws:CurrentTime at or after 2027-01-01 and before 2028-01-01"],
            );
        });

        it("an end moved earlier takes away the time after it", async () => {
            const denied = await onlyNewly(
                "denied",
                "identity",
                until("DateGreaterThan", "aws:CurrentTime", "2026-01-01"),
                until("DateGreaterThan", "aws:CurrentTime", "2027-01-01"),
            );
            assert.deepEqual(
                denied.map((found) => found.context),
                ["aws:CurrentTime after 2026-01-01 and at or before 2027-01-01"],
            );
        });

        it("an epoch value is the same date as its ISO 8601 form", async () => {
            const decision = await difference(
                "identity",
                until("DateGreaterThan", "aws:CurrentTime", "2027-01-01T00:00:00Z"),
                until("DateGreaterThan", "aws:CurrentTime", "1798761600"),
            );
            assert.deepEqual([decision.newlyAllowed.classes, decision.newlyDenied.classes], [[], []]);
        });
    });

    describe("long action lists: actions on many resource types, decided as one group", () => {
        it("an action granted on one more resource type is newly allowed on that type only, with a witness of it", async () => {
            const tagging = (...types: string[]) =>
                policy(
                    allow(
                        ["ec2:CreateTags", "ec2:DeleteTags", "ec2:StopInstances"],
                        types.map((type) => `arn:aws:ec2:*:*:${type}/*`),
                        { StringEquals: { "aws:ResourceTag/Project": "Blue" } },
                    ),
                );
            const allowed = await onlyNewly("allowed", "identity", tagging("volume"), tagging("volume", "snapshot"));
            assert.deepEqual(actionsOf(allowed).sort(), ["ec2:CreateTags", "ec2:DeleteTags"]);
            assert.deepEqual(
                allowed.map((found) => [found.scope, found.context]),
                [["arn:aws:ec2:*:*:snapshot/*", 'aws:ResourceTag/Project "Blue"']],
            );
            assert.match(allowed[0].witness.resource!, /^arn:aws:ec2:us-east-1::snapshot\/./);
        });
    });

    describe("witnesses AWS can receive", () => {
        it("a policy of every action on a bucket's objects: each witness an action that takes an object", async () => {
            const allowed = await onlyNewly("allowed", "identity", policy(), policy(allow("*", `${BUCKET}/*`)));
            // Before, an action of a service no policy named (a2c:…) was taken to apply to an S3 object.
            for (const { witness, actions } of allowed) {
                assert.match(witness.action, /^s3:/, `${witness.action} on ${witness.resource}`);
                assert.ok(
                    actions.every((action) => action.startsWith("s3:")),
                    actions.join(", "),
                );
                const targets = await actionTargets("s3");
                const fits = targets.some(
                    (target) =>
                        target.action === witness.action &&
                        new RegExp(`^${target.arnTemplate.replace(/\$\{[^}]*\}/g, "[^:]+")}$`).test(witness.resource!),
                );
                assert.ok(fits, `${witness.resource} is not a resource of ${witness.action}`);
            }
        });
    });

    describe("open readings: what IAM does not settle is possibly, never nothing", () => {
        it("S3 ABAC: a Deny on aws:ResourceTag of an object taken away is possibly newly allowed, if the bucket has ABAC on", async () => {
            const read = allow("s3:GetObject", `${BUCKET}/*`);
            const guarded = policy(read, {
                Effect: "Deny",
                Action: "s3:GetObject",
                Resource: `${BUCKET}/*`,
                Condition: { StringEquals: { "aws:ResourceTag/team": "x" } },
            });
            const decision = await difference("identity", guarded, policy(read));
            assert.deepEqual([decision.newlyAllowed.classes, decision.newlyDenied.classes], [[], []]);
            assert.deepEqual(
                decision.possiblyNewlyAllowed.classes.map((found) => [found.actions, found.context, found.dependsOn]),
                [[["s3:GetObject"], 'aws:ResourceTag/team "x"', "if the bucket has ABAC on"]],
            );
            assert.ok(decision.assumptions.some((assumption) => /has ABAC on/.test(assumption)));
        });

        it("an action that takes no resource type, on arn:aws:s3:::*: possibly newly allowed, and said so", async () => {
            const objects = allow("s3:PutObject", `${BUCKET}/*`);
            const decision = await difference(
                "identity",
                policy(objects),
                policy(objects, allow(["s3:ListAllMyBuckets", "s3:GetBucketLocation"], "arn:aws:s3:::*")),
            );
            // s3:GetBucketLocation takes a bucket: proved. s3:ListAllMyBuckets takes none: it depends on the reading.
            assert.deepEqual(actionsOf(decision.newlyAllowed.classes), ["s3:GetBucketLocation"]);
            assert.deepEqual(
                decision.possiblyNewlyAllowed.classes.map((found) => [found.actions, found.dependsOn]),
                [
                    [
                        ["s3:ListAllMyBuckets"],
                        'if IAM grants an action that takes no resource type on a Resource other than "*"',
                    ],
                ],
            );
            assert.ok(decision.assumptions.some((assumption) => /an action of no resource type/.test(assumption)));
            assert.deepEqual(
                decision.readings.map((reading) => reading.id),
                ["untypedResource"],
            );
        });

        it('on Resource "*", the same action is newly allowed under either reading', async () => {
            const objects = allow("s3:PutObject", `${BUCKET}/*`);
            const allowed = await onlyNewly(
                "allowed",
                "identity",
                policy(objects),
                policy(objects, allow("s3:ListAllMyBuckets", "*")),
            );
            assert.deepEqual(actionsOf(allowed), ["s3:ListAllMyBuckets"]);
        });
    });

    describe("policy variables in Resource and in condition values", () => {
        it("a home folder widened to every user's: the objects not named after the caller are newly allowed", async () => {
            const home = (folder: string) => policy(allow("s3:GetObject", `${BUCKET}/home/${folder}`));
            const allowed = await onlyNewly("allowed", "identity", home("${aws:username}/*"), home("*"));
            assert.deepEqual(
                allowed.map((found) => found.context),
                [`for the resource not named after the caller (${BUCKET}/home/\${aws:username}/*)`],
            );
            const { resource, context } = allowed[0].witness;
            assert.ok((context as Record<string, string>)["aws:username"], JSON.stringify(allowed[0].witness));
            assert.ok(!resource!.startsWith(`${BUCKET}/home/${(context as Record<string, string>)["aws:username"]}/`));
        });

        it("a tag compared with ${aws:username}: IfExists lets in the resources without the tag", async () => {
            const owned = (operator: string) =>
                policy(
                    allow("ec2:StopInstances", "arn:aws:ec2:*:*:instance/*", {
                        [operator]: { "aws:ResourceTag/Owner": "${aws:username}" },
                    }),
                );
            const allowed = await onlyNewly(
                "allowed",
                "identity",
                owned("StringEquals"),
                owned("StringEqualsIfExists"),
            );
            assert.deepEqual(
                allowed.map((found) => found.context),
                ["no aws:ResourceTag/Owner"],
            );
        });

        it("StringEquals negated: the caller's own resources are newly denied, the others newly allowed", async () => {
            const owned = (operator: string) =>
                policy(
                    allow("ec2:StopInstances", "arn:aws:ec2:*:*:instance/*", {
                        [operator]: { "aws:ResourceTag/Owner": "${aws:PrincipalTag/owner-name}" },
                    }),
                );
            const decision = await difference("identity", owned("StringEquals"), owned("StringNotEquals"));
            const denied = decision.newlyDenied.classes;
            assert.equal(denied.length, 1);
            assert.match(denied[0].context, /aws:ResourceTag\/Owner set by the request's aws:PrincipalTag\/owner-name/);
            const { context } = denied[0].witness;
            assert.equal(
                (context as Record<string, string>)["aws:ResourceTag/Owner"],
                (context as Record<string, string>)["aws:PrincipalTag/owner-name"],
            );
            assert.ok(decision.newlyAllowed.classes.length > 0);
        });

        it("with a policy of unknown text beside it: what it may already grant is possibly, and decided", async () => {
            const home = (folder: string) =>
                parsePolicy("home", policy(allow("s3:GetObject", `${BUCKET}/home/${folder}`)), "identity");
            const unknown = [{ id: "P", name: "the policy P", reason: "a test's" }];
            const decision = await decideAccess(
                {
                    kind: "identity",
                    before: { policies: [home("${aws:username}/*")], unknown },
                    after: { policies: [home("*")], unknown },
                },
                session,
            );
            assert.ok(decision.decided, decision.decided ? "" : decision.reason);
            assert.deepEqual(decision.newlyAllowed.classes, []);
            assert.deepEqual(
                decision.possiblyNewlyAllowed.classes.map((found) => [found.context, found.dependsOn]),
                [
                    [
                        `for the resource not named after the caller (${BUCKET}/home/\${aws:username}/*)`,
                        "the policy P does not allow it and the policy P does not deny it",
                    ],
                ],
            );
        });

        it("the same pattern with a variable on both sides, and an action added: only that action", async () => {
            const home = (actions: string[]) => policy(allow(actions, `${BUCKET}/home/\${aws:username}/*`));
            const allowed = await onlyNewly(
                "allowed",
                "identity",
                home(["s3:GetObject"]),
                home(["s3:GetObject", "s3:PutObject"]),
            );
            assert.deepEqual(actionsOf(allowed), ["s3:PutObject"]);
        });
    });

    describe("set operators on multi-valued keys: ForAnyValue and ForAllValues", () => {
        const tagged = (operator: string, keys: string[]) =>
            policy(allow("ec2:CreateVolume", "arn:aws:ec2:*:*:volume/*", { [operator]: { "aws:TagKeys": keys } }));

        it("ForAllValues holds for a request with no tags at all, ForAnyValue does not; and the reverse for a mixed set", async () => {
            const before = tagged("ForAnyValue:StringEquals", ["costcenter"]);
            const after = tagged("ForAllValues:StringEquals", ["costcenter"]);
            const decision = await difference("identity", before, after);
            const allowed = decision.newlyAllowed.classes;
            assert.ok(
                allowed.some((found) => /no aws:TagKeys/.test(found.context)),
                allowed.map((found) => found.context).join("; "),
            );
            assert.ok(allowed.some((found) => /aws:TagKeys of \[\]/.test(found.context)));
            // A set with costcenter and another key: some value is costcenter, not every one.
            const denied = decision.newlyDenied.classes;
            assert.ok(denied.length > 0);
            for (const [found, expected] of [
                ...allowed.map((found) => [found, [false, true]] as const),
                ...denied.map((found) => [found, [true, false]] as const),
            ]) {
                const decisions = [
                    await evaluate("identity", before, found.witness),
                    await evaluate("identity", after, found.witness),
                ];
                assert.deepEqual(
                    decisions.map((decision) => decision === "Allowed"),
                    expected,
                    JSON.stringify(found.witness),
                );
            }
        });

        it("ForAllValues with one more allowed key lets in the sets that hold it", async () => {
            const allowed = await onlyNewly(
                "allowed",
                "identity",
                tagged("ForAllValues:StringEquals", ["costcenter"]),
                tagged("ForAllValues:StringEquals", ["costcenter", "stack"]),
            );
            for (const { witness } of allowed) {
                assert.ok((witness.context["aws:TagKeys"] as string[]).includes("stack"), JSON.stringify(witness));
            }
        });

        it("a set operator on a single-valued key is the test of its one value", async () => {
            const region = (operator: string) =>
                policy(allow("s3:GetObject", `${BUCKET}/*`, { [operator]: { "aws:RequestedRegion": "eu-west-1" } }));
            const allowed = await onlyNewly(
                "allowed",
                "identity",
                region("ForAnyValue:StringEquals"),
                region("ForAllValues:StringEquals"),
            );
            assert.deepEqual(
                allowed.map((found) => found.context),
                ["no aws:RequestedRegion"],
            );
        });
    });

    describe("principals: NotPrincipal, and * with conditions", () => {
        it("a Deny with NotPrincipal takes the role from every principal of the account but the one it names", async () => {
            const account = {
                Effect: "Allow",
                Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
                Action: "sts:AssumeRole",
            };
            const denied = await onlyNewly(
                "denied",
                "trust",
                policy(account),
                policy(account, {
                    Effect: "Deny",
                    NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:role/Admin` },
                    Action: "sts:AssumeRole",
                }),
            );
            for (const { principal } of witnesses(denied)) {
                assert.ok(!/:role\/Admin$|assumed-role\/Admin\//.test(principal!), principal);
                assert.ok(principal!.includes(`::${ACCOUNT}:`), principal);
            }
        });

        it('a role opened to "*" on a condition: dropping the condition lets in every principal', async () => {
            const anyone = (condition?: object) => trust("*", condition);
            const allowed = await onlyNewly(
                "allowed",
                "trust",
                anyone({ StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } }),
                anyone(),
            );
            assert.ok(
                allowed.every((found) => !/aws:PrincipalOrgID "o-a1b2c3d4e5"$/.test(found.context)),
                allowed.map((found) => found.context).join("; "),
            );
        });
    });

    describe("the permissions boundary", () => {
        it("allows a request only where both the policies and the boundary allow it", async () => {
            const everything = policy(allow("s3:*", `${BUCKET}/*`));
            const reads = (pattern: string) => policy(allow(pattern, `${BUCKET}/*`));
            const allowed = await onlyNewly(
                "allowed",
                "identity",
                { policies: [everything], boundary: reads("s3:GetObject") },
                { policies: [everything], boundary: reads("s3:GetObject*") },
            );
            const actions = actionsOf(allowed);
            assert.ok(actions.includes("s3:GetObjectTagging"));
            assert.ok(!actions.includes("s3:PutObject") && !actions.includes("s3:GetObject"));
        });
    });

    describe("what the proof does not encode is not decided, never no", () => {
        const cases: [string, string, RegExp][] = [
            [
                "a policy variable before the resource part of an ARN",
                policy(allow("s3:GetObject", "arn:aws:s3:${aws:username}::b/*")),
                /the resource .* holds the policy variable \$\{aws:username\} before its resource part/,
            ],
            [
                "a set operator on an operator it does not encode on sets",
                policy(allow("s3:GetObject", "*", { "ForAnyValue:NumericEquals": { "aws:TagKeys": "1" } })),
                /the set operator of ForAnyValue:NumericEquals is not encoded on NumericEquals/,
            ],
            [
                "an operator it does not encode",
                policy(allow("s3:GetObject", "*", { BinaryEquals: { "aws:SourceIp": "QmluYXJ5" } })),
                /the condition operator BinaryEquals is not encoded/,
            ],
            [
                "a multi-valued key compared without a set operator",
                policy(allow("s3:GetObject", "*", { StringEquals: { "aws:TagKeys": "a" } })),
                /aws:TagKeys is a multi-valued key/,
            ],
            ["text that is not JSON", "{ not json", /new 1 is not JSON/],
        ];
        for (const [what, text, reason] of cases) {
            it(`: ${what}`, async () => {
                const decision = await undecidedOr("identity", policy(), text);
                assert.equal(decision.decided, false);
                assert.match((decision as { reason: string }).reason, reason);
            });
        }

        it(": a Principal with a wildcard in part of it, which AWS refuses", async () => {
            const text = trust({ AWS: `arn:aws:iam::${ACCOUNT}:role/team-*` });
            const decision = await undecidedOr("trust", trust({ Service: "pinpoint.amazonaws.com" }), text);
            assert.equal(decision.decided, false);
            assert.match((decision as { reason: string }).reason, /which AWS refuses in a Principal/);
        });
    });
});
