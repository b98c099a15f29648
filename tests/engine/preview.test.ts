// `pulumi preview` of the dev stack with the real CLI, as far as it can go
// here. No run of it is a preview that passed: there is no AWS provider
// plugin, so the furthest a preview gets is the engine asking for it. The
// CLI's own run stops earlier, where it would start pulumi-language-nodejs;
// the Automation API gets past that, because it serves the program to the
// CLI itself (`pulumi preview --client`). Each test says which boundary it checks.
import { strict as assert } from "assert";
import { PROJECT_DIR } from "../../tools/projectDir";
import {
    AutomationPreview,
    CommandResult,
    EngineWorkspace,
    findOnEnginePath,
    missingCli,
    NO_NODEJS_HOST,
    run,
} from "../support/pulumiEngine";

const missing = missingCli();
const nodejsHost = findOnEnginePath("pulumi-language-nodejs");
const EXPORT_ROLE_URN = "urn:pulumi:dev::pinpoint-export::pinpoint-export:index:ExportRole::pinpoint-export";
const AWS_PLUGIN_MISSING = /no resource plugin 'pulumi-resource-aws' found in the workspace at version v7\.48\.0/;

/** What the CLI printed, indented under the test's title, so a reader sees where it stopped. */
function show(title: string, printed: string): void {
    process.stdout.write(`      ${title}:\n${printed.trimEnd().replace(/^/gm, "        | ")}\n`);
}

(missing ? describe.skip : describe)(
    `pulumi preview on the dev stack${missing ? ` (pending: ${missing})` : ""}`,
    function () {
        this.timeout(300_000);
        let workspace: EngineWorkspace;

        before(async () => {
            workspace = EngineWorkspace.create();
            // The copy's Pulumi.dev.yaml is the dev stack as shipped; the CLI adds the passphrase's salt to it.
            await workspace.pulumiOk("stack", "init", "dev");
        });

        after(() => workspace?.dispose());

        describe("run by the CLI itself", () => {
            let preview: CommandResult;

            before(async () => {
                preview = await workspace.pulumi("preview");
                show(`pulumi preview exited with ${preview.code}`, preview.stdout + preview.stderr);
            });

            it("accepts the dev stack's config and main, and goes on to start the Node.js language host, where it stops here", () => {
                const printed = preview.stdout + preview.stderr;
                assert.doesNotMatch(printed, /validating stack config|project 'main' could not be read/);
                if (nodejsHost) {
                    assert.doesNotMatch(printed, /failed to load language plugin nodejs/);
                } else {
                    // The boundary here, and not a preview that passed.
                    assert.equal(preview.code, 1);
                    assert.match(
                        preview.stderr,
                        /failed to load language plugin nodejs: no language plugin 'pulumi-language-nodejs' found/,
                    );
                }
            });

            it(`runs index.ts, which registers the ExportRole, until the engine asks for the aws plugin${nodejsHost ? "" : ` (pending: ${NO_NODEJS_HOST})`}`, function () {
                if (!nodejsHost) {
                    this.skip();
                }
                const printed = preview.stdout + preview.stderr;
                assert.notEqual(preview.code, 0, "with no aws plugin, a preview cannot pass");
                assert.match(printed, AWS_PLUGIN_MISSING);
                assert.match(printed, /pinpoint-export:index:ExportRole/);
                assert.doesNotMatch(printed, /The config of stack "dev" is invalid/);
            });
        });

        describe("run through the Automation API, which hosts the program in this process", () => {
            let preview: AutomationPreview;

            before(async () => {
                preview = await workspace.previewInProcess("dev");
                show(`pulumi preview --client ${preview.error ? "failed" : "passed"}`, preview.printed);
            });

            it("runs index.ts with the config that npm run plan gives it", async () => {
                assert.ok(preview.programConfig, "the engine never ran the program");
                const plan = await run("npm", ["run", "plan", "--silent", "--", "--json"], PROJECT_DIR);
                assert.equal(plan.code, 0, plan.stderr);
                assert.deepEqual(preview.programConfig, (JSON.parse(plan.stdout) as { config: unknown }).config);
            });

            it("registers the ExportRole under the URN the plan shows, with no config error", () => {
                const registered = preview.events.flatMap((event) => event.resourcePreEvent?.metadata.urn ?? []);
                assert.ok(registered.includes(EXPORT_ROLE_URN), `registered: ${registered.join(", ")}`);
                assert.doesNotMatch(preview.printed, /The config of stack "dev" is invalid/);
            });

            it("stops where the engine asks for the aws plugin: the boundary, not a preview that passed", () => {
                assert.ok(preview.error, "a preview cannot pass without the aws plugin");
                assert.match(preview.printed, AWS_PLUGIN_MISSING);
            });
        });
    },
);
