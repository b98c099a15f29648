// The offline plan of an update: `npm run plan -- --against <baseline>`, run
// in-process on the real index.ts, against both kinds of baseline: a plan's
// JSON, and `pulumi stack export` (tests/fixtures/dev.stack-export.json,
// a deployment of version 3 as the CLI writes it for the dev stack, with the
// provider's checked inputs: autonamed names, filled defaults, `__defaults`).
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runPlan } from "../../plan/runPlan";
import { reviewPreview } from "../../review/src/runReview";
import { PROJECT_DIR } from "../../tools/projectDir";
import { expectLines } from "../support/expectLines";
import { SHIPPED_DEV_STACK } from "../support/userFiles";

const STACK_EXPORT = path.join(__dirname, "..", "fixtures", "dev.stack-export.json");
const DEV_CONFIG = fs.readFileSync(SHIPPED_DEV_STACK, "utf8");
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

interface Step {
    op: string;
    urn: string;
    oldState?: { type: string; inputs: Record<string, unknown> };
    newState?: { type: string; inputs: Record<string, unknown> };
    diffReasons?: string[];
    replaceReasons?: string[];
    deleteBeforeReplace?: boolean;
    detailedDiff?: Record<string, { kind: string; inputDiff: boolean }>;
    warnings?: string[];
}

interface PlanJson {
    steps: Step[];
    outputs: Record<string, unknown>;
    changeSummary: Record<string, number>;
    accessChanges?: { broadening: boolean; permissions: { newlyAllowed: unknown[]; newlyDenied: unknown[] } };
}

/** Each step as `op name`, the name being the last part of its URN. */
const opsOf = (plan: PlanJson) => plan.steps.map((step) => `${step.op} ${step.urn.split("::").pop()}`);

