// The real engine with the stand-in aws provider, for the engine tests that run
// the whole life of a stack: `pulumi up`, a config change, `pulumi preview
// --json`, `pulumi stack export`, `pulumi destroy`. The stand-in
// (tools/engine/standInAws, built by tools/engine/build.sh) is not AWS: it calls
// no AWS API, and the resources it "creates" exist only in the state of the
// tests' local file backend. Nothing here deploys anything to AWS.
import * as fs from "fs";
import * as path from "path";
import { PROJECT_DIR } from "../../tools/projectDir";
import { engineDir, findOnEnginePath, missingCli } from "./pulumiEngine";

/** The folder tools/engine/build.sh builds the stand-in into, apart from bin/ so that only the tests put it on PATH. */
export function standInDir(): string {
    return path.join(engineDir(), "stand-in");
}

/** Why the engine with the stand-in and the YAML host cannot run here, or undefined when it can. */
export function missingStandInEngine(): string | undefined {
    const missing = missingCli();
    if (missing) {
        return missing;
    }
    if (!fs.existsSync(path.join(standInDir(), "pulumi-resource-aws"))) {
        return `the stand-in aws provider is not built in ${standInDir()}: run \`bash tools/engine/build.sh\``;
    }
    if (!findOnEnginePath("pulumi-language-yaml")) {
        return `pulumi-language-yaml is not built in ${path.join(engineDir(), "bin")}: run \`bash tools/engine/build.sh\``;
    }
    return undefined;
}

/** Pulumi's Python SDK generator without the Python host (tools/engine/pythonSdk), as build.sh builds it. */
export function pythonSdkTool(): string {
    return path.join(engineDir(), "tools", "python-sdk");
}

/** The venv with pulumi, pulumi_aws and mypy from PyPI that build.sh makes (tools/engine/python/requirements.txt). */
export function pythonEnv(): string {
    return path.join(engineDir(), "python");
}

/** Why the Python SDK check cannot run here, or undefined when it can. */
export function missingPythonSdkCheck(): string | undefined {
    const missing = missingStandInEngine();
    if (missing) {
        return missing;
    }
    const requirements = path.join(PROJECT_DIR, "tools", "engine", "python", "requirements.txt");
    const installed = path.join(pythonEnv(), "requirements.txt");
    if (
        !fs.existsSync(pythonSdkTool()) ||
        !fs.existsSync(installed) ||
        fs.readFileSync(installed, "utf8") !== fs.readFileSync(requirements, "utf8")
    ) {
        return `the Python SDK generator or the venv of tools/engine/python/requirements.txt is not built in ${engineDir()}: run \`bash tools/engine/build.sh\``;
    }
    return undefined;
}

/**
 * Writes `pulumi-resource-pinpoint-export` into `dir`: this package's plugin as
 * the engine starts it from PATH. It runs the package's lib/pluginHost.js with
 * node, as @pulumi/pulumi's plugin host (cmd/run-plugin) would, whose runtime,
 * pulumi-language-nodejs, the Go module proxy refuses.
 */
export function writeComponentPlugin(dir: string, projectDir: string): void {
    assertLibCurrent();
    fs.mkdirSync(dir, { recursive: true });
    const plugin = path.join(dir, "pulumi-resource-pinpoint-export");
    const host = path.join(projectDir, "lib", "pluginHost.js");
    fs.writeFileSync(
        plugin,
        `#!/usr/bin/env bash\n# pinpoint-export's component plugin for the engine tests (tests/support/standInEngine.ts).\n` +
            `exec node -e 'require(process.argv[1])()' ${JSON.stringify(host)} "$@"\n`,
        { mode: 0o755 },
    );
}

/** Refuses a lib/ older than the sources it is built from: the plugin would serve yesterday's component. */
function assertLibCurrent(): void {
    const built = path.join(PROJECT_DIR, "lib", "pluginHost.js");
    if (!fs.existsSync(built)) {
        throw new Error("lib/pluginHost.js is not built: run `npm run build` (npm ci runs it too).");
    }
    const builtAt = fs.statSync(built).mtimeMs;
    const sources = fs.readdirSync(path.join(PROJECT_DIR, "components"), { recursive: true, encoding: "utf8" });
    const newer = sources.filter(
        (file) => file.endsWith(".ts") && fs.statSync(path.join(PROJECT_DIR, "components", file)).mtimeMs > builtAt,
    );
    if (newer.length > 0) {
        throw new Error(`components/${newer[0]} is newer than lib/: run \`npm run build\` before the engine tests.`);
    }
}

