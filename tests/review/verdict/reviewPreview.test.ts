// The review of `pulumi preview --json`, one role at a time, over previews
// built to the engine's shape: every op, secrets, unknowns, AWS-managed
// attachments, a second role, a created and a deleted role, and a dependency
// that disagrees with a value. Each verdict is checked, and each witness is
// re-checked by iam-simulate (the engine the review finds installed here).
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { warmUpEvaluator } from "../../../review/src/access/iamEvaluator";
import { EXIT, reviewPreview, runReview } from "../../../review/src/runReview";
import type { Review, RoleReview } from "../../../review/src/verdict/reviewRoles";
import {
    allow,
    arnOf,
    attachmentState,
    exportRoleParent,
    PINPOINT_TRUST,
    policyState,
    policyText,
    preview,
    replacement,
    roleState,
    SECRET,
    State,
    step,
    UNKNOWN,
} from "../../support/previewBuilder";

const parent = exportRoleParent("exports");
const DAILY = policyText([allow("s3:PutObject", "arn:aws:s3:::shop-exports/Exports/daily/*")]);
const ALL_EXPORTS = policyText([allow("s3:PutObject", "arn:aws:s3:::shop-exports/Exports/*")]);

/** The ExportRole `exports`: its role, its policy with `document`, and the attachment joining them. */
function exportsResources(document: string, options: { created?: boolean } = {}) {
    const role = roleState("exports-role", { assumeRolePolicy: PINPOINT_TRUST }, { parent, ...options });
    const policy = policyState("exports-policy", document, { parent, ...options });
    const attachment = attachmentState(
        "exports-attachment",
        options.created === false ? UNKNOWN : role.outputs.name,
        options.created === false ? UNKNOWN : arnOf(policy),
        { parent, ...options, dependencies: { role: [role.urn], policyArn: [policy.urn] } },
    );
    return { role, policy, attachment };
}

const same = (...states: State[]) => states.map((state) => step("same", state, state));

function roleOf(review: Review, name: string): RoleReview {
    const found = review.roles.find((role) => role.role === name);
    assert.ok(found, `${name} is not among ${review.roles.map((role) => role.role).join(", ")}`);
    return found;
}

/** Every class of the review, each of whose witnesses iam-simulate re-checked and agreed with. */
function assertWitnessesAgree(review: Review, { orAtLeastChecked = false } = {}): void {
    assert.match(review.witnessEngine, /^@cloud-copilot\/iam-simulate \d/);
    for (const role of review.roles) {
        const changes = [role.access.permissions, role.access.trust];
        for (const found of changes.flatMap((c) => [...c.newlyAllowed, ...c.newlyDenied])) {
            if (orAtLeastChecked) {
                assert.notEqual(found.evaluator.outcome, "not checked", `${role.role}: ${JSON.stringify(found)}`);
            } else {
                assert.equal(found.evaluator.outcome, "agrees", `${role.role}: ${JSON.stringify(found)}`);
            }
        }
    }
}