describe("the offline plan of an update", () => {
    let dir: string;
    /** A file in the scratch directory. */
    const scratch = (name: string, text: string) => {
        const file = path.join(dir, name);
        fs.writeFileSync(file, text);
        return file;
    };
    /** The dev stack's config file with `settings` added, e.g. `pinpoint-export:folder: Exports/daily`. */
    const devConfig = (name: string, settings: Record<string, string>) =>
        scratch(
            name,
            Object.entries(settings).reduce(
                (text, [key, value]) =>
                    text.includes(`${key}:`)
                        ? text.replace(new RegExp(`${key}: .*`), `${key}: ${value}`)
                        : `${text}    ${key}: ${value}\n`,
                DEV_CONFIG,
            ),
        );
    /** The stack export fixture, changed by `edit`. */
    const stackExport = (name: string, edit: (resources: Record<string, unknown>[]) => void) => {
        const document = JSON.parse(fs.readFileSync(STACK_EXPORT, "utf8")) as {
            deployment: { resources: Record<string, unknown>[] };
        };
        edit(document.deployment.resources);
        return scratch(name, JSON.stringify(document));
    };
    const planJson = async (...argv: string[]) => {
        const stack = argv.includes("--config-file") ? [] : ["--config-file", SHIPPED_DEV_STACK];
        const run = await runPlan(PROJECT_DIR, [...stack, ...argv, "--json"]);
        assert.equal(run.code, 0, run.stderr);
        return JSON.parse(run.stdout) as PlanJson;
    };

    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-update-"));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    describe("against `pulumi stack export`", () => {
        it("changes nothing for the config that was deployed: autonames and provider defaults are kept", async () => {
            const plan = await planJson("--against", STACK_EXPORT);
            assert.deepEqual(opsOf(plan), [
                "same pinpoint-export",
                "same pinpoint-export-policy",
                "same pinpoint-export-role",
                "same pinpoint-export-attachment",
            ]);
            assert.deepEqual(plan.changeSummary, { same: 4 });
            // A resource that stays keeps what AWS gave it: the stack outputs are the baseline's.
            assert.deepEqual(plan.outputs, {
                roleArn: "arn:aws:iam::123456789012:role/pinpoint-export-role-3a9d0b6",
                roleName: "pinpoint-export-role-3a9d0b6",
                policyArn: "arn:aws:iam::123456789012:policy/pinpoint-export-policy-7c2f4e1",
                s3UrlPrefix: "s3://example-bucket/Exports/",
            });
            assert.equal(plan.accessChanges?.broadening, false);
        });

        it("joins the baseline's attachment by its policyArn's value, naming a dependency that disagrees", async () => {
            // The attachment records that its policyArn comes from the component's policy, but AWS attached
            // another: by value, the baseline's role had a policy of unknown text, so nothing is proved.
            const other = "arn:aws:iam::123456789012:policy/someone-elses-policy";
            const baseline = stackExport("disagreeing.json", (resources) => {
                const attachment = resources.find((resource) =>
                    String(resource.type).includes("rolePolicyAttachment"),
                )!;
                (attachment.inputs as Record<string, unknown>).policyArn = other;
                (attachment.outputs as Record<string, unknown>).policyArn = other;
            });
            const plan = await planJson("--against", baseline);
            const access = plan.accessChanges as unknown as { broadening: boolean; unevaluated: string[] };
            assert.equal(access.broadening, true);
            assert.ok(
                access.unevaluated.some((reason) => reason.includes("records that its policyArn comes from")),
                access.unevaluated.join("\n"),
            );
        });

        it("replaces a policy given a name, deleting it first, and the attachment because the policy's ARN is new", async () => {
            const config = devConfig("named.yaml", {
                "pinpoint-export:policyName": "export-policy",
                "pinpoint-export:maxSessionDuration": "7200",
            });
            const plan = await planJson("--config-file", config, "--against", STACK_EXPORT);
            assert.deepEqual(opsOf(plan), [
                "same pinpoint-export",
                "replace pinpoint-export-policy",
                "update pinpoint-export-role",
                "replace pinpoint-export-attachment",
            ]);
            const [, policy, role, attachment] = plan.steps;
            assert.deepEqual(
                [policy.diffReasons, policy.replaceReasons, policy.detailedDiff, policy.deleteBeforeReplace],
                [["name"], ["name"], { name: { kind: "update-replace", inputDiff: true } }, true],
            );
            assert.deepEqual(
                [role.diffReasons, role.replaceReasons, role.detailedDiff],
                [["maxSessionDuration"], undefined, { maxSessionDuration: { kind: "update", inputDiff: true } }],
            );
            assert.deepEqual([attachment.replaceReasons, attachment.deleteBeforeReplace], [["policyArn"], true]);
            // The role stays, and so does its ARN: nothing to warn of.
            assert.deepEqual([policy.warnings, role.warnings, attachment.warnings], [undefined, undefined, undefined]);
            assert.equal(attachment.newState?.inputs.policyArn, UNKNOWN);
            assert.equal(attachment.newState?.inputs.role, "pinpoint-export-role-3a9d0b6");
            assert.deepEqual(plan.changeSummary, { update: 1, replace: 2, same: 1 });
        });

        it("says in text why the attachment is replaced, and in which order", async () => {
            const config = devConfig("named-text.yaml", { "pinpoint-export:policyName": "export-policy" });
            const run = await runPlan(PROJECT_DIR, ["--config-file", config, "--against", STACK_EXPORT]);
            assert.equal(run.code, 0, run.stderr);
            expectLines(run.stdout, [
                '-+ replace aws:iam/policy:Policy "pinpoint-export-policy"',
                '    name: "pinpoint-export-policy-7c2f4e1" => "export-policy" (replaces the resource)',
                '-+ replace aws:iam/rolePolicyAttachment:RolePolicyAttachment "pinpoint-export-attachment"',
                "    The old resource is deleted first: the provider always does so for this type.",
                '        because the aws:iam/policy:Policy "pinpoint-export-policy" is replaced, so its value is known only after apply',
                "Resources: 2 to replace, 2 unchanged.",
                "Access changes: no policy that decides the role's access changes, so nothing is newly allowed or denied.",
                "Broadens access: no (proved for all requests)",
            ]);
        });

        it("sees no change in a policy an earlier version rendered with other whitespace, key and statement order", async () => {
            const baseline = stackExport("reformatted.json", (resources) => {
                for (const resource of resources.filter((candidate) => candidate.type === "aws:iam/policy:Policy")) {
                    const inputs = resource.inputs as { policy: string };
                    const document = JSON.parse(inputs.policy) as { Version: string; Statement: object[] };
                    inputs.policy = JSON.stringify(
                        { Statement: [...document.Statement].reverse(), Version: document.Version },
                        null,
                        2,
                    );
                }
            });
            assert.deepEqual((await planJson("--against", baseline)).changeSummary, { same: 4 });
        });

        it("deletes what the program no longer registers (a rename without an alias), but not the stack or its provider", async () => {
            const baseline = stackExport("renamed.json", (resources) => {
                // Every URN of the component and its children, as a stack deployed under the old name holds them.
                const rename = (urn: string) => urn.replace(/::pinpoint-export(-|$)/, "::old-exports$1");
                for (const resource of resources) {
                    for (const key of ["urn", "parent"]) {
                        const urn = resource[key];
                        if (typeof urn === "string" && urn.includes("ExportRole")) {
                            resource[key] = rename(urn);
                        }
                    }
                    const dependencies = resource.propertyDependencies as Record<string, string[]> | undefined;
                    for (const [property, urns] of Object.entries(dependencies ?? {})) {
                        dependencies![property] = urns.map(rename);
                    }
                    if (Array.isArray(resource.dependencies)) {
                        resource.dependencies = (resource.dependencies as string[]).map(rename);
                    }
                }
            });
            const plan = await planJson("--against", baseline);
            assert.deepEqual(plan.changeSummary, { create: 4, delete: 4 });
            assert.deepEqual(opsOf(plan).slice(4), [
                "delete old-exports",
                "delete old-exports-policy",
                "delete old-exports-role",
                "delete old-exports-attachment",
            ]);
            assert.equal(plan.steps[5].oldState?.type, "aws:iam/policy:Policy");
            assert.match(
                plan.steps[6].warnings?.join("\n") ?? "",
                /^The role is deleted: export jobs that name its ARN stop/,
            );
            // The new role has the same documents as the old one: nothing to evaluate, nothing broadened.
            assert.equal(plan.accessChanges?.broadening, false);
        });
    });

    describe("against a plan's JSON", () => {
        let baseline: string;
        before(async () => {
            const run = await runPlan(PROJECT_DIR, ["--config-file", SHIPPED_DEV_STACK, "--json"]);
            assert.equal(run.code, 0, run.stderr);
            baseline = scratch("baseline-plan.json", run.stdout);
        });

        /** The plan, failing on broadening, of the dev stack with another folder, against the baseline. */
        const planFolder = (folder: string) =>
            runPlan(PROJECT_DIR, [
                "--config-file",
                devConfig(`${folder.replace(/\//g, "-")}.yaml`, { "pinpoint-export:folder": folder }),
                "--against",
                baseline,
                "--fail-on-broadening",
            ]);

        it("updates the policy and role for a narrower folder, keeps the attachment, and does not broaden access", async () => {
            const run = await planFolder("Exports/daily");
            assert.equal(run.code, 0, run.stderr);
            expectLines(run.stdout, [
                '~ update aws:iam/policy:Policy "pinpoint-export-policy"',
                "    policy: the document changes, see the IAM statement changes",
                '~ update aws:iam/role:Role "pinpoint-export-role"',
                "Resources: 2 to update, 2 unchanged.",
                "    + │ arn:aws:s3:::example-bucket/Exports/daily/* │ Allow  │ s3:*          │           │",
                "  Permissions newly allowed: none",
                "  Trust newly allowed: none",
                "Broadens access: no (proved for all requests)",
            ]);
            // The attachment's inputs were unknown in the baseline and are now; they come from resources that stay.
            assert.ok(!run.stdout.includes("RolePolicyAttachment"), run.stdout);
        });

        it("writes JSON the review package decides as the plan does: its old states keep their dependencies", async () => {
            const config = devConfig("daily-json.yaml", { "pinpoint-export:folder": "Exports/daily" });
            const run = await runPlan(PROJECT_DIR, ["--config-file", config, "--against", baseline, "--json"]);
            assert.equal(run.code, 0, run.stderr);
            const review = await reviewPreview(JSON.parse(run.stdout));
            const [role] = review.roles;
            assert.equal(role.role, "pinpoint-export-role");
            assert.equal(role.newlyAllowed, "no", role.access.unevaluated.join("\n"));
            assert.ok(role.access.permissions.newlyDenied.length > 0);
        });

        it("says, in text and JSON, that a replaced role's new ARN breaks the export jobs that name the old one", async () => {
            const config = devConfig("role-path.yaml", { "pinpoint-export:path": "/exports/" });
            const run = await runPlan(PROJECT_DIR, ["--config-file", config, "--against", baseline]);
            assert.equal(run.code, 0, run.stderr);
            const roleStep = run.stdout.split("\n\n").find((step) => step.includes('replace aws:iam/role:Role "'));
            assert.match(
                roleStep ?? run.stdout,
                /\n {4}! The role gets a new ARN: export jobs that name the old ARN stop working/,
            );
            // The attachment's role was not known to the baseline (a plan knows no names) and is not known yet.
            expectLines(run.stdout, [
                "    role: (not in the baseline) => (known after apply) (replaces the resource)",
                '        because the aws:iam/role:Role "pinpoint-export-role" is replaced, so its value is known only after apply',
            ]);
            const role = (await planJson("--config-file", config, "--against", baseline)).steps.find(
                (step) => step.newState?.type === "aws:iam/role:Role",
            );
            assert.equal(role?.op, "replace");
            assert.equal(role.warnings?.length, 1);
            assert.ok(roleStep?.includes(role.warnings[0]), "the text and the JSON say the same");
        });

        it("exits 3 with --fail-on-broadening when the folder moves, since the new folder is newly allowed", async () => {
            const run = await planFolder("Other");
            assert.equal(run.code, 3, run.stderr);
            // Every object action of S3 on the new folder: 44 in the catalogue the proof reads.
            assert.match(
                run.stdout,
                /\n {4}\+ all 44 s3 actions that take an object \(s3:AbortMultipartUpload, s3:BypassGovernanceRetention, .* and 36 more\) on arn:aws:s3:::example-bucket\/Other\/\*\n {8}e\.g\. s3:AbortMultipartUpload on arn:aws:s3:::example-bucket\/Other\/\S+\n/,
            );
            assert.match(run.stdout, /\nBroadens access: yes \(proved: a request is newly allowed\)\n$/);
            const json = await planJson("--config-file", path.join(dir, "Other.yaml"), "--against", baseline);
            assert.equal(json.accessChanges?.broadening, true);
            assert.ok(json.accessChanges.permissions.newlyAllowed.length > 0);
        });
    });

    describe("refuses", () => {
        const refusals: [string, () => string, RegExp][] = [
            [
                "a missing file",
                () => path.join(dir, "absent.json"),
                /^The baseline .*absent\.json cannot be read: ENOENT/,
            ],
            [
                "a file that is not JSON",
                () => scratch("text.json", "steps: []"),
                /is not JSON .*Give a plan written by `npm run plan -- --json`, or the output of `pulumi stack export`\.\n$/,
            ],
            ["JSON of neither kind", () => scratch("other.json", '{"resources": []}'), /is neither a plan written by/],
            [
                "a deployment of another version",
                () => scratch("v2.json", '{"version": 2, "deployment": {"manifest": {}}}'),
                /is a deployment of version 2; the plan reads version 3/,
            ],
            [
                "another project's stack",
                () =>
                    stackExport("project.json", (resources) =>
                        resources.forEach(
                            (resource) =>
                                (resource.urn = (resource.urn as string).replace(
                                    "::pinpoint-export::",
                                    "::other-project::",
                                )),
                        ),
                    ),
                /is of the project other-project, not pinpoint-export/,
            ],
            [
                "another stack's",
                () =>
                    stackExport("prod.json", (resources) =>
                        resources.forEach(
                            (resource) =>
                                (resource.urn = (resource.urn as string).replace(
                                    "urn:pulumi:dev::",
                                    "urn:pulumi:prod::",
                                )),
                        ),
                    ),
                /is of the stack prod, but the plan is for the stack dev: plan with --stack prod, or give a baseline of dev\.\n$/,
            ],
        ];
        for (const [what, file, message] of refusals) {
            it(`${what}, with exit code 1 and no plan`, async () => {
                const run = await runPlan(PROJECT_DIR, ["--config-file", SHIPPED_DEV_STACK, "--against", file()]);
                assert.deepEqual([run.code, run.stdout], [1, ""]);
                assert.match(run.stderr, message);
            });
        }

        it("--fail-on-broadening without a baseline, with exit code 2", async () => {
            const run = await runPlan(PROJECT_DIR, ["--fail-on-broadening"]);
            assert.equal(run.code, 2);
            assert.match(run.stderr, /^--fail-on-broadening needs --against <baseline>/);
        });
    });
});
