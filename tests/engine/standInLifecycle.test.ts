// The whole life of a stack on the real engine, with the stand-in aws
// provider (tools/engine/standInAws): `pulumi up`, a config change, `pulumi
// preview --json` of it reviewed against `pulumi stack export`, the change
// applied, `pulumi destroy`. Twice: a YAML program that uses ExportRole
// through this package's plugin, as any non-TypeScript consumer does, and the
// repository's own TypeScript program through the Automation API. The stand-in
// is not AWS: nothing here reaches AWS, and every resource lives only in the
// state of a local file backend.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Stack } from "@pulumi/pulumi/automation";
import { PROJECT_DIR } from "../../tools/projectDir";
import { engineDir, EngineWorkspace, run } from "../support/pulumiEngine";
import { reviewChange } from "../support/reviewOfChange";
import {
    changedOps,
    exportRoleUrns,
    ExportedResource,
    keepFixture,
    missingStandInEngine,
    PreviewJson,
    STAND_IN_FIXTURES,
    StackExport,
    standInDir,
    writeComponentPlugin,
    writeJsonPreviewCli,
} from "../support/standInEngine";

const missing = missingStandInEngine();
const pending = missing ? ` (pending: ${missing})` : "";
const STACK = "engine";
const URNS = exportRoleUrns(STACK);
/** The account the stand-in's sts:GetCallerIdentity answers with, and that owns its roles and policies. */
const STAND_IN_ACCOUNT = "123456789012";
const AUTONAME = (name: string) => new RegExp(`^${name}-[0-9a-f]{7}$`);

/** The program's resources of a stack export, by URN; the stack and the providers apart. */
function resourcesOf(exported: StackExport): { program: Map<string, ExportedResource>; engine: string[] } {
    const program = new Map<string, ExportedResource>();
    const engine: string[] = [];
    for (const resource of exported.deployment.resources ?? []) {
        if (resource.type === "pulumi:pulumi:Stack" || resource.type.startsWith("pulumi:providers:")) {
            engine.push(resource.type);
        } else {
            program.set(resource.urn, resource);
        }
    }
    return { program, engine };
}

function resourceAt(resources: Map<string, ExportedResource>, urn: string): ExportedResource {
    const resource = resources.get(urn);
    assert.ok(resource, `no resource ${urn}; the stack holds ${[...resources.keys()].join(", ")}`);
    return resource;
}

/** What `pulumi up` must have made: the component, its three children under it, with AWS's shapes of ids and ARNs. */
function assertCreated(
    exported: StackExport,
    outputs: Record<string, unknown>,
    expected: {
        readonly bucketUrl: string;
        readonly iamPath: string;
        readonly roleName: RegExp;
        readonly account: string;
    },
): { readonly roleName: string; readonly policyArn: string } {
    const { program, engine } = resourcesOf(exported);
    assert.deepEqual([...program.keys()].sort(), [URNS.attachment, URNS.component, URNS.policy, URNS.role].sort());
    assert.ok(engine.includes("pulumi:pulumi:Stack") && engine.includes("pulumi:providers:aws"), engine.join(", "));
    assert.equal(resourceAt(program, URNS.component).parent, URNS.stack);
    for (const child of [URNS.policy, URNS.role, URNS.attachment]) {
        assert.equal(resourceAt(program, child).parent, URNS.component, child);
        assert.equal(resourceAt(program, child).custom, true, child);
    }

    const role = resourceAt(program, URNS.role);
    const roleName = role.outputs?.name as string;
    assert.match(roleName, expected.roleName);
    assert.equal(role.id, roleName, "a role's id is its name");
    assert.equal(role.outputs?.arn, `arn:aws:iam::${expected.account}:role${expected.iamPath}${roleName}`);
    assert.match(role.outputs?.uniqueId as string, /^AROA[A-Z2-7]{17}$/);

    const policy = resourceAt(program, URNS.policy);
    const policyArn = policy.outputs?.arn as string;
    assert.match(
        policyArn,
        new RegExp(`^arn:aws:iam::${expected.account}:policy${expected.iamPath}pinpoint-export-policy-[0-9a-f]{7}$`),
    );
    assert.equal(policy.id, policyArn, "a policy's id is its ARN");
    assert.match(policy.outputs?.policyId as string, /^ANPA[A-Z2-7]{17}$/);

    const attachment = resourceAt(program, URNS.attachment);
    assert.deepEqual(attachment.inputs, { role: roleName, policyArn, __defaults: [] });
    // Terraform's PrefixedUniqueId: the role's name, a timestamp to 1/10000 s, a counter.
    assert.match(attachment.id ?? "", new RegExp(`^${roleName}-\\d{18}[0-9a-f]{8}$`));

    assert.deepEqual(outputs, {
        roleArn: role.outputs?.arn,
        roleName,
        policyArn,
        s3UrlPrefix: expected.bucketUrl,
    });
    return { roleName, policyArn };
}

