// The real Pulumi CLI, as tools/engine/build.sh builds it, for the opt-in
// engine tests (`npm run test:engine`). Each test works on a copy of the
// project in a temporary folder, with a local file backend, a passphrase
// secrets provider and a PULUMI_HOME of its own, so neither this repository's
// stack files nor anything of the user's Pulumi setup is touched.
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { EngineEvent, LocalWorkspace, PulumiCommand, Stack } from "@pulumi/pulumi/automation";
import { PROJECT_DIR } from "../../tools/projectDir";
import { copyProjectAsShipped } from "./projectCopy";

/** The Pulumi version tools/engine/go.mod pins the CLI to, e.g. `v3.248.0`. */
export const ENGINE_VERSION = readEngineVersion();

/** The passphrase of the throw-away stacks' secrets. */
const PASSPHRASE = "pinpoint-export-engine-test";

/** The longest one CLI command may take before it counts as hung. Not a timing check: a guard against a hang. */
const COMMAND_LIMIT_MS = 120_000;

/** Why the Node.js language host is not there, as the tests' pending reasons say it. */
export const NO_NODEJS_HOST =
    "no pulumi-language-nodejs: the Go module proxy refuses github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3, so tools/engine/build.sh cannot build it";

function readEngineVersion(): string {
    const goMod = fs.readFileSync(path.join(PROJECT_DIR, "tools", "engine", "go.mod"), "utf8");
    const version = /^\s*github\.com\/pulumi\/pulumi\/pkg\/v3 (v\S+)/m.exec(goMod)?.[1];
    if (!version) {
        throw new Error("tools/engine/go.mod does not require github.com/pulumi/pulumi/pkg/v3");
    }
    return version;
}

/** The folder tools/engine/build.sh builds into (the CLI is bin/pulumi in it): the same rule as the script's. */
export function engineDir(): string {
    const cache = process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
    return process.env.PINPOINT_EXPORT_ENGINE_DIR || path.join(cache, "pinpoint-export", "engine", ENGINE_VERSION);
}

/** The PATH the CLI runs with: the built binaries first, then `extra` folders, then the caller's own. */
function enginePath(extra: readonly string[] = []): string {
    return [path.join(engineDir(), "bin"), ...extra, process.env.PATH ?? ""].join(path.delimiter);
}

/** Where an executable named `command` is on the engine's PATH, if anywhere. */
export function findOnEnginePath(command: string): string | undefined {
    for (const dir of enginePath().split(path.delimiter).filter(Boolean)) {
        const file = path.join(dir, command);
        try {
            fs.accessSync(file, fs.constants.X_OK);
            return file;
        } catch {
            // not in this folder
        }
    }
    return undefined;
}

/** Why the CLI cannot run here, or undefined when it can. */
export function missingCli(): string | undefined {
    return fs.existsSync(path.join(engineDir(), "bin", "pulumi"))
        ? undefined
        : `the Pulumi CLI is not built in ${engineDir()}: run \`bash tools/engine/build.sh\``;
}

/** What one CLI command printed, and its exit code. */
export interface CommandResult {
    readonly code: number;
    readonly stdout: string;
    readonly stderr: string;
}

/** What a preview through the Automation API saw: the CLI's output, the engine's events, the program's config. */
export interface AutomationPreview {
    /** What the CLI printed. */
    readonly printed: string;
    /** The engine's events, in order. */
    readonly events: readonly EngineEvent[];
    /** Why the preview failed, if it did. */
    readonly error?: Error;
    /** The config the engine handed the program, as the program read it; undefined if it never ran. */
    readonly programConfig?: Record<string, string>;
}

/** A copy of the project in a temporary folder, with a file backend and a Pulumi home of its own. */
export class EngineWorkspace {
    /** The copy of the project: the CLI's working directory. */
    readonly projectDir: string;
    private readonly root: string;
    private readonly pathFolders: string[] = [];

    private constructor(root: string) {
        this.root = root;
        this.projectDir = path.join(root, "project");
    }

    /** Copies the project as shipped (its node_modules linked, not copied) into a new temporary folder. */
    static create(): EngineWorkspace {
        const workspace = new EngineWorkspace(fs.mkdtempSync(path.join(os.tmpdir(), "pinpoint-engine-")));
        copyProjectAsShipped(workspace.projectDir, [".git", "bin"]);
        fs.mkdirSync(path.join(workspace.root, "state"));
        fs.mkdirSync(path.join(workspace.root, "home"));
        return workspace;
    }

    /** A new empty folder inside the workspace's temporary folder. */
    folder(name: string): string {
        const dir = path.join(this.root, name);
        fs.mkdirSync(dir, { recursive: true });
        return dir;
    }

