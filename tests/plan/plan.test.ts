import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runPlan } from "../../plan/runPlan";
import { expectLines } from "../support/expectLines";
import { PlanRun } from "../support/planProcess";
import { buildExportPolicy } from "../../components/policies/exportPolicy";
import { renderPolicy } from "../../components/policies/policyDocument";
import { buildTrustPolicy } from "../../components/policies/trustPolicy";

import { PROJECT_DIR } from "../../tools/projectDir";
import { SHIPPED_DEV_STACK } from "../support/userFiles";
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

interface PreviewStep {
    op: string;
    urn: string;
    newState: { type: string; parent: string; custom: boolean; inputs: Record<string, unknown> };
}

describe("the offline plan", () => {
    let json: {
        steps: PreviewStep[];
        outputs: Record<string, unknown>;
        changeSummary: Record<string, number>;
        abilities?: { role: string }[];
    };
    let text: PlanRun;
    let badConfig: PlanRun;
    // A scratch directory for config files of other stacks.
    let dir: string;

    const configFile = (name: string, yaml: string) => {
        const file = path.join(dir, name);
        fs.writeFileSync(file, yaml);
        return file;
    };

    // The command's own exit codes and streams are tested as a process, in planCommand.test.ts.
    before(async function () {
        this.timeout(60000);
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-"));
        const jsonRun = await runPlan(PROJECT_DIR, ["--config-file", SHIPPED_DEV_STACK, "--json"]);
        text = await runPlan(PROJECT_DIR, ["--stack", "dev", "--config-file", SHIPPED_DEV_STACK]);
        badConfig = await runPlan(PROJECT_DIR, [
            "--config-file",
            configFile(
                "bad.yaml",
                'config:\n  pinpoint-export:bucket: "s3://my-bucket"\n  pinpoint-export:folder: Exports\n',
            ),
        ]);
        assert.equal(jsonRun.code, 0, jsonRun.stderr);
        json = JSON.parse(jsonRun.stdout) as typeof json;
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("prints, as preview JSON, the four registrations of the dev stack", () => {
        assert.deepEqual(
            json.steps.map((step) => [step.op, step.newState.type, step.urn.split("::").pop()]),
            [
                ["create", "pinpoint-export:index:ExportRole", "pinpoint-export"],
                ["create", "aws:iam/policy:Policy", "pinpoint-export-policy"],
                ["create", "aws:iam/role:Role", "pinpoint-export-role"],
                ["create", "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "pinpoint-export-attachment"],
            ],
        );
        assert.deepEqual(json.changeSummary, { create: 4 });
        assert.equal(
            json.steps[0].newState.parent,
            "urn:pulumi:dev::pinpoint-export::pulumi:pulumi:Stack::pinpoint-export-dev",
        );
        assert.ok(json.steps.slice(1).every((step) => step.newState.parent === json.steps[0].urn));
    });

    it("gives the exact policy texts that would be sent to AWS", () => {
        const [, policy, role] = json.steps;
        assert.equal(
            policy.newState.inputs.policy,
            renderPolicy(buildExportPolicy({ partition: "aws", bucket: "example-bucket", folder: "Exports" })),
        );
        assert.equal(
            role.newState.inputs.assumeRolePolicy,
            renderPolicy(buildTrustPolicy({ partition: "aws", region: "us-east-1", accountId: "123456789012" })),
        );
    });

    it("shows what only AWS can supply as unknown, never as a made-up value", () => {
        const attachment = json.steps[3];
        assert.deepEqual(attachment.newState.inputs, { policyArn: UNKNOWN, role: UNKNOWN });
        assert.deepEqual(json.outputs, {
            roleArn: UNKNOWN,
            roleName: UNKNOWN,
            policyArn: UNKNOWN,
            s3UrlPrefix: "s3://example-bucket/Exports/",
        });
    });

    it("prints, as text, every resource, the policies as indented JSON, and the stack outputs", () => {
        assert.equal(text.code, 0, text.stderr);
        expectLines(text.stdout, [
            '+ create aws:iam/role:Role "pinpoint-export-role"',
            '    parent: pinpoint-export:index:ExportRole "pinpoint-export"',
            '                "aws:SourceArn": "arn:aws:mobiletargeting:us-east-1:123456789012:apps/*"',
            '              "arn:aws:s3:::example-bucket/Exports/*"',
            "    roleArn: (known after apply)",
            '    s3UrlPrefix: "s3://example-bucket/Exports/"',
            "Resources: 4 to create.",
        ]);
    });

    it("says in words what the role can do, from the proof's classes: the folder's objects, its bucket's listing, Pinpoint", () => {
        const said = text.stdout.slice(text.stdout.indexOf("What pinpoint-export-role can do, in words"));
        const lines = said.slice(0, said.indexOf("\n\n")).split("\n").slice(1);
        const can = lines.filter((line) => line.startsWith("  - ") && !line.startsWith("  - possibly"));
        // Every object action reaches only the folder's objects; the bucket itself is only listed.
        assert.ok(
            can.some((line) =>
                /^ {2}- delete, overwrite, .* on any object under Exports\/ in example-bucket$/.test(line),
            ),
            lines.join("\n"),
        );
        assert.ok(can.includes("  - list the bucket example-bucket"), lines.join("\n"));
        assert.ok(can.includes("  - let pinpoint.amazonaws.com assume the role"), lines.join("\n"));
        assert.deepEqual(
            can.filter((line) => /object/.test(line) && !line.includes("under Exports/ in example-bucket")),
            [],
        );
        // s3:ListAllMyBuckets on arn:aws:s3:::* depends on a reading of IAM that is not settled: said as such.
        assert.ok(
            lines.some((line) => line.startsWith("  - possibly: ")),
            lines.join("\n"),
        );
        assert.ok(
            lines.some((line) => line.startsWith("  open: ") && line.includes("no resource type")),
            lines.join("\n"),
        );
        assert.deepEqual(
            json.abilities?.map((role) => role.role),
            ["pinpoint-export-role"],
        );
    });

    it("exits 1 with the validation message on stderr, and no stack trace, when the config is bad", () => {
        assert.equal(badConfig.code, 1);
        assert.equal(badConfig.stdout, "");
        assert.equal(
            badConfig.stderr,
            'The config of stack "dev" is invalid:\n' +
                '  - pinpoint-export:bucket: "s3://my-bucket" is an S3 URL, not a bucket name. Fix: give the bucket name, e.g. my-bucket.\n',
        );
    });

    it("leaves the account and region unknown, and says why, when the stack does not set them", async () => {
        const run = await runPlan(PROJECT_DIR, [
            "--config-file",
            configFile(
                "lookups.yaml",
                "config:\n  pinpoint-export:bucket: example-bucket\n  pinpoint-export:folder: Exports\n",
            ),
        ]);
        assert.equal(run.code, 0, run.stderr);
        assert.ok(run.stdout.includes("    assumeRolePolicy: (known after apply)\n"), run.stdout);
        assert.ok(run.stdout.includes("No account id is configured"), run.stdout);
        assert.ok(run.stdout.includes("No region is configured"), run.stdout);
    });

    it("refuses an unquoted 012345678901 account, which the CLI hands the program as 12345678901, naming the quoted form", async () => {
        const stack = (accountId: string) =>
            configFile(
                "zeros.yaml",
                "config:\n  aws:region: us-east-1\n  pinpoint-export:bucket: example-bucket\n" +
                    `  pinpoint-export:folder: Exports\n  pinpoint-export:accountId: ${accountId}\n`,
            );
        const unquoted = await runPlan(PROJECT_DIR, ["--json", "--config-file", stack("012345678901")]);
        assert.deepEqual(unquoted, {
            code: 1,
            stdout: "",
            stderr:
                "zeros.yaml has a value that the Pulumi CLI reads otherwise than written (it decodes stack files with " +
                "go-yaml; unquoted numbers, booleans and dates are not text):\n" +
                '  - pinpoint-export:accountId: 012345678901 reaches the program as "12345678901", not as written: ' +
                'YAML reads it as a number, without its leading zero. Fix: write `pinpoint-export:accountId: "012345678901"`.\n',
        });
        // A key written without the project's namespace is named with it, and its fix as it is written.
        const bare = configFile(
            "bare.yaml",
            "config:\n  aws:region: us-east-1\n  pinpoint-export:bucket: example-bucket\n" +
                "  pinpoint-export:folder: Exports\n  accountId: 012345678901\n",
        );
        const bareRun = await runPlan(PROJECT_DIR, ["--json", "--config-file", bare]);
        assert.equal(bareRun.code, 1);
        assert.match(
            bareRun.stderr,
            /\n {2}- pinpoint-export:accountId: 012345678901 reaches the program as "12345678901", .* Fix: write `accountId: "012345678901"`\.\n$/,
        );
        // The fix it names is planned, with the account as written.
        const quoted = await runPlan(PROJECT_DIR, ["--json", "--config-file", stack('"012345678901"')]);
        assert.equal(quoted.code, 0, quoted.stderr);
        const role = (JSON.parse(quoted.stdout) as typeof json).steps[2];
        assert.match(role.newState.inputs.assumeRolePolicy as string, /"aws:SourceAccount":"012345678901"/);
    });

    it("refuses a stack that has no config file, naming the ones there are", async () => {
        // A project of its own: the stack files in the project's root are the user's.
        const project = path.join(dir, "project");
        fs.mkdirSync(project);
        fs.copyFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), path.join(project, "Pulumi.yaml"));
        for (const stack of ["staging", "prod"]) {
            fs.copyFileSync(SHIPPED_DEV_STACK, path.join(project, `Pulumi.${stack}.yaml`));
        }
        const run = await runPlan(project, ["--stack", "nowhere"]);
        assert.deepEqual(run, {
            code: 1,
            stdout: "",
            stderr: "There is no Pulumi.nowhere.yaml. Stacks with a config file here: prod, staging.\n",
        });
    });

    it("refuses, as the CLI does, a stack that does not set a key Pulumi.yaml declares without a default", async () => {
        const run = await runPlan(PROJECT_DIR, [
            "--config-file",
            configFile("no-folder.yaml", "config:\n  pinpoint-export:bucket: example-bucket\n"),
        ]);
        assert.equal(run.code, 1);
        assert.equal(
            run.stderr,
            'Stack "dev" is missing configuration value pinpoint-export:folder: set it with ' +
                "`pulumi config set pinpoint-export:folder <value>` (or in no-folder.yaml).\n",
        );
    });

    it("names a key that may be a misspelling of a missing one, with its value, as the file spells it", async () => {
        const run = await runPlan(PROJECT_DIR, [
            "--stack",
            "typo",
            "--config-file",
            configFile(
                "Pulumi.typo.yaml",
                "config:\n  foldr: Exports\n  pinpoint-export:tags: {team: growth}\n  aws:region: us-east-1\n",
            ),
        ]);
        assert.deepEqual(run, {
            code: 1,
            stdout: "",
            stderr:
                'Stack "typo" is missing configuration values pinpoint-export:bucket and pinpoint-export:folder:\n' +
                "  - pinpoint-export:bucket is not set. Fix: set it with `pulumi config set pinpoint-export:bucket <value>` " +
                "(or in Pulumi.typo.yaml).\n" +
                '  - pinpoint-export:foldr: "Exports" is not a key of this project. Fix: did you mean ' +
                "pinpoint-export:folder? Rename foldr to folder in Pulumi.typo.yaml.\n",
        });
    });

    it("refuses unknown arguments, and options without values, with its usage", async () => {
        for (const argv of [["--yes"], ["--stack"], ["--config-file"], ["--against"]]) {
            const run = await runPlan(PROJECT_DIR, argv);
            assert.equal(run.code, 2, argv.join(" "));
            assert.match(run.stderr, /\nusage: npm run plan/);
        }
        assert.equal((await runPlan(PROJECT_DIR, ["--yes"])).stderr.split("\n")[0], 'unknown argument "--yes"');
    });

    it("prints its help on stdout, and exits 0, for --help and -h", async () => {
        for (const argv of [["--help"], ["-h"], ["--json", "-h"]]) {
            const run = await runPlan(PROJECT_DIR, argv);
            assert.deepEqual([run.code, run.stderr], [0, ""], argv.join(" "));
            assert.match(run.stdout, /^usage: npm run plan -- /);
            // Every option the usage line names is explained.
            for (const option of run.stdout.split("\n")[0].match(/--[a-z-]+/g) ?? []) {
                assert.match(run.stdout, new RegExp(`\n {2}(-s, )?${option}\\b`), option);
            }
        }
    });
});
