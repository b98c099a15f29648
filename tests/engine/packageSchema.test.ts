// The package schema as the real Pulumi CLI reads it, and the SDKs it would
// generate from it. The CLI reads a schema file by itself; for the schema the
// plugin host serves, and for SDKs, it needs language hosts this machine
// cannot build, and the aws plugin's schema, which SDK generation binds the
// component's aws:iam references against.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_DIR } from "../../tools/projectDir";
import { EngineWorkspace, findOnEnginePath, missingCli, NO_NODEJS_HOST } from "../support/pulumiEngine";

/** The AWS provider plugin, which no registry here serves. */
const NO_AWS_PLUGIN = "no pulumi-resource-aws: no registry here serves the AWS provider plugin";

function committedSchema(): Record<string, unknown> {
    return JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "schema.json"), "utf8")) as Record<string, unknown>;
}

/**
 * schema.json as the CLI's own PackageSpec holds it: Pulumi's analyzer marks
 * optional properties with an `optional` flag that the spec does not have
 * (requiredness is `requiredInputs`), an empty `types` is left out, and
 * `config` is always there.
 */
function asPackageSpec(schema: Record<string, unknown>): Record<string, unknown> {
    const withoutOptional = JSON.parse(
        JSON.stringify(schema, (key, value: unknown) => (key === "optional" ? undefined : value)),
    ) as Record<string, unknown>;
    const { types, ...rest } = withoutOptional;
    return {
        ...rest,
        ...(types && Object.keys(types).length > 0 ? { types } : {}),
        config: rest.config ?? {},
    };
}

const missing = missingCli();

(missing ? describe.skip : describe)(
    `pulumi package get-schema${missing ? ` (pending: ${missing})` : ""}`,
    function () {
        this.timeout(120_000);
        let workspace: EngineWorkspace;
        // The CLI looks for a project in its working directory first, and refuses a folder that
        // holds both Pulumi.yaml and PulumiPlugin.yaml, as this repository does: run it from elsewhere.
        let elsewhere: string;

        before(() => {
            workspace = EngineWorkspace.create();
            elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), "pinpoint-engine-cwd-"));
        });

        after(() => {
            workspace?.dispose();
            fs.rmSync(elsewhere, { recursive: true, force: true });
        });

        it("reads schema.json as a package spec that loses only the analyzer's optional flags, then needs the aws plugin to bind it", async () => {
            const result = await workspace.pulumiIn(
                elsewhere,
                "package",
                "get-schema",
                path.join(PROJECT_DIR, "schema.json"),
            );
            assert.deepEqual(JSON.parse(result.stdout), asPackageSpec(committedSchema()));
            // Binding resolves the outputs' references to aws:iam resources through the aws plugin.
            // Where it is missing, that is where the CLI stops, after printing the schema.
            if (!findOnEnginePath("pulumi-resource-aws")) {
                assert.equal(result.code, 1);
                assert.match(
                    result.stderr,
                    /failed to bind schema: .*resolving package \/aws\/v7\.48\.0\/schema\.json.*no resource plugin 'pulumi-resource-aws' found/,
                );
            }
        });

        it("refuses to run this repository's plugin from inside it, as it holds both Pulumi.yaml and PulumiPlugin.yaml", async () => {
            const result = await workspace.pulumi("package", "get-schema", workspace.projectDir);
            assert.equal(result.code, 1);
            assert.match(result.stderr, /detected both PulumiPlugin\.yaml and Pulumi\.yaml/);
        });

        const nodejsHost = findOnEnginePath("pulumi-language-nodejs");

        it("from examples/python, as the README's `pulumi package add ../..` runs, starts this repository's plugin", async () => {
            const examples = path.join(workspace.projectDir, "examples", "python");
            const result = await workspace.pulumiIn(examples, "package", "get-schema", "../..");
            assert.doesNotMatch(result.stderr, /detected both/);
            if (!nodejsHost) {
                // Where this machine's engine stops: the plugin's runtime, nodejs, has no host here.
                assert.equal(result.code, 1);
                assert.match(
                    result.stderr,
                    /unable to install \.\.\/\.\.: no language plugin 'pulumi-language-nodejs' found/,
                );
            }
        });

        it(`the schema the plugin host serves for this repository is schema.json${nodejsHost ? "" : ` (pending: ${NO_NODEJS_HOST})`}`, async function () {
            if (!nodejsHost) {
                this.skip();
            }
            const result = await workspace.pulumiIn(elsewhere, "package", "get-schema", workspace.projectDir);
            assert.ok(result.stdout.trim(), `the CLI printed no schema:\n${result.stderr}`);
            assert.deepEqual(JSON.parse(result.stdout), asPackageSpec(committedSchema()));
        });
    },
);

describe("pulumi package gen-sdk", () => {
    it(
        `--language python: the SDK installs next to pulumi from PyPI, imports, and type-checks examples/python (pending: ${NO_NODEJS_HOST}; no pulumi-language-python either, which gen-sdk hands the generation to, refused by the proxy alike; ${NO_AWS_PLUGIN}, and generation binds the schema against its schema)`,
    );
    it(
        `--language go: the SDK builds with go build (pending: ${NO_NODEJS_HOST}; no pulumi-language-go, refused by the proxy alike; ${NO_AWS_PLUGIN}; and the proxy refuses github.com/pulumi/pulumi-aws/sdk/v7, which the SDK imports)`,
    );
});
