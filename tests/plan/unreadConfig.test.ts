// What the offline plan cannot read in a stack file, and how it plans it:
// encrypted values as unknown secret text that is never printed, the keys an
// ESC environment may set as unknown and named, and the stack a
// `--config-file Pulumi.<stack>.yaml` names.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runPlan } from "../../plan/runPlan";
import { PROJECT_DIR } from "../../tools/projectDir";
import { PlanRun } from "../support/planProcess";

const CIPHERTEXT = "v1:c2VjcmV0LWJ1Y2tldC1jaXBoZXJ0ZXh0:AAABAKx2d0tXtF0=";
const TAG_CIPHERTEXT = "v1:dGFnLWNpcGhlcnRleHQ=:AAAAAAAAAAAAAA==";

interface PlanJson {
    config: Record<string, string>;
    unreadConfig?: { secretKeys: string[]; environments: string[]; unseenKeys: string[] };
    steps: { urn: string; newState: { type: string; inputs: Record<string, unknown> } }[];
    proofs: { claim: string; outcome: string; reason?: string }[];
}

describe("what the offline plan cannot read in a stack file", () => {
    let dir: string;
    const stackFile = (name: string, text: string) => {
        const file = path.join(dir, name);
        fs.writeFileSync(file, text);
        return file;
    };

    before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-unread-"))));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    describe("a stack with an encrypted bucket and an encrypted tag", () => {
        let text: PlanRun;
        let json: PlanJson;

        before(async function () {
            this.timeout(60_000);
            const file = stackFile(
                "secrets.yaml",
                "config:\n  aws:region: us-east-1\n  pinpoint-export:bucket:\n" +
                    `    secure: ${CIPHERTEXT}\n  pinpoint-export:folder: Exports\n` +
                    '  pinpoint-export:accountId: "123456789012"\n' +
                    `  pinpoint-export:tags:\n    team: platform\n    cost:\n      secure: ${TAG_CIPHERTEXT}\n`,
            );
            text = await runPlan(PROJECT_DIR, ["--config-file", file]);
            const jsonRun = await runPlan(PROJECT_DIR, ["--config-file", file, "--json"]);
            assert.equal(jsonRun.code, 0, jsonRun.stderr);
            json = JSON.parse(jsonRun.stdout) as PlanJson;
        });

        it("is planned, not refused: the secrets are unknown secret text, named at the top", () => {
            assert.equal(text.code, 0, text.stderr);
            assert.match(
                text.stdout.split("\n")[2],
                /^Secrets: pinpoint-export:bucket and pinpoint-export:tags are encrypted in the stack file \(`secure:`\)/,
            );
            assert.deepEqual(json.unreadConfig, {
                secretKeys: ["pinpoint-export:bucket", "pinpoint-export:tags"],
                environments: [],
                unseenKeys: [],
            });
        });

        it("shows what is made from them, the permission policy and the tags, as [secret]", () => {
            const policyStep = text.stdout.slice(text.stdout.indexOf('+ create aws:iam/policy:Policy "'));
            const policy = policyStep.slice(0, policyStep.indexOf("\n\n"));
            assert.match(policy, /\n {4}policy: \[secret\]\n/);
            assert.match(policy, /\n {4}tags: \[secret\]/);
            assert.equal(json.config["pinpoint-export:bucket"], "[secret]");
            assert.equal(json.config["pinpoint-export:tags"], "[secret]");
        });

        it("leaves the claims that depend on the bucket not decided, saying why, and proves the trust policy", () => {
            const outcomes = json.proofs.map((proof) => [proof.outcome, proof.claim, proof.reason]);
            const why =
                "pinpoint-export:bucket is a secret, which the offline plan cannot decrypt (`pulumi preview` can)";
            assert.deepEqual(outcomes, [
                ["undecided", "the permission policy is the AWS guide's for the stack's bucket and folder", why],
                ["undecided", "no S3 object action reaches an object outside the stack's folder", why],
                ["proved", "only pinpoint.amazonaws.com may assume the role, for account 123456789012", undefined],
            ]);
            assert.match(
                text.stdout,
                /\n {2}not decided: no S3 object action reaches an object outside the stack's folder: pinpoint-export:bucket is a secret/,
            );
        });

        it("never prints a ciphertext, in the text or the JSON", () => {
            for (const output of [text.stdout, JSON.stringify(json)]) {
                for (const ciphertext of [CIPHERTEXT, TAG_CIPHERTEXT, "AAABAKx2d0tXtF0"]) {
                    assert.ok(!output.includes(ciphertext), ciphertext);
                }
            }
        });
    });

    it("shows a misspelt key's encrypted value as [secret] when it names it", async () => {
        const run = await runPlan(PROJECT_DIR, [
            "--config-file",
            stackFile(
                "misspelt.yaml",
                `config:\n  pinpoint-export:bucket: example-bucket\n  foldr:\n    secure: ${CIPHERTEXT}\n`,
            ),
        ]);
        assert.equal(run.code, 1);
        assert.match(run.stderr, /\n {2}- pinpoint-export:foldr: "\[secret\]" is not a key of this project\./);
        assert.ok(!run.stderr.includes(CIPHERTEXT));
    });

    describe("a stack that imports a Pulumi ESC environment", () => {
        let run: PlanRun;
        let json: PlanJson;

        before(async function () {
            this.timeout(60_000);
            // No bucket: the environment may set it, so the plan does not call it missing.
            const file = stackFile(
                "esc.yaml",
                "environment:\n  - myorg/pinpoint-dev\nconfig:\n  aws:region: us-east-1\n" +
                    '  pinpoint-export:folder: Exports\n  pinpoint-export:accountId: "123456789012"\n' +
                    '  pinpoint-export:applicationId: ""\n  pinpoint-export:region: ""\n',
            );
            run = await runPlan(PROJECT_DIR, ["--config-file", file]);
            const jsonRun = await runPlan(PROJECT_DIR, ["--config-file", file, "--json"]);
            json = JSON.parse(jsonRun.stdout) as PlanJson;
        });

        it("names the environment and every key the program reads that the stack file leaves to it", () => {
            assert.equal(run.code, 0, run.stderr);
            assert.match(
                run.stdout.split("\n")[2],
                /^ESC: the stack file imports the environment myorg\/pinpoint-dev, which the offline plan cannot open\. It cannot see these keys, .*: pinpoint-export:bucket, pinpoint-export:roleName, .* and pinpoint-export:kmsKeyArn\./,
            );
            const unseen = json.unreadConfig!.unseenKeys;
            assert.ok(unseen.includes("pinpoint-export:bucket") && unseen.includes("pinpoint-export:tags"));
            // What the stack file sets wins over the environment: it is seen, but for tags, which it may extend.
            for (const key of ["pinpoint-export:folder", "pinpoint-export:accountId", "aws:region"]) {
                assert.ok(!unseen.includes(key), key);
                assert.notEqual(json.config[key], "04da6b54-80e4-46f7-96ec-b56ff0331ba9", key);
            }
        });

        it("proves nothing that depends on them, and says which keys and why", () => {
            assert.deepEqual(
                json.proofs.map((proof) => proof.outcome),
                ["undecided", "undecided", "proved"],
            );
            assert.match(
                json.proofs[0].reason!,
                /^pinpoint-export:bucket, pinpoint-export:accessProfile and pinpoint-export:kmsKeyArn may be set by the ESC environment myorg\/pinpoint-dev, which the offline plan cannot open$/,
            );
        });
    });

    describe("--config-file", () => {
        const stack =
            "config:\n  aws:region: us-east-1\n  pinpoint-export:bucket: example-bucket\n  pinpoint-export:folder: Exports\n";

        it("takes the stack's name from a file named Pulumi.<stack>.yaml", async () => {
            const run = await runPlan(PROJECT_DIR, ["--config-file", stackFile("Pulumi.prod.yaml", stack), "--json"], {
                prove: false,
            });
            assert.equal(run.code, 0, run.stderr);
            const urns = (JSON.parse(run.stdout) as PlanJson).steps.map((step) => step.urn);
            assert.ok(
                urns.every((urn) => urn.startsWith("urn:pulumi:prod::pinpoint-export::")),
                urns.join("\n"),
            );
        });

        it("keeps the stack --stack names, and plans any other file name as dev", async () => {
            const named = await runPlan(
                PROJECT_DIR,
                ["--stack", "staging", "--config-file", stackFile("Pulumi.prod.yaml", stack)],
                { prove: false },
            );
            assert.match(named.stdout, /^Offline plan for stack "staging" of project pinpoint-export\n/);
            const other = await runPlan(PROJECT_DIR, ["--config-file", stackFile("prod.yaml", stack)], {
                prove: false,
            });
            assert.match(other.stdout, /^Offline plan for stack "dev" of project pinpoint-export\n/);
        });
    });

    it("refuses a tag whose value the CLI reads otherwise than written, naming the quoted form", async () => {
        const run = await runPlan(
            PROJECT_DIR,
            [
                "--config-file",
                stackFile(
                    "tags.yaml",
                    "config:\n  pinpoint-export:bucket: example-bucket\n  pinpoint-export:folder: Exports\n" +
                        "  pinpoint-export:tags: {cost: 0755, team: platform, year: 2024}\n",
                ),
            ],
            { prove: false },
        );
        assert.deepEqual(run, {
            code: 1,
            stdout: "",
            stderr:
                "tags.yaml has a value that the Pulumi CLI reads otherwise than written (it decodes stack files with " +
                "go-yaml; unquoted numbers, booleans and dates are not text):\n" +
                '  - pinpoint-export:tags.cost: 0755 reaches the program as "493", not as written: YAML reads a ' +
                'leading zero as octal. Fix: write `cost: "0755"`.\n',
        });
    });
});
