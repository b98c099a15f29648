// `pulumi preview` of the dev stack with the real CLI, as far as it can go
// here. No run of it is a preview that passed: there is no AWS provider
// plugin, so the furthest a preview can get is the engine asking for it.
// Without the Node.js language host it stops earlier, when the CLI starts
// the program. Each test says which boundary it checks.
import { strict as assert } from "assert";
import { CommandResult, EngineWorkspace, findOnEnginePath, missingCli, NO_NODEJS_HOST } from "../support/pulumiEngine";

const missing = missingCli();
const nodejsHost = findOnEnginePath("pulumi-language-nodejs");

/** What the CLI printed, indented under the test's title, so a reader sees where it stopped. */
function show(result: CommandResult): void {
    const printed = `${result.stdout}${result.stderr}`.trimEnd().replace(/^/gm, "        | ");
    process.stdout.write(`      pulumi preview exited with ${result.code}:\n${printed}\n`);
}

(missing ? describe.skip : describe)(
    `pulumi preview on the dev stack${missing ? ` (pending: ${missing})` : ""}`,
    function () {
        this.timeout(300_000);
        let workspace: EngineWorkspace;
        let preview: CommandResult;

        before(async () => {
            workspace = EngineWorkspace.create();
            // The copy's Pulumi.dev.yaml is the repository's; the CLI adds the passphrase's salt to it.
            await workspace.pulumiOk("stack", "init", "dev");
            preview = await workspace.pulumi("preview");
            show(preview);
        });

        after(() => workspace?.dispose());

        it("accepts the dev stack's config and starts the program's language host, where this machine's engine stops", function () {
            const printed = preview.stdout + preview.stderr;
            assert.doesNotMatch(printed, /validating stack config/);
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
            // The boundary: the engine wants the provider of the component's children.
            assert.notEqual(preview.code, 0, "with no aws plugin, a preview cannot pass");
            assert.match(printed, /pulumi-resource-aws|resource plugin 'aws'/);
            assert.match(printed, /pinpoint-export:index:ExportRole/);
            assert.doesNotMatch(printed, /The config of stack "dev" is invalid|validating stack config/);
        });
    },
);