/**
 * Writes `<dir>/bin/pulumi`, the CLI with `--json` added to `pulumi preview`,
 * and returns `dir`: a root for the Automation API's PulumiCommand, so that its
 * preview of an inline program prints what `pulumi preview --json` prints.
 */
export function writeJsonPreviewCli(dir: string): string {
    const cli = path.join(engineDir(), "bin", "pulumi");
    fs.mkdirSync(path.join(dir, "bin"), { recursive: true });
    fs.writeFileSync(
        path.join(dir, "bin", "pulumi"),
        `#!/usr/bin/env bash\n# The engine's CLI, with --json for previews (tests/support/standInEngine.ts).\n` +
            `if [[ "$1" == preview ]]; then exec ${JSON.stringify(cli)} preview --json "\${@:2}"; fi\n` +
            `exec ${JSON.stringify(cli)} "$@"\n`,
        { mode: 0o755 },
    );
    return dir;
}

/** One resource of `pulumi stack export`. */
export interface ExportedResource {
    readonly urn: string;
    readonly type: string;
    readonly custom?: boolean;
    readonly id?: string;
    readonly parent?: string;
    readonly inputs?: Record<string, unknown>;
    readonly outputs?: Record<string, unknown>;
}

/** The output of `pulumi stack export`: a deployment of version 3. */
export interface StackExport {
    readonly version: number;
    readonly deployment: { readonly resources?: readonly ExportedResource[] };
}

/** One step of `pulumi preview --json`, or of the offline plan's `--json`. */
export interface PreviewStep {
    readonly op: string;
    readonly urn: string;
    readonly newState?: { readonly type: string };
    readonly oldState?: { readonly type: string };
}

/** `pulumi preview --json`, as far as the tests read it. */
export interface PreviewJson {
    readonly steps: readonly PreviewStep[];
    readonly changeSummary: Record<string, number>;
    readonly diagnostics?: readonly { readonly message: string; readonly severity: string }[];
}

/**
 * The steps that change something, as `<op> <urn>` lines, sorted: what a
 * preview and a plan of the same change must agree on. Steps that keep a
 * resource as it is (`same`) are left out: the CLI lists the stack's, the plan
 * the component's.
 */
export function changedOps(steps: readonly PreviewStep[]): string[] {
    return steps
        .filter((step) => step.op !== "same")
        .map((step) => `${step.op} ${step.urn}`)
        .sort();
}

/** The URNs a stack's resources have when the program's ExportRole is named `pinpoint-export`. */
export function exportRoleUrns(stack: string): {
    readonly stack: string;
    readonly component: string;
    readonly policy: string;
    readonly role: string;
    readonly attachment: string;
} {
    const prefix = `urn:pulumi:${stack}::pinpoint-export::`;
    const component = "pinpoint-export:index:ExportRole";
    return {
        stack: `${prefix}pulumi:pulumi:Stack::pinpoint-export-${stack}`,
        component: `${prefix}${component}::pinpoint-export`,
        policy: `${prefix}${component}$aws:iam/policy:Policy::pinpoint-export-policy`,
        role: `${prefix}${component}$aws:iam/role:Role::pinpoint-export-role`,
        attachment: `${prefix}${component}$aws:iam/rolePolicyAttachment:RolePolicyAttachment::pinpoint-export-attachment`,
    };
}

/** Where the tests keep one real `pulumi preview --json` and one real `pulumi stack export`, made with the stand-in. */
export const STAND_IN_FIXTURES = path.join(PROJECT_DIR, "tests", "fixtures", "standInAws");

/**
 * Writes `text` to the fixture `name` when PINPOINT_EXPORT_WRITE_FIXTURES=1,
 * with the temporary folders and the engine's folder replaced by placeholders,
 * so the file does not change with the machine. Returns the fixture's path.
 */
export function keepFixture(name: string, text: string, folders: Record<string, string>): string {
    const file = path.join(STAND_IN_FIXTURES, name);
    if (process.env.PINPOINT_EXPORT_WRITE_FIXTURES === "1") {
        let scrubbed = text;
        for (const [placeholder, folder] of Object.entries(folders)) {
            scrubbed = scrubbed.split(folder).join(placeholder);
        }
        fs.mkdirSync(STAND_IN_FIXTURES, { recursive: true });
        fs.writeFileSync(file, scrubbed.endsWith("\n") ? scrubbed : `${scrubbed}\n`);
    }
    return file;
}