/** The trust policy's account and Pinpoint ARN, as the role's checked inputs hold them. */
function trustOf(role: ExportedResource): { account: unknown; sourceArn: unknown } {
    const trust = JSON.parse(role.inputs?.assumeRolePolicy as string) as {
        Statement: { Condition: Record<string, Record<string, unknown>> }[];
    };
    const condition = trust.Statement[0].Condition;
    return { account: condition.StringEquals["aws:SourceAccount"], sourceArn: condition.ArnLike["aws:SourceArn"] };
}

/** Writes `text` to a file in a fresh temporary folder, for a command that reads a file. */
function tempFile(name: string, text: string): string {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pinpoint-engine-file-")), name);
    fs.writeFileSync(file, text);
    return file;
}

/** A YAML program that uses ExportRole, its arguments from config as the repository's own program takes them. */
const YAML_PROGRAM = `name: pinpoint-export
runtime: yaml
description: ExportRole used from YAML, through pinpoint-export's plugin (tests/engine/standInLifecycle.test.ts).
config:
  bucket: { type: string }
  folder: { type: string }
  path: { type: string, default: / }
resources:
  pinpoint-export:
    type: pinpoint-export:index:ExportRole
    properties:
      bucket: \${bucket}
      folder: \${folder}
      path: \${path}
outputs:
  roleArn: \${pinpoint-export.roleArn}
  roleName: \${pinpoint-export.roleName}
  policyArn: \${pinpoint-export.policyArn}
  s3UrlPrefix: \${pinpoint-export.s3UrlPrefix}
`;