describe("the review of a preview", () => {
    before(warmUpEvaluator);

    it("finds a wider policy newly allowing writes, names the role and its component, and re-checks the witness", async () => {
        const { role, policy, attachment } = exportsResources(DAILY);
        const wider = { ...policy, inputs: { ...policy.inputs, policy: ALL_EXPORTS } };
        const review = await reviewPreview(
            preview([...same(role), step("update", policy, wider, { diffs: ["policy"] }), ...same(attachment)]),
        );
        const exports = roleOf(review, "exports-role");
        assert.equal(exports.component, "exports");
        assert.equal(exports.newlyAllowed, "yes");
        assert.equal(exports.lifecycle, "kept");
        const [found] = exports.access.permissions.newlyAllowed;
        assert.deepEqual(found.actions, ["s3:PutObject"]);
        assert.match(found.resource!, /Exports\/\*/);
        assert.ok(found.witness.resource!.startsWith("arn:aws:s3:::shop-exports/Exports/"));
        assert.ok(!found.witness.resource!.startsWith("arn:aws:s3:::shop-exports/Exports/daily/"));
        assert.equal(exports.broadensUnaccepted, true);
        assertWitnessesAgree(review);
    });

    it("lists classes that do not repeat one another: the actions already granted on all of a folder go from its part", async () => {
        const { role, policy, attachment } = exportsResources(DAILY);
        const everything = policyText([allow("s3:*", "arn:aws:s3:::shop-exports/Exports/*")]);
        const wider = { ...policy, inputs: { ...policy.inputs, policy: everything } };
        const review = await reviewPreview(
            preview([...same(role), step("update", policy, wider, { diffs: ["policy"] }), ...same(attachment)]),
        );
        const classes = roleOf(review, "exports-role").access.permissions.newlyAllowed;
        const folder = "arn:aws:s3:::shop-exports/Exports/*";
        const part = classes.find(
            (found) => found.resource === `${folder} but not arn:aws:s3:::shop-exports/Exports/daily/*`,
        );
        const whole = classes.find((found) => found.resource === folder);
        assert.ok(part && whole, classes.map((found) => found.resource).join("\n"));
        // PutObject was allowed in daily/ before: it is newly allowed only outside it; the rest everywhere.
        assert.deepEqual(part.actions, ["s3:PutObject"]);
        assert.equal(part.witness.action, "s3:PutObject");
        assert.ok(!whole.actions.includes("s3:PutObject") && whole.actions.length > 30);
        for (const action of whole.actions) {
            assert.ok(!part.actions.includes(action), `${action} is said twice`);
        }
        assertWitnessesAgree(review);
    });

    it("lists no role when every step is `same`", async () => {
        const { role, policy, attachment } = exportsResources(DAILY);
        const review = await reviewPreview(preview(same(role, policy, attachment)));
        assert.deepEqual(review.roles, []);
        assert.equal(review.unchangedRoles, 1);
    });

    it("says a replaced role is replaced, from create-replacement, replace and delete-replaced", async () => {
        const { role, policy, attachment } = exportsResources(DAILY);
        const renamed = roleState("exports-role", { name: "exports-v2", assumeRolePolicy: PINPOINT_TRUST }, { parent });
        const newAttachment = { ...attachment, inputs: { role: UNKNOWN, policyArn: arnOf(policy) } };
        const review = await reviewPreview(
            preview([
                ...replacement(role, { ...renamed, id: undefined, outputs: {} }, ["name"]),
                ...same(policy),
                ...replacement(attachment, newAttachment, ["role"]),
            ]),
        );
        const exports = roleOf(review, "exports-role");
        assert.equal(exports.lifecycle, "replaced");
        // Same trust policy, same policy attached by dependency: nothing newly allowed.
        assert.equal(exports.newlyAllowed, "no");
        assert.deepEqual(
            review.replacements.map((each) => [each.name, each.op]),
            [["exports-role", "replace"]],
        );
    });

    it("takes everything a deleted role allowed as newly denied, and a created role's as newly allowed", async () => {
        const old = exportsResources(DAILY);
        const fresh = {
            role: roleState("reports-role", { assumeRolePolicy: PINPOINT_TRUST }, { created: false }),
            policy: policyState("reports-policy", ALL_EXPORTS, { created: false }),
        };
        const attach = attachmentState("reports-attachment", UNKNOWN, UNKNOWN, {
            created: false,
            dependencies: { role: [fresh.role.urn], policyArn: [fresh.policy.urn] },
        });
        const review = await reviewPreview(
            preview([
                step("delete", old.role, undefined),
                step("delete", old.policy, undefined),
                step("delete", old.attachment, undefined),
                step("create", undefined, fresh.role),
                step("create", undefined, fresh.policy),
                step("create", undefined, attach),
            ]),
        );
        const deleted = roleOf(review, "exports-role");
        assert.equal(deleted.lifecycle, "deleted");
        assert.equal(deleted.newlyAllowed, "no");
        assert.ok(deleted.access.permissions.newlyDenied.some((c) => c.actions.includes("s3:PutObject")));
        assert.ok(deleted.access.trust.newlyDenied.length > 0);
        const created = roleOf(review, "reports-role");
        assert.equal(created.lifecycle, "created");
        assert.equal(created.newlyAllowed, "yes");
        assert.ok(created.access.permissions.newlyAllowed.some((c) => /Exports\/\*/.test(c.resource!)));
        assert.ok(created.access.trust.newlyAllowed.some((c) => c.principal?.includes("pinpoint.amazonaws.com")));
        assertWitnessesAgree(review);
    });

    it("takes a secret policy as unknown text, named with its reason, never as no", async () => {
        const { role, policy, attachment } = exportsResources(DAILY);
        const secret = { ...policy, inputs: { ...policy.inputs, policy: SECRET } };
        const review = await reviewPreview(
            preview([...same(role), step("update", policy, secret, { diffs: ["policy"] }), ...same(attachment)]),
        );
        const exports = roleOf(review, "exports-role");
        assert.equal(exports.newlyAllowed, "not decided");
        assert.ok(
            exports.access.unevaluated.some((reason) => reason.includes('"[secret]"')),
            exports.access.unevaluated.join("\n"),
        );
        assert.equal(exports.broadensUnaccepted, true);
    });

    it("joins an unknown policyArn by its dependency, and decides on the created policy's known text", async () => {
        const { role, policy, attachment } = exportsResources(DAILY);
        const second = policyState(
            "exports-extra",
            policyText([allow("s3:GetObject", "arn:aws:s3:::shop-exports/*")]),
            {
                parent,
                created: false,
            },
        );
        const extra = attachmentState("exports-extra-attachment", role.outputs.name, UNKNOWN, {
            parent,
            created: false,
            dependencies: { role: [role.urn], policyArn: [second.urn] },
        });
        const review = await reviewPreview(
            preview([
                ...same(role, policy, attachment),
                step("create", undefined, second),
                step("create", undefined, extra),
            ]),
        );
        const exports = roleOf(review, "exports-role");
        assert.equal(exports.newlyAllowed, "yes");
        assert.deepEqual(
            exports.access.permissions.newlyAllowed.flatMap((c) => c.actions),
            ["s3:GetObject"],
        );
        assertWitnessesAgree(review);
    });

    it("takes the same AWS-managed ARN as the same text, and another one as not decided, naming it", async () => {
        const { role, policy, attachment } = exportsResources(DAILY);
        const managed = (arn: string, created?: boolean) =>
            attachmentState("exports-readonly", role.outputs.name, arn, { parent, created });
        const readOnly = "arn:aws:iam::aws:policy/ReadOnlyAccess";
        const unchanged = await reviewPreview(preview([...same(role, policy, attachment, managed(readOnly))]));
        assert.deepEqual(unchanged.roles, []);
        const admin = "arn:aws:iam::aws:policy/AdministratorAccess";
        const changed = await reviewPreview(
            preview([
                ...same(role, policy, attachment),
                ...replacement(managed(readOnly), managed(admin, false), ["policyArn"]),
            ]),
        );
        const exports = roleOf(changed, "exports-role");
        assert.equal(exports.newlyAllowed, "not decided");
        assert.ok(exports.access.unevaluated.some((reason) => reason.includes("AdministratorAccess")));
        assert.ok(exports.access.unevaluated.some((reason) => reason.includes("AWS-managed")));
    });

    it("reviews every role: a CI role gaining iam:PassRole on * beside an ExportRole that stays", async () => {
        const { role, policy, attachment } = exportsResources(DAILY);
        const trust = policyText([
            { Effect: "Allow", Principal: { Service: "codebuild.amazonaws.com" }, Action: "sts:AssumeRole" },
        ]);
        const ci = roleState("ci-role", {
            assumeRolePolicy: trust,
            inlinePolicies: [
                { name: "deploy", policy: policyText([allow("s3:GetObject", "arn:aws:s3:::artifacts/*")]) },
            ],
        });
        const wider = {
            ...ci,
            inputs: {
                ...ci.inputs,
                inlinePolicies: [
                    {
                        name: "deploy",
                        policy: policyText([
                            allow("s3:GetObject", "arn:aws:s3:::artifacts/*"),
                            allow("iam:PassRole", "*"),
                        ]),
                    },
                ],
            },
        };
        const review = await reviewPreview(
            preview([...same(role, policy, attachment), step("update", ci, wider, { diffs: ["inlinePolicies"] })]),
        );
        assert.deepEqual(
            review.roles.map((each) => each.role),
            ["ci-role"],
        );
        const found = roleOf(review, "ci-role");
        assert.equal(found.newlyAllowed, "yes");
        assert.equal(found.component, undefined);
        assert.deepEqual(
            found.access.permissions.newlyAllowed.flatMap((c) => c.actions),
            ["iam:PassRole"],
        );
        // The proof's witness for a role ARN names the account "x", which iam-simulate finds outside the
        // role's account: the witness account fix (the proof's branch) makes it agree; until then, checked.
        assertWitnessesAgree(review, { orAtLeastChecked: true });
    });

    it("reads a role's RolePolicy, PolicyAttachment and managedPolicyArns, each joined by value", async () => {
        const reader = policyState("reader", policyText([allow("s3:GetObject", "arn:aws:s3:::data/*")]));
        const lister = policyState("lister", policyText([allow("s3:ListBucket", "arn:aws:s3:::data")]));
        const role = roleState("app-role", { assumeRolePolicy: PINPOINT_TRUST, managedPolicyArns: [arnOf(reader)] });
        const shared: State = {
            ...attachmentState("shared", undefined, arnOf(lister)),
            type: "aws:iam/policyAttachment:PolicyAttachment",
            inputs: { name: "shared", roles: [role.outputs.name], policyArn: arnOf(lister) },
        };
        const inline = (document: string): State => ({
            ...attachmentState("app-inline", undefined, undefined),
            urn: "urn:pulumi:dev::shop::aws:iam/rolePolicy:RolePolicy::app-inline",
            type: "aws:iam/rolePolicy:RolePolicy",
            inputs: { role: role.outputs.name, name: "inline", policy: document },
        });
        const before = inline(policyText([allow("s3:GetObject", "arn:aws:s3:::data/*")]));
        const after = inline(policyText([allow("s3:DeleteObject", "arn:aws:s3:::data/*")]));
        const review = await reviewPreview(
            preview([...same(reader, lister, role, shared), step("update", before, after, { diffs: ["policy"] })]),
        );
        const app = roleOf(review, "app-role");
        // GetObject stays allowed through managedPolicyArns; ListBucket through the PolicyAttachment.
        assert.deepEqual(
            app.access.permissions.newlyAllowed.flatMap((c) => c.actions),
            ["s3:DeleteObject"],
        );
        assert.deepEqual(app.access.permissions.newlyDenied, []);
        assert.deepEqual(app.access.unevaluated, []);
        assertWitnessesAgree(review);
    });

    it("joins by value where a recorded dependency disagrees with it, and leaves the role not decided", async () => {
        const { role, policy, attachment } = exportsResources(DAILY);
        const other = policyState("other-policy", ALL_EXPORTS);
        // The attachment records that its policyArn comes from exports-policy, but its value is other-policy's ARN.
        const lying = { ...attachment, inputs: { role: role.outputs.name, policyArn: arnOf(other) } };
        const review = await reviewPreview(
            preview([...same(role, policy, other), step("update", attachment, lying, { diffs: ["policyArn"] })]),
        );
        const exports = roleOf(review, "exports-role");
        assert.equal(exports.newlyAllowed, "yes", "AWS joins by value: other-policy's wider grant is attached");
        assert.ok(
            exports.access.unevaluated.some((reason) =>
                /records that its policyArn comes from exports-policy/.test(reason),
            ),
            exports.access.unevaluated.join("\n"),
        );
        assert.equal(exports.broadensUnaccepted, true);
    });

    it("leaves every role not decided where an attachment names its role by neither a known value nor a dependency", async () => {
        const { role, policy, attachment } = exportsResources(DAILY);
        const stray = attachmentState("stray-attachment", SECRET, "arn:aws:iam::aws:policy/AdministratorAccess", {
            created: false,
        });
        const review = await reviewPreview(
            preview([...same(role, policy, attachment), step("create", undefined, stray)]),
        );
        const exports = roleOf(review, "exports-role");
        assert.equal(exports.newlyAllowed, "not decided");
        assert.ok(exports.access.unevaluated.some((reason) => reason.includes("stray-attachment")));
    });
});