    /** Puts `dir` on the PATH of every later command, after the engine's own binaries: where plugins are found. */
    addToPath(dir: string): void {
        this.pathFolders.push(dir);
    }

    /** The environment of every command: nothing of the user's Pulumi setup, no download of plugins. */
    environment(): NodeJS.ProcessEnv {
        const inherited = Object.fromEntries(
            Object.entries(process.env).filter(
                ([key]) => !key.startsWith("PULUMI_") || key === "PULUMI_NODEJS_TRANSPILE_ONLY",
            ),
        );
        return {
            ...inherited,
            PATH: enginePath(this.pathFolders),
            PULUMI_HOME: path.join(this.root, "home"),
            PULUMI_BACKEND_URL: `file://${path.join(this.root, "state")}`,
            PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
            PULUMI_SKIP_UPDATE_CHECK: "true",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        };
    }

    /** Runs `pulumi <args>` in the project copy, non-interactively and without colour. */
    pulumi(...args: string[]): Promise<CommandResult> {
        return this.pulumiIn(this.projectDir, ...args);
    }

    /** Runs `pulumi <args>` in another working directory, with this workspace's environment. */
    pulumiIn(cwd: string, ...args: string[]): Promise<CommandResult> {
        return run("pulumi", [...args, "--non-interactive", "--color", "never"], cwd, this.environment());
    }

    /** Runs `pulumi <args>` and fails with what it printed unless it succeeds. */
    async pulumiOk(...args: string[]): Promise<string> {
        const result = await this.pulumi(...args);
        if (result.code !== 0) {
            throw new Error(`pulumi ${args.join(" ")} exited with ${result.code}:\n${result.stderr}${result.stdout}`);
        }
        return result.stdout;
    }

    /**
     * Previews `stack` of the project copy through the Automation API: the CLI
     * runs the program through the SDK's own language host, in this process,
     * rather than starting pulumi-language-nodejs. The program is the copy's
     * `index.ts`, loaded by the ts-node that mocha registered; it shares this
     * process's @pulumi/pulumi, through the copy's link to node_modules.
     */
    async previewInProcess(stack: string): Promise<AutomationPreview> {
        let programConfig: Record<string, string> | undefined;
        const selected = await this.selectInProcess(stack, () => {
            programConfig = pulumi.runtime.allConfig();
        });
        let printed = "";
        const events: EngineEvent[] = [];
        try {
            await selected.preview({ onOutput: (out) => (printed += out), onEvent: (event) => events.push(event) });
            return { printed, events, programConfig };
        } catch (error) {
            return { printed, events, programConfig, error: error as Error };
        }
    }

    /**
     * `stack` of the project copy for the Automation API, its program the copy's
     * `index.ts` run in this process (see previewInProcess); `beforeRun` is called
     * as each run starts. `cliRoot` is the folder whose bin/pulumi the API runs,
     * the engine's own by default.
     */
    async selectInProcess(stack: string, beforeRun: () => void = () => {}, cliRoot = engineDir()): Promise<Stack> {
        const program = () => {
            beforeRun();
            // Each run registers the resources anew: Node.js runs a module's top level once per load.
            for (const loaded of Object.keys(require.cache)) {
                if (loaded.startsWith(this.projectDir + path.sep)) {
                    delete require.cache[loaded];
                }
            }
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            return Promise.resolve({ ...(require(path.join(this.projectDir, "index.ts")) as Record<string, unknown>) });
        };
        return LocalWorkspace.selectStack(
            { stackName: stack, projectName: "pinpoint-export", program },
            {
                workDir: this.projectDir,
                envVars: this.environment() as Record<string, string>,
                pulumiCommand: await PulumiCommand.get({ root: cliRoot }),
            },
        );
    }

    /** The stack file the CLI keeps for `stack` in the project copy. */
    stackFile(stack: string): string {
        return path.join(this.projectDir, `Pulumi.${stack}.yaml`);
    }

    /** Deletes the temporary folder. */
    dispose(): void {
        fs.rmSync(this.root, { recursive: true, force: true });
    }
}

/** Runs a command to its end and collects what it printed, whatever its exit code. */
export function run(command: string, args: string[], cwd: string, env?: NodeJS.ProcessEnv): Promise<CommandResult> {
    return new Promise((resolve, reject) => {
        execFile(
            command,
            args,
            { cwd, env, timeout: COMMAND_LIMIT_MS, maxBuffer: 64 * 1024 * 1024 },
            (error, stdout, stderr) => {
                if (error && typeof error.code !== "number") {
                    reject(new Error(`${command} ${args.join(" ")} did not finish: ${error.message}`));
                    return;
                }
                resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
            },
        );
    });
}