(missing ? describe.skip : describe)(
    `YAML: a program uses pinpoint-export:index:ExportRole through the package's plugin, with the stand-in aws provider${pending}`,
    function () {
        this.timeout(120_000);
        let workspace: EngineWorkspace;
        let programDir: string;
        let firstExport: StackExport;
        let created: { roleName: string; policyArn: string };

        const pulumi = async (...args: string[]): Promise<string> => {
            const result = await workspace.pulumiIn(programDir, ...args);
            assert.equal(
                result.code,
                0,
                `pulumi ${args.join(" ")} exited with ${result.code}:\n${result.stderr}${result.stdout}`,
            );
            return result.stdout;
        };
        const exportStack = async () => JSON.parse(await pulumi("stack", "export")) as StackExport;

        before(async () => {
            workspace = EngineWorkspace.create();
            programDir = workspace.folder("yaml-program");
            fs.writeFileSync(path.join(programDir, "Pulumi.yaml"), YAML_PROGRAM);
            const plugins = workspace.folder("plugins");
            writeComponentPlugin(plugins, workspace.projectDir);
            workspace.addToPath(plugins);
            workspace.addToPath(standInDir());
            await pulumi("stack", "init", STACK);
            await pulumi("config", "set", "aws:region", "eu-west-1");
            await pulumi("config", "set", "bucket", "my-export-bucket");
            await pulumi("config", "set", "folder", "Exports");
        });

        after(() => workspace?.dispose());

        it("pulumi up creates the component and its three children through the plugin; the stand-in gives AWS's shapes", async () => {
            const printed = await pulumi("up", "--yes", "--skip-preview");
            assert.match(printed, /\+ 5 created/);
            firstExport = await exportStack();
            const outputs = JSON.parse(await pulumi("stack", "output", "--json")) as Record<string, unknown>;
            created = assertCreated(firstExport, outputs, {
                bucketUrl: "s3://my-export-bucket/Exports/",
                iamPath: "/",
                roleName: AUTONAME("pinpoint-export-role"),
                account: STAND_IN_ACCOUNT,
            });
            // Constructed by the package's plugin, which the engine started as a provider of its own.
            assert.ok(resourcesOf(firstExport).engine.includes("pulumi:providers:pinpoint-export"));
            // No accountId or region given: the component asked the provider (getCallerIdentity, getRegion).
            assert.deepEqual(trustOf(resourceAt(resourcesOf(firstExport).program, URNS.role)), {
                account: STAND_IN_ACCOUNT,
                sourceArn: `arn:aws:mobiletargeting:eu-west-1:${STAND_IN_ACCOUNT}:apps/*`,
            });
        });

        it("stack export holds the provider's checked inputs: the autonames and the defaults it filled, in __defaults", () => {
            const { program } = resourcesOf(firstExport);
            const role = resourceAt(program, URNS.role).inputs ?? {};
            assert.equal(role.name, created.roleName);
            assert.deepEqual(role.__defaults, ["forceDetachPolicies", "maxSessionDuration", "name"]);
            assert.equal(role.maxSessionDuration, 3600);
            assert.equal(role.forceDetachPolicies, false);
            const policy = resourceAt(program, URNS.policy).inputs ?? {};
            assert.deepEqual(policy.__defaults, ["name"]);
            assert.equal(policy.path, "/");
        });

        it("preview --json of a config change (folder and path): its ops are the plan's --against the stack export, and the review finds the broadening", async () => {
            await pulumi("config", "set", "folder", "pinpoint/exports");
            await pulumi("config", "set", "path", "/service-role/");
            const previewText = await pulumi("preview", "--json");
            const preview = JSON.parse(previewText) as PreviewJson;
            // A new path replaces the role and the policy, and so the attachment.
            const engineOps = changedOps(preview.steps);
            assert.deepEqual(
                engineOps,
                [`replace ${URNS.attachment}`, `replace ${URNS.policy}`, `replace ${URNS.role}`].sort(),
            );

            const review = await reviewChange({
                previewJson: tempFile("preview.json", previewText),
                stackExport: tempFile("export.json", JSON.stringify(firstExport)),
                stackFile: path.join(programDir, `Pulumi.${STACK}.yaml`),
                stack: STACK,
            });
            assert.deepEqual(review.ops, engineOps);
            assert.equal(review.broadening, true, review.verdict);
            assert.ok(
                review.newlyAllowedResources.some((resource) => resource.includes("pinpoint/exports/")),
                review.newlyAllowedResources.join(", "),
            );
        });

        it("pulumi up applies it: new autonames under the new path, the attachment made again; a second preview --json changes nothing", async () => {
            await pulumi("up", "--yes", "--skip-preview");
            const after = await exportStack();
            const outputs = JSON.parse(await pulumi("stack", "output", "--json")) as Record<string, unknown>;
            const replaced = assertCreated(after, outputs, {
                bucketUrl: "s3://my-export-bucket/pinpoint/exports/",
                iamPath: "/service-role/",
                roleName: AUTONAME("pinpoint-export-role"),
                account: STAND_IN_ACCOUNT,
            });
            // Replaced, not renamed in place: the engine asks the provider for a new autoname.
            assert.notEqual(replaced.roleName, created.roleName);
            const again = JSON.parse(await pulumi("preview", "--json")) as PreviewJson;
            assert.deepEqual(changedOps(again.steps), []);
        });

        it("destroy leaves an empty stack", async () => {
            await pulumi("destroy", "--yes", "--skip-preview");
            assert.deepEqual((await exportStack()).deployment.resources ?? [], []);
            assert.deepEqual(JSON.parse(await pulumi("stack", "output", "--json")), {});
        });
    },
);

