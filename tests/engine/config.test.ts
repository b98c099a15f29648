// The real Pulumi CLI writes a stack's config, and the offline plan reads the
// file it wrote: each kind of key in Pulumi.yaml arrives as the README says.
import { strict as assert } from "assert";
import * as fs from "fs";
import { CONFIG_NAMESPACE } from "../../program/stackSettings";
import { PROJECT_DIR } from "../../tools/projectDir";
import { AutomationPreview, EngineWorkspace, missingCli, run } from "../support/pulumiEngine";

const STACK = "engine";
const key = (setting: string) => `${CONFIG_NAMESPACE}:${setting}`;

interface PlanStep {
    readonly newState: { readonly type: string; readonly inputs: Record<string, unknown> };
}

interface PlanJson {
    readonly config: Record<string, string>;
    readonly steps: readonly PlanStep[];
}

/** `pulumi config --json --show-secrets`: each key's text, and a map's value as an object. */
type CliConfig = Record<string, { readonly value: string; readonly objectValue?: unknown; readonly secret: boolean }>;

/** Runs `npm run plan` on a stack file, as a user does, and returns its JSON. */
async function planOf(stack: string, stackFile: string): Promise<PlanJson> {
    const result = await run(
        "npm",
        ["run", "plan", "--silent", "--", "--stack", stack, "--config-file", stackFile, "--json"],
        PROJECT_DIR,
    );
    assert.equal(result.code, 0, `npm run plan failed:\n${result.stderr}`);
    return JSON.parse(result.stdout) as PlanJson;
}

/** A config value as the program reads it: a map's JSON text parsed, any other text as it is. */
function asValue(text: string | undefined): unknown {
    return text?.startsWith("{") ? (JSON.parse(text) as unknown) : text;
}

function inputsOf(plan: PlanJson, type: string): Record<string, unknown> {
    const step = plan.steps.find((candidate) => candidate.newState.type === type);
    assert.ok(step, `the plan registers no ${type}`);
    return step.newState.inputs;
}

const missing = missingCli();

