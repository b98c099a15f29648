// The broadening verdict of `npm run plan -- --against <baseline>`, on
// baselines written by hand as a reviewer meets them: older or hand-edited
// documents, a missing or re-pointed attachment, another partition. Each was
// a case the sampled evaluation of requests answered "no" where the truth is
// "yes". The proof must find each, with a witness request, and the test asks
// the IAM evaluator about every witness itself, on the baseline's and the new
// documents.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { buildExportPolicy } from "../../../components/policies/exportPolicy";
import { renderPolicy } from "../../../components/policies/policyDocument";
import { decideByTrust, decideForPolicies, warmUpEvaluator } from "../../../review/src/access/iamEvaluator";
import { runPlan } from "../../../plan/runPlan";
import { PROJECT_DIR } from "../../../tools/projectDir";

const STACK_EXPORT = path.join(__dirname, "..", "..", "fixtures", "dev.stack-export.json");
const ACCOUNT = "123456789012";

/** The dev stack's settings, in a stack file of the test's own. */
const STACK_FILE = `config:
    aws:region: us-east-1
    pinpoint-export:bucket: example-bucket
    pinpoint-export:folder: Exports
    pinpoint-export:accountId: "${ACCOUNT}"
`;

interface Witness {
    action: string;
    resource?: string;
    principal?: string;
    context: Record<string, string>;
}

interface Entry {
    actions: string[];
    resource?: string;
    principal?: string;
    context: string;
    dependsOn?: string;
    witness: Witness;
    evaluator: { outcome: string };
}

interface Changes {
    newlyAllowed: Entry[];
    newlyDenied: Entry[];
    possiblyNewlyAllowed: Entry[];
    possiblyNewlyDenied: Entry[];
    complete: boolean;
}

interface AccessJson {
    broadening: boolean;
    decidedBy: "proof" | "undecided";
    verdict: string;
    permissions: Changes;
    trust: Changes;
    unevaluated: string[];
    notes: string[];
    assumptions: string[];
}

interface Resource {
    type: string;
    urn: string;
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
    propertyDependencies?: Record<string, string[]>;
    dependencies?: string[];
}

const DEV_POLICY = renderPolicy(buildExportPolicy({ partition: "aws", bucket: "example-bucket", folder: "Exports" }));
const DEV_TRUST = JSON.stringify({
    Version: "2012-10-17",
    Statement: [
        {
            Effect: "Allow",
            Principal: { Service: "pinpoint.amazonaws.com" },
            Action: "sts:AssumeRole",
            Condition: {
                StringEquals: { "aws:SourceAccount": ACCOUNT },
                ArnLike: { "aws:SourceArn": `arn:aws:mobiletargeting:us-east-1:${ACCOUNT}:apps/*` },
            },
        },
    ],
});

/** The dev policy with its statements changed by `edit`, as text. */
function devPolicyWith(edit: (statements: Record<string, unknown>[]) => void): string {
    const document = JSON.parse(DEV_POLICY) as { Statement: Record<string, unknown>[] };
    edit(document.Statement);
    return JSON.stringify(document);
}

const bySid = (statements: Record<string, unknown>[], sid: string) => {
    const found = statements.find((statement) => statement.Sid === sid);
    assert.ok(found, `no statement ${sid}`);
    return found;
};