(missing ? describe.skip : describe)(
    `TypeScript: the repository's program through the Automation API, with the stand-in aws provider${pending}`,
    function () {
        this.timeout(120_000);
        let workspace: EngineWorkspace;
        let stack: Stack;
        let baseline: StackExport;
        let baselineText: string;

        const exportStack = async () => {
            baselineText = await workspace.pulumiOk("stack", "export");
            return JSON.parse(baselineText) as StackExport;
        };
        const outputsOf = async () =>
            Object.fromEntries(Object.entries(await stack.outputs()).map(([key, { value }]) => [key, value]));

        before(async () => {
            workspace = EngineWorkspace.create();
            workspace.addToPath(standInDir());
            await workspace.pulumiOk("stack", "init", STACK);
            await workspace.pulumiOk("config", "set", "aws:region", "eu-west-1");
            await workspace.pulumiOk("config", "set", "pinpoint-export:bucket", "my-export-bucket");
            await workspace.pulumiOk("config", "set", "pinpoint-export:folder", "Exports");
            // Given, so that the offline plan knows the trust policy as the engine does.
            await workspace.pulumiOk("config", "set", "pinpoint-export:accountId", "111122223333");
            stack = await workspace.selectInProcess(STACK);
        });

        after(() => workspace?.dispose());

        it("pulumi up (Automation API) creates the component and its three children; the stand-in gives AWS's shapes", async () => {
            const result = await stack.up();
            assert.equal(result.summary.result, "succeeded");
            assert.deepEqual(result.summary.resourceChanges, { create: 5 });
            baseline = await exportStack();
            const created = assertCreated(baseline, await outputsOf(), {
                bucketUrl: "s3://my-export-bucket/Exports/",
                iamPath: "/",
                roleName: AUTONAME("pinpoint-export-role"),
                account: STAND_IN_ACCOUNT,
            });
            // Constructed in this process, by the program itself: no plugin of the package.
            assert.ok(!resourcesOf(baseline).engine.includes("pulumi:providers:pinpoint-export"));
            // The trust policy names the account given, not the credentials' (the stand-in's) account.
            assert.deepEqual(trustOf(resourceAt(resourcesOf(baseline).program, URNS.role)), {
                account: "111122223333",
                sourceArn: "arn:aws:mobiletargeting:eu-west-1:111122223333:apps/*",
            });
            assert.equal(resourceAt(resourcesOf(baseline).program, URNS.role).inputs?.name, created.roleName);
        });

        it("preview --json of a config change (folder and an explicit roleName): its ops are the plan's --against the stack export, kept as the stand-in fixtures", async () => {
            await workspace.pulumiOk("config", "set", "pinpoint-export:folder", "pinpoint/exports");
            await workspace.pulumiOk("config", "set", "pinpoint-export:roleName", "pinpoint-export-role");
            // The Automation API's own preview, with --json added to the CLI's arguments.
            const jsonCli = writeJsonPreviewCli(workspace.folder("json-cli"));
            const previewing = await workspace.selectInProcess(STACK, () => {}, jsonCli);
            let previewText = "";
            await previewing.preview({ onOutput: (out) => (previewText += out) });
            const preview = JSON.parse(previewText) as PreviewJson;
            // A new name replaces the role (and so its attachment); the new folder updates the policy.
            const engineOps = changedOps(preview.steps);
            assert.deepEqual(
                engineOps,
                [`replace ${URNS.attachment}`, `update ${URNS.policy}`, `replace ${URNS.role}`].sort(),
            );

            const folders = { "<workspace>": path.dirname(workspace.projectDir), "<engine>": engineDir() };
            const previewFixture = keepFixture("preview.json", previewText, folders);
            const exportFixture = keepFixture("stackExport.json", baselineText, folders);
            const review = await reviewChange({
                previewJson: tempFile("preview.json", previewText),
                stackExport: tempFile("export.json", baselineText),
                stackFile: workspace.stackFile(STACK),
                stack: STACK,
            });
            assert.deepEqual(review.ops, engineOps);
            assert.equal(review.broadening, true, review.verdict);

            // The kept fixtures are what this run made, but for its random names, ids and times.
            const keptPreview = JSON.parse(fs.readFileSync(previewFixture, "utf8")) as PreviewJson;
            const keptExport = JSON.parse(fs.readFileSync(exportFixture, "utf8")) as StackExport;
            const rerun = `the fixtures in ${path.relative(process.cwd(), STAND_IN_FIXTURES)} are stale: PINPOINT_EXPORT_WRITE_FIXTURES=1 npm run test:engine`;
            assert.deepEqual(changedOps(keptPreview.steps), engineOps, rerun);
            assert.deepEqual(
                [...resourcesOf(keptExport).program.keys()].sort(),
                [...resourcesOf(baseline).program.keys()].sort(),
                rerun,
            );
        });

        it("pulumi up applies it: the role under its given name, deleted before it is made again; the attachment follows", async () => {
            const steps: string[] = [];
            const result = await stack.up({
                onEvent: (event) => {
                    const step = event.resOutputsEvent?.metadata;
                    if (step && step.urn !== URNS.policy) {
                        steps.push(`${step.op} ${step.urn}`);
                    }
                },
            });
            assert.deepEqual(result.summary.resourceChanges, { replace: 2, update: 1, same: 2 });
            // An explicit name cannot be held by two roles at once, and an attachment is never made twice.
            assert.deepEqual(
                steps.filter((step) => !step.startsWith("same ")),
                [
                    `delete-replaced ${URNS.attachment}`,
                    `delete-replaced ${URNS.role}`,
                    `replace ${URNS.role}`,
                    `create-replacement ${URNS.role}`,
                    `replace ${URNS.attachment}`,
                    `create-replacement ${URNS.attachment}`,
                ],
            );
            assertCreated(await exportStack(), await outputsOf(), {
                bucketUrl: "s3://my-export-bucket/pinpoint/exports/",
                iamPath: "/",
                roleName: /^pinpoint-export-role$/,
                account: STAND_IN_ACCOUNT,
            });
        });

        it("destroy (Automation API) leaves an empty stack", async () => {
            const result = await stack.destroy();
            assert.deepEqual(result.summary.resourceChanges, { delete: 5 });
            assert.deepEqual((await exportStack()).deployment.resources ?? [], []);
        });
    },
);

(missing ? describe.skip : describe)(`the stand-in aws provider's own rules${pending}`, function () {
    this.timeout(120_000);

    it("go test: replacements and delete-first, the autoname kept on update, __defaults, policy documents as documents, AWS's refusals and shapes", async () => {
        const tested = await run("go", ["test", "./standInAws"], path.join(PROJECT_DIR, "tools", "engine"));
        assert.equal(tested.code, 0, tested.stdout + tested.stderr);
        assert.match(tested.stdout, /^ok\s+pinpoint-export\/tools\/engine\/standInAws/m);
    });
});

describe("the same life with the real aws provider", () => {
    it(
        'pulumi up, preview --json, stack export and destroy against AWS (pending: no real pulumi-resource-aws: the Go module proxy refuses github.com/pulumi/pulumi-aws/provider/v7@v7.48.0 (403 Forbidden, "This module version is not available."), no other registry here serves the plugin, and there are no AWS credentials)',
    );
});