(missing ? describe.skip : describe)(
    `pulumi config set, then npm run plan on the stack file the CLI wrote${missing ? ` (pending: ${missing})` : ""}`,
    () => {
        let workspace: EngineWorkspace;
        let stackFile: string;
        let cliConfig: CliConfig;
        let plan: PlanJson;
        let preview: AutomationPreview;

        before(async function () {
            this.timeout(120_000);
            workspace = EngineWorkspace.create();
            await workspace.pulumiOk("stack", "init", STACK);
            // One key of each kind: plain strings in two namespaces, an integer, a map set by path.
            await workspace.pulumiOk("config", "set", "aws:region", "eu-west-1");
            await workspace.pulumiOk("config", "set", key("bucket"), "my-export-bucket");
            await workspace.pulumiOk("config", "set", "--type", "int", key("maxSessionDuration"), "7200");
            await workspace.pulumiOk("config", "set", key("folder"), "pinpoint/exports");
            await workspace.pulumiOk("config", "set", key("accountId"), "123456789012");
            await workspace.pulumiOk("config", "set", key("path"), "/service-role/");
            await workspace.pulumiOk("config", "set", key("roleName"), "pinpoint-export-role");
            await workspace.pulumiOk("config", "set", "--path", `${key("tags")}.team`, "platform");
            await workspace.pulumiOk("config", "set", "--path", `${key("tags")}.cost`, "4711");
            stackFile = workspace.stackFile(STACK);
            cliConfig = JSON.parse(await workspace.pulumiOk("config", "--json", "--show-secrets")) as CliConfig;
            plan = await planOf(STACK, stackFile);
            preview = await workspace.previewInProcess(STACK);
        });

        after(() => workspace?.dispose());

        it("the plan hands the program the config the CLI would: the stack's values over Pulumi.yaml's defaults", () => {
            // `pulumi config` merges the project's defaults into the stack's values the way
            // `pulumi preview` does before it starts the program (workspace.ApplyProjectConfig).
            assert.deepEqual(Object.keys(plan.config).sort(), Object.keys(cliConfig).sort());
            for (const [configKey, { value, objectValue }] of Object.entries(cliConfig)) {
                if (objectValue === undefined) {
                    assert.equal(plan.config[configKey], value, configKey);
                } else {
                    assert.deepEqual(JSON.parse(plan.config[configKey]), objectValue, configKey);
                }
            }
            // The README: an optional key left unset is "", the component's default.
            assert.equal(cliConfig[key("region")].value, "");
            assert.equal(cliConfig[key("description")].value, "");
        });

        it("the engine hands the program that config too, and the program accepts it: the ExportRole registers", () => {
            // Through the Automation API: the real engine, up to its request for the aws plugin (see preview.test.ts).
            assert.ok(preview.programConfig, `the engine never ran the program:\n${preview.printed}`);
            assert.deepEqual(Object.keys(preview.programConfig).sort(), Object.keys(plan.config).sort());
            const programConfig = preview.programConfig;
            for (const [configKey, text] of Object.entries(plan.config)) {
                // A map is JSON text on both sides, its keys not necessarily in the same order.
                assert.deepEqual(asValue(programConfig[configKey]), asValue(text), configKey);
            }
            const registered = preview.events.flatMap((event) => event.resourcePreEvent?.metadata.type ?? []);
            assert.ok(registered.includes("pinpoint-export:index:ExportRole"), preview.printed);
            assert.doesNotMatch(preview.printed, /The config of stack "engine" is invalid/);
        });

        it("an integer set with --type int reaches the role as a number, whether the stack file holds it as text or not", () => {
            // The CLI writes a top-level value's type only until the next `config set` rewrites the file.
            assert.match(fs.readFileSync(stackFile, "utf8"), /maxSessionDuration: "7200"/);
            assert.equal(inputsOf(plan, "aws:iam/role:Role").maxSessionDuration, 7200);
        });

        it("tags set with --path reach the role and the policy as text, a number included", () => {
            const tags = { team: "platform", cost: "4711" };
            assert.deepEqual(inputsOf(plan, "aws:iam/role:Role").tags, tags);
            assert.deepEqual(inputsOf(plan, "aws:iam/policy:Policy").tags, tags);
        });

        it("strings arrive as given, and the region falls back to aws:region when pinpoint-export:region is empty", () => {
            const role = inputsOf(plan, "aws:iam/role:Role");
            assert.equal(role.name, "pinpoint-export-role");
            assert.equal(role.path, "/service-role/");
            const trust = JSON.parse(role.assumeRolePolicy as string) as {
                Statement: { Condition: { ArnLike: Record<string, string> } }[];
            };
            assert.equal(
                trust.Statement[0].Condition.ArnLike["aws:SourceArn"],
                "arn:aws:mobiletargeting:eu-west-1:123456789012:apps/*",
            );
        });

        it("a key set with --secret is encrypted in the stack file, and the plan plans it as a secret it never prints", async () => {
            await workspace.pulumiOk(
                "config",
                "set",
                "--secret",
                key("applicationId"),
                "0123456789abcdef0123456789abcdef",
            );
            const stackText = fs.readFileSync(stackFile, "utf8");
            assert.doesNotMatch(stackText, /0123456789abcdef0123456789abcdef/);
            const result = await run(
                "npm",
                ["run", "plan", "--silent", "--", "--stack", STACK, "--config-file", stackFile],
                PROJECT_DIR,
            );
            assert.equal(result.code, 0, result.stderr);
            assert.doesNotMatch(result.stdout + result.stderr, /0123456789abcdef0123456789abcdef/);
            assert.match(result.stdout, /\nSecrets: pinpoint-export:applicationId is encrypted in the stack file/);
        });
    },
);

(missing ? describe.skip : describe)(
    `the CLI checks Pulumi.yaml's declarations before it starts the program${missing ? ` (pending: ${missing})` : ""}`,
    () => {
        let workspace: EngineWorkspace;

        before(async function () {
            this.timeout(60_000);
            workspace = EngineWorkspace.create();
            await workspace.pulumiOk("stack", "init", STACK);
            await workspace.pulumiOk("config", "set", key("folder"), "Exports");
        });

        after(() => workspace?.dispose());

        it("a stack that leaves bucket unset is refused, as the README says", async () => {
            const preview = await workspace.pulumi("preview");
            assert.equal(preview.code, 1);
            assert.match(preview.stderr, /Stack 'engine' is missing configuration value 'bucket'/);
            assert.doesNotMatch(preview.stderr + preview.stdout, /language plugin/);
        });

        it("a maxSessionDuration that is not an integer is refused; one set as text without --type is not", async () => {
            await workspace.pulumiOk("config", "set", key("bucket"), "my-export-bucket");
            await workspace.pulumiOk("config", "set", key("maxSessionDuration"), "two hours");
            const refused = await workspace.pulumi("preview");
            assert.equal(refused.code, 1);
            assert.match(refused.stderr, /configuration key 'maxSessionDuration' must be of type 'integer'/);

            await workspace.pulumiOk("config", "set", key("maxSessionDuration"), "7200");
            const accepted = await workspace.pulumi("preview");
            assert.doesNotMatch(accepted.stderr + accepted.stdout, /validating stack config/);
        });
    },
);