describe("the broadening verdict, for every request", function () {
    // Each case runs the program under the mocks and asks the proof two questions.
    this.timeout(60_000);
    let dir: string;
    let stackFile: string;

    before(async () => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-broadening-"));
        stackFile = path.join(dir, "Pulumi.dev.yaml");
        fs.writeFileSync(stackFile, STACK_FILE);
        await warmUpEvaluator();
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    /** The stack export fixture, with its resources changed by `edit`, as a file. */
    function baseline(name: string, edit: (resources: Resource[]) => void): string {
        const document = JSON.parse(fs.readFileSync(STACK_EXPORT, "utf8")) as {
            deployment: { resources: Resource[] };
        };
        edit(document.deployment.resources);
        const file = path.join(dir, `${name}.json`);
        fs.writeFileSync(file, JSON.stringify(document));
        return file;
    }

    const resource = (resources: Resource[], type: string) => {
        const found = resources.find((candidate) => candidate.type === type);
        assert.ok(found, `no ${type}`);
        return found;
    };
    const policyIn = (resources: Resource[]) => resource(resources, "aws:iam/policy:Policy");
    const roleIn = (resources: Resource[]) => resource(resources, "aws:iam/role:Role");

    /** The baseline whose permission policy is `text`. */
    const withPolicy = (name: string, text: string) =>
        baseline(name, (resources) => {
            policyIn(resources).inputs!.policy = text;
        });

    /** The plan's JSON against `against`, failing on broadening, and its exit code. */
    async function plan(against: string, config = stackFile): Promise<{ access: AccessJson; code: number }> {
        const run = await runPlan(PROJECT_DIR, [
            ...["--config-file", config, "--against", against],
            ...["--json", "--fail-on-broadening"],
        ]);
        assert.ok(run.code === 0 || run.code === 3, run.stderr);
        return { access: (JSON.parse(run.stdout) as { accessChanges: AccessJson }).accessChanges, code: run.code };
    }

    /** The same plan's text. */
    async function planText(against: string, config = stackFile): Promise<string> {
        return (await runPlan(PROJECT_DIR, ["--config-file", config, "--against", against])).stdout;
    }

    /** Asserts a verdict proved by a newly allowed request, in the JSON and the exit code. */
    function assertProvedBroadening(run: { access: AccessJson; code: number }): void {
        assert.equal(run.access.broadening, true);
        assert.equal(run.access.decidedBy, "proof");
        assert.equal(run.access.verdict, "yes (proved: a request is newly allowed)");
        assert.equal(run.code, 3, "--fail-on-broadening exits 3");
    }

    /** The evaluator's decision on `witness`, for the role holding `policies` (permission requests). */
    const decidePermission = (policies: string[], witness: Witness) =>
        decideForPolicies(policies, { action: witness.action, resource: witness.resource!, context: witness.context });

    /** Asserts that the evaluator finds every witness of `entries` denied by `before` and allowed by `after`. */
    async function assertNewlyAllowed(entries: readonly Entry[], before: string[], after: string[]): Promise<void> {
        assert.ok(entries.length > 0, "nothing is newly allowed");
        for (const entry of entries) {
            assert.notEqual(await decidePermission(before, entry.witness), "Allowed", JSON.stringify(entry.witness));
            assert.equal(await decidePermission(after, entry.witness), "Allowed", JSON.stringify(entry.witness));
            assert.equal(entry.evaluator.outcome, "agrees", JSON.stringify(entry));
        }
    }

    const actionsOf = (entries: readonly Entry[]) => entries.flatMap((entry) => entry.actions);

    it("finds every object action beyond five when the folder's statement grants s3:* instead", async () => {
        const five = ["s3:PutObject", "s3:GetObject", "s3:DeleteObject", "s3:AbortMultipartUpload", "s3:PutObjectAcl"];
        const old = devPolicyWith((statements) => {
            bySid(statements, "AllowAllS3ActionsInUserFolder").Action = five;
        });
        const run = await plan(withPolicy("five-actions", old));
        assertProvedBroadening(run);
        assert.match(
            await planText(withPolicy("five-actions", old)),
            /^Broadens access: yes \(proved: a request is newly allowed\)$/m,
        );
        const allowed = run.access.permissions.newlyAllowed;
        for (const action of ["s3:PutObjectTagging", "s3:DeleteObjectVersion", "s3:BypassGovernanceRetention"]) {
            assert.ok(actionsOf(allowed).includes(action), `${action} is not listed: ${JSON.stringify(allowed)}`);
        }
        assert.ok(
            five.every((action) => !actionsOf(allowed).includes(action)),
            "one of the five is listed",
        );
        assert.ok(allowed.every((entry) => entry.resource === "arn:aws:s3:::example-bucket/Exports/*"));
        await assertNewlyAllowed(allowed, [old], [DEV_POLICY]);
    });

    it("finds objects of any extension when Exports/*.csv becomes Exports/*", async () => {
        const old = devPolicyWith((statements) => {
            bySid(statements, "AllowAllS3ActionsInUserFolder").Resource = ["arn:aws:s3:::example-bucket/Exports/*.csv"];
        });
        const run = await plan(withPolicy("csv-only", old));
        assertProvedBroadening(run);
        const allowed = run.access.permissions.newlyAllowed;
        assert.ok(actionsOf(allowed).includes("s3:PutObject"));
        assert.ok(
            allowed.some(
                (entry) =>
                    entry.resource ===
                    "arn:aws:s3:::example-bucket/Exports/* but not arn:aws:s3:::example-bucket/Exports/*.csv",
            ),
            JSON.stringify(allowed.map((entry) => entry.resource)),
        );
        await assertNewlyAllowed(allowed, [old], [DEV_POLICY]);
        const json = { action: "s3:PutObject", resource: "arn:aws:s3:::example-bucket/Exports/data.json", context: {} };
        assert.deepEqual(
            [await decidePermission([old], json), await decidePermission([DEV_POLICY], json)],
            ["ImplicitlyDenied", "Allowed"],
            "the issue's own example",
        );
    });

    it("finds every other bucket when s3:GetBucketLocation on the bucket becomes arn:aws:s3:::*", async () => {
        const old = devPolicyWith((statements) => {
            const first = bySid(statements, "AllowUserToSeeBucketListInTheConsole");
            first.Action = ["s3:GetBucketLocation"];
            first.Resource = ["arn:aws:s3:::example-bucket"];
        });
        const run = await plan(withPolicy("one-bucket", old));
        assertProvedBroadening(run);
        const allowed = run.access.permissions.newlyAllowed;
        assert.deepEqual(
            allowed.map((entry) => [entry.actions.join(), entry.resource]),
            [["s3:GetBucketLocation", "arn:aws:s3:::* but not arn:aws:s3:::example-bucket"]],
        );
        assert.notEqual(allowed[0].witness.resource, "arn:aws:s3:::example-bucket");
        await assertNewlyAllowed(allowed, [old], [DEV_POLICY]);
    });

    it("finds the requests without TLS when a Deny on aws:SecureTransport false is removed", async () => {
        const old = devPolicyWith((statements) => {
            statements.push({
                Sid: "DenyWithoutTls",
                Effect: "Deny",
                Action: "s3:*",
                Resource: "*",
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            });
        });
        const run = await plan(withPolicy("tls-only", old));
        assertProvedBroadening(run);
        const allowed = run.access.permissions.newlyAllowed;
        assert.ok(
            allowed.every((entry) => /aws:SecureTransport "false"/.test(entry.context)),
            JSON.stringify(allowed),
        );
        assert.ok(allowed.every((entry) => entry.witness.context["aws:SecureTransport"] === "false"));
        await assertNewlyAllowed(allowed, [old], [DEV_POLICY]);
    });

    it("finds other encryption when a StringEqualsIfExists on the encryption header is removed", async () => {
        const old = devPolicyWith((statements) => {
            bySid(statements, "AllowAllS3ActionsInUserFolder").Condition = {
                StringEqualsIfExists: { "s3:x-amz-server-side-encryption": "aws:kms" },
            };
        });
        const run = await plan(withPolicy("kms-only", old));
        assertProvedBroadening(run);
        const allowed = run.access.permissions.newlyAllowed;
        assert.ok(actionsOf(allowed).includes("s3:PutObject"), JSON.stringify(allowed));
        assert.ok(
            allowed.every(
                (entry) =>
                    entry.context === 's3:x-amz-server-side-encryption not "aws:kms"' &&
                    entry.witness.context["s3:x-amz-server-side-encryption"] !== "aws:kms",
            ),
            JSON.stringify(allowed.map((entry) => entry.context)),
        );
        await assertNewlyAllowed(allowed, [old], [DEV_POLICY]);
    });

    it("finds Pinpoint of another organization when a StringEqualsIfExists on aws:SourceOrgID is removed", async () => {
        const trust = JSON.parse(DEV_TRUST) as { Statement: { Condition: Record<string, unknown> }[] };
        trust.Statement[0].Condition.StringEqualsIfExists = { "aws:SourceOrgID": "o-exampleorg1" };
        const old = JSON.stringify(trust);
        const run = await plan(
            baseline("one-org", (resources) => {
                roleIn(resources).inputs!.assumeRolePolicy = old;
            }),
        );
        assertProvedBroadening(run);
        const allowed = run.access.trust.newlyAllowed;
        assert.ok(allowed.length > 0);
        for (const entry of allowed) {
            assert.equal(entry.principal, "pinpoint.amazonaws.com");
            assert.match(entry.context, /aws:SourceOrgID not "o-exampleorg1"/);
            const request = { principal: entry.witness.principal!, context: entry.witness.context };
            assert.deepEqual(
                [
                    await decideByTrust(old, request, entry.witness.action),
                    await decideByTrust(DEV_TRUST, request, entry.witness.action),
                ],
                ["ImplicitlyDenied", "Allowed"],
                JSON.stringify(entry.witness),
            );
        }
    });

    it("finds everything the policy grants when the baseline has no attachment: the old role held no policy", async () => {
        const run = await plan(
            baseline("no-attachment", (resources) => {
                resources.splice(
                    resources.findIndex(
                        (candidate) => candidate.type === "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
                    ),
                    1,
                );
            }),
        );
        assertProvedBroadening(run);
        const allowed = run.access.permissions.newlyAllowed;
        for (const action of ["s3:PutObject", "s3:ListBucket", "s3:GetBucketLocation"]) {
            assert.ok(actionsOf(allowed).includes(action), action);
        }
        await assertNewlyAllowed(allowed, [], [DEV_POLICY]);
    });

    it("cannot decide, and so counts as broadening, when the baseline's attachment points to a policy it does not hold", async () => {
        const other = `arn:aws:iam::${ACCOUNT}:policy/SomethingElse`;
        const repointed = baseline("other-policy", (resources) => {
            const attachment = resource(resources, "aws:iam/rolePolicyAttachment:RolePolicyAttachment");
            attachment.inputs!.policyArn = other;
            attachment.outputs!.policyArn = other;
            delete attachment.propertyDependencies!.policyArn;
        });
        const run = await plan(repointed);
        assert.equal(run.access.broadening, true);
        assert.equal(run.access.decidedBy, "undecided");
        assert.equal(run.code, 3);
        assert.match(
            await planText(repointed),
            new RegExp(
                `^Broadens access: yes \\(not decided: the permissions of pinpoint-export-role: .*${other}.*\\)$`,
                "m",
            ),
        );
        assert.deepEqual(
            run.access.permissions.newlyAllowed,
            [],
            "nothing is newly allowed whatever the other policy says",
        );
        const possibly = run.access.permissions.possiblyNewlyAllowed;
        assert.ok(possibly.length > 0);
        // s3:ListAllMyBuckets on arn:aws:s3:::* depends on the open reading too (openReadings.ts).
        const reading = ' and if IAM grants an action that takes no resource type on a Resource other than "*"';
        assert.ok(
            possibly.every(
                (entry) =>
                    entry.dependsOn ===
                    `the baseline's ${other} does not grant it${entry.actions.includes("s3:ListAllMyBuckets") ? reading : ""}`,
            ),
            JSON.stringify(possibly.map((entry) => entry.dependsOn)),
        );
        assert.ok(actionsOf(possibly).includes("s3:PutObject"));
    });

    it("finds everything in the other partition when aws:region moves from aws to aws-us-gov", async () => {
        const govStack = path.join(dir, "gov.yaml");
        fs.writeFileSync(govStack, STACK_FILE.replace("us-east-1", "us-gov-west-1"));
        const run = await plan(STACK_EXPORT, govStack);
        assertProvedBroadening(run);
        const allowed = run.access.permissions.newlyAllowed;
        assert.ok(allowed.some((entry) => entry.witness.resource?.startsWith("arn:aws-us-gov:s3:::example-bucket")));
        assert.ok(run.access.trust.newlyAllowed.length > 0, "Pinpoint in us-gov-west-1 may newly assume it");
        assert.match(run.access.notes.join(), /move from partition aws to aws-us-gov/);
        const gov = renderPolicy(
            buildExportPolicy({ partition: "aws-us-gov", bucket: "example-bucket", folder: "Exports" }),
        );
        await assertNewlyAllowed(allowed, [DEV_POLICY], [gov]);
    });

    it("lists, from writeOnly to documented, s3:GetBucketLocation on other buckets and the object actions beyond writing", async () => {
        const writeOnly = renderPolicy(
            buildExportPolicy({
                partition: "aws",
                bucket: "example-bucket",
                folder: "Exports",
                accessProfile: "writeOnly",
            }),
        );
        const run = await plan(withPolicy("write-only", writeOnly));
        assertProvedBroadening(run);
        const allowed = run.access.permissions.newlyAllowed;
        assert.ok(
            allowed.some(
                (entry) =>
                    entry.actions.includes("s3:GetBucketLocation") &&
                    entry.resource === "arn:aws:s3:::* but not arn:aws:s3:::example-bucket",
            ),
            JSON.stringify(allowed.map((entry) => [entry.actions.slice(0, 3), entry.resource])),
        );
        for (const action of ["s3:GetObject", "s3:DeleteObject", "s3:PutObjectTagging", "s3:DeleteObjectVersion"]) {
            assert.ok(actionsOf(allowed).includes(action), action);
        }
        assert.ok(!actionsOf(allowed).includes("s3:PutObject"), "writeOnly already allowed writing");
        await assertNewlyAllowed(allowed, [writeOnly], [DEV_POLICY]);
        // The guide's s3:ListAllMyBuckets on arn:aws:s3:::*: granted under one reading of IAM only, so
        // possibly, never counted as nothing, and the reading is named (issue 19, "the uncertain grant").
        const possibly = run.access.permissions.possiblyNewlyAllowed;
        assert.deepEqual(
            possibly.map((entry) => [entry.actions, entry.dependsOn, entry.evaluator.outcome]),
            [
                [
                    ["s3:ListAllMyBuckets"],
                    'if IAM grants an action that takes no resource type on a Resource other than "*"',
                    "not checked",
                ],
            ],
        );
        assert.ok(!actionsOf(allowed).includes("s3:ListAllMyBuckets"));
        assert.ok(run.access.assumptions.some((assumption) => /an action of no resource type/.test(assumption)));
    });
});