describe("the review's command line", () => {
    let dir: string;
    const stdinOf = (text: string) => () => Promise.resolve(text);
    const file = (name: string, value: unknown) => {
        const where = path.join(dir, name);
        fs.writeFileSync(where, typeof value === "string" ? value : JSON.stringify(value));
        return where;
    };
    const wider = () => {
        const { role, policy, attachment } = exportsResources(DAILY);
        const next = { ...policy, inputs: { ...policy.inputs, policy: ALL_EXPORTS } };
        return preview([...same(role), step("update", policy, next, { diffs: ["policy"] }), ...same(attachment)]);
    };

    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "review-cli-"));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("prints the verdict first, in lines of at most 100 columns, and fails the gate with 3", async () => {
        const run = await runReview(["--preview", "-", "--fail-on-broadening"], {
            readStdin: stdinOf(JSON.stringify(wider())),
        });
        assert.equal(run.code, EXIT.broadens, run.stderr);
        const lines = run.stdout.trimEnd().split("\n");
        assert.match(lines[0], /^Verdict: BROADENS ACCESS/);
        assert.match(lines.slice(0, 4).join("\n"), /exports-role \(exports\) +yes +no/);
        assert.deepEqual(
            lines.filter((line) => line.length > 100),
            [],
        );
        assert.match(run.stdout, /in words: overwrite any object under Exports\/ in shop-exports/);
    });

    it("passes the gate where an accept entry covers the broadening, showing its reason, until it expires", async () => {
        const accept = file("accept.json", {
            accepted: [
                {
                    role: "exports",
                    actions: ["s3:Put*"],
                    resources: ["arn:aws:s3:::shop-exports/Exports/*"],
                    reason: "daily and weekly exports share one folder (ticket 42)",
                    expires: "2027-03-31",
                },
            ],
        });
        const change = file("preview.json", wider());
        const argv = ["--preview", change, "--accept", accept, "--fail-on-broadening"];
        const inTime = await runReview(argv, { readStdin: stdinOf(""), today: "2027-03-31" });
        assert.equal(inTime.code, EXIT.ok, inTime.stdout);
        assert.match(
            inTime.stdout,
            /accepted: daily and weekly exports share one folder \(ticket 42\), until 2027-03-31/,
        );
        const late = await runReview(argv, { readStdin: stdinOf(""), today: "2027-04-01" });
        assert.equal(late.code, EXIT.broadens);
        assert.match(late.stdout.replace(/\n/g, " "), /expired on 2027-03-31 and no longer applies/);
        const yamlList = file(
            "accept.yaml",
            [
                "accepted:",
                "    - role: exports-role",
                '      actions: ["s3:PutObject"]',
                '      resources: ["arn:aws:s3:::shop-exports/Exports/*"]',
                "      reason: written in YAML",
                "      expires: 2027-03-31",
                "",
            ].join("\n"),
        );
        const fromYaml = await runReview(["--preview", change, "--accept", yamlList, "--fail-on-broadening"], {
            readStdin: stdinOf(""),
            today: "2027-03-31",
        });
        assert.equal(fromYaml.code, EXIT.ok, fromYaml.stdout + fromYaml.stderr);
        assert.match(fromYaml.stdout, /accepted: written in YAML, until 2027-03-31/);
        const narrower = file("narrow.json", {
            accepted: [
                {
                    role: "exports-role",
                    actions: ["s3:PutObject"],
                    resources: ["arn:aws:s3:::shop-exports/Exports/daily/*"],
                    reason: "r",
                },
            ],
        });
        const partial = await runReview(["--preview", change, "--accept", narrower, "--fail-on-broadening"], {
            readStdin: stdinOf(""),
        });
        assert.equal(partial.code, EXIT.broadens, "an entry that covers only part of the class does not accept it");
    });

    it("lets an accept list cover what depends on unknown text, never a dependency that disagrees", async () => {
        const { role, policy, attachment } = exportsResources(DAILY);
        const secret = { ...policy, inputs: { ...policy.inputs, policy: SECRET } };
        const change = file(
            "secret.json",
            preview([...same(role), step("update", policy, secret, { diffs: ["policy"] }), ...same(attachment)]),
        );
        const anything = file("anything.json", {
            accepted: [{ role: "exports", actions: ["*"], resources: ["*"], reason: "the policy is kept in a secret" }],
        });
        const refused = await runReview(["--preview", change, "--fail-on-broadening"], { readStdin: stdinOf("") });
        assert.equal(refused.code, EXIT.broadens);
        const accepted = await runReview(["--preview", change, "--accept", anything, "--fail-on-broadening"], {
            readStdin: stdinOf(""),
        });
        assert.equal(accepted.code, EXIT.ok, accepted.stdout);
        assert.match(accepted.stdout, /accepted: the policy is kept in a secret/);
        const other = policyState("other-policy", ALL_EXPORTS);
        const lying = { ...attachment, inputs: { role: role.outputs.name, policyArn: arnOf(other) } };
        const disagreeing = file(
            "disagreeing.json",
            preview([...same(role, policy, other), step("update", attachment, lying, { diffs: ["policyArn"] })]),
        );
        const still = await runReview(["--preview", disagreeing, "--accept", anything, "--fail-on-broadening"], {
            readStdin: stdinOf(""),
        });
        assert.equal(still.code, EXIT.broadens, "a disagreement is not a class an entry can cover");
    });

    it("fails with 4 on --fail-on-replace when a role is replaced, and renders Markdown and JSON", async () => {
        const { role, policy, attachment } = exportsResources(DAILY);
        const renamed = { ...role, inputs: { ...role.inputs, name: "exports-v2" } };
        const change = file(
            "replace.json",
            preview([...replacement(role, renamed, ["name"]), ...same(policy, attachment)]),
        );
        const gate = await runReview(["--preview", change, "--fail-on-replace"], { readStdin: stdinOf("") });
        assert.equal(gate.code, EXIT.replaces, gate.stdout + gate.stderr);
        const markdown = await runReview(["--preview", change, "--format", "markdown"], { readStdin: stdinOf("") });
        assert.equal(markdown.code, EXIT.ok);
        assert.match(markdown.stdout, /^### pinpoint-export-review\n\n\*\*Verdict: /);
        assert.match(markdown.stdout, /\| `exports-role` \(exports\) \| no \| yes \| - \|/);
        const json = await runReview(["--preview", change, "--format", "json"], { readStdin: stdinOf("") });
        const parsed = JSON.parse(json.stdout) as { roles: { lifecycle: string }[]; replacements: unknown[] };
        assert.equal(parsed.roles[0].lifecycle, "replaced");
        assert.equal(parsed.replacements.length, 1);
    });

    it("reviews two stack exports, before and after: a policy widened to the whole bucket newly allows", async () => {
        const exported = path.join(__dirname, "..", "..", "fixtures", "dev.stack-export.json");
        const document = JSON.parse(fs.readFileSync(exported, "utf8")) as {
            deployment: {
                resources: { type: string; inputs: Record<string, unknown>; outputs: Record<string, unknown> }[];
            };
        };
        const policy = document.deployment.resources.find((resource) => resource.type === "aws:iam/policy:Policy")!;
        const widened = policyText([allow("s3:PutObject", "arn:aws:s3:::example-bucket/*")]);
        policy.inputs.policy = widened;
        policy.outputs.policy = widened;
        const after = file("after.json", document);
        const same = await runReview(["--before", exported, "--after", exported], { readStdin: stdinOf("") });
        assert.equal(same.code, EXIT.ok);
        assert.match(same.stdout, /^Verdict: does not broaden access \(0 roles changed/);
        const run = await runReview(["--before", exported, "--after", after, "--fail-on-broadening"], {
            readStdin: stdinOf(""),
        });
        assert.equal(run.code, EXIT.broadens, run.stdout + run.stderr);
        assert.match(
            run.stdout,
            /\+ s3:PutObject on arn:aws:s3:::example-bucket\/\* but not arn:aws:s3:::example-bucket\/Exports\/\*/,
        );
    });

    it("documents every exit code in --help, and refuses bad arguments with 2 and bad files with 1", async () => {
        const help = await runReview(["--help"], { readStdin: stdinOf("") });
        for (const code of Object.values(EXIT)) {
            assert.match(help.stdout, new RegExp(`^  ${code}  \\S`, "m"), `--help does not document exit code ${code}`);
        }
        assert.deepEqual(
            help.stdout.split("\n").filter((line) => line.length > 100),
            [],
        );
        assert.equal((await runReview([], { readStdin: stdinOf("") })).code, EXIT.badArguments);
        assert.equal(
            (await runReview(["--preview", "x", "--format", "yaml"], { readStdin: stdinOf("") })).code,
            EXIT.badArguments,
        );
        const notJson = await runReview(["--preview", "-"], { readStdin: stdinOf("> npm header") });
        assert.equal(notJson.code, EXIT.badFile);
        assert.match(notJson.stderr, /stdin is not JSON/);
        const notPreview = await runReview(["--preview", file("export.json", { version: 3 })], {
            readStdin: stdinOf(""),
        });
        assert.equal(notPreview.code, EXIT.badFile);
        assert.match(notPreview.stderr, /not the output of `pulumi preview --json`/);
    });
});
