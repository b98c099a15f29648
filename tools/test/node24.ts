// The platform matrix's newest row, for CI (.ci/run): Node.js 24 (node24Runtime.ts)
// with the newest @pulumi/pulumi and @pulumi/aws the npm registry serves
// (newestSdk.ts). In a copy of the repository whose node_modules is that
// install, on Node 24, it builds the library, type-checks the project, runs
// the tests that hold what consumers rely on (the component, its faults, the
// component provider, the stack program, the packed library in the TypeScript
// example with that example's own unit tests, the examples for other
// languages), then the offline plan. Any failure fails the run.
//
//   npx ts-node --transpile-only tools/test/node24.ts
//
// The other rows run in `npm test`: Node 20 with the pinned SDKs (this
// repository's node_modules) and with the oldest of the peer ranges
// (tests/package/oldestSdk.test.ts).
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_DIR } from "../projectDir";
import { newestSdkModules } from "./newestSdk";
import { node24BinDir } from "./node24Runtime";

/** The mocha specs run on Node 24. */
export const NODE_24_SPECS = [
    "tests/component/**/*.test.ts",
    "tests/program/**/*.test.ts",
    "tests/package/construct.test.ts",
    "tests/package/consumer.test.ts",
    "tests/package/examples.test.ts",
    "tests/package/pluginHost.test.ts",
];
/** As .mocharc.json, with the specs above instead of every test. */
const MOCHA_ARGS = [
    "--no-config",
    "--require",
    "./tools/transpileCache.cjs",
    "--require",
    "tests/support/userFilesUnread.ts",
    "--require",
    "tests/support/setup.ts",
    "--extension",
    "ts",
    "--timeout",
    "20000",
];

const BEGIN = process.hrtime.bigint();
function log(text: string): void {
    const seconds = Number(process.hrtime.bigint() - BEGIN) / 1e9;
    process.stdout.write(`[node 24 ${seconds.toFixed(1).padStart(5)} s] ${text}\n`);
}

/** Runs a command in `cwd` with `env`, its output passed through; its exit code. */
function step(name: string, command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<number> {
    log(`${name}: started (${command} ${args.join(" ")})`);
    const begin = process.hrtime.bigint();
    return new Promise((resolve) => {
        const child = spawn(command, args, { cwd, env, stdio: ["ignore", "inherit", "inherit"] });
        const finish = (code: number) => {
            const seconds = Number(process.hrtime.bigint() - begin) / 1e9;
            log(`${name}: ${code === 0 ? "passed" : `FAILED (exit code ${code})`} in ${seconds.toFixed(1)} s`);
            resolve(code);
        };
        child.on("error", (error) => {
            process.stdout.write(`${error.message}\n`);
            finish(127);
        });
        child.on("close", (code) => finish(code ?? 1));
    });
}

/** A copy of the repository's files, without its node_modules, lib/ and .git, beside `modules`. */
function mirrorWith(modules: string): string {
    const mirror = fs.mkdtempSync(path.join(os.tmpdir(), "pinpoint-export-node24-"));
    const skipped = new Set(["node_modules", "lib", ".git", "bin"].map((name) => path.join(PROJECT_DIR, name)));
    fs.cpSync(PROJECT_DIR, mirror, { recursive: true, filter: (source) => !skipped.has(source) });
    fs.symlinkSync(modules, path.join(mirror, "node_modules"), "dir");
    return mirror;
}

async function main(): Promise<number> {
    const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" };
    for (const key of Object.keys(env).filter((key) => /^(TS_NODE_|MOCHA_|npm_)/.test(key))) {
        delete env[key];
    }
    log("installing Node.js 24 from PyPI and the newest SDKs from npm, unless cached");
    const { binDir } = await node24BinDir();
    env.PATH = `${binDir}${path.delimiter}${env.PATH}`;
    const { modules, versions } = await newestSdkModules(env);
    const node = await new Promise<string>((resolve, reject) => {
        const child = spawn("node", ["--version"], { env });
        let out = "";
        child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
        child.on("error", reject);
        child.on("close", () => resolve(out.trim()));
    });
    log(
        `node ${node}, ${Object.entries(versions)
            .map(([name, version]) => `${name} ${version}`)
            .join(", ")} (the newest the npm registry serves)`,
    );
    if (!node.startsWith("v24.")) {
        log(`FAILED: the node on PATH is ${node}, not Node.js 24`);
        return 1;
    }
    const mirror = mirrorWith(modules);
    try {
        const mocha = path.join("node_modules", "mocha", "bin", "mocha.js");
        const steps: [string, string, string[]][] = [
            ["build", "npm", ["run", "-s", "build"]],
            ["typecheck", "npm", ["run", "-s", "typecheck"]],
            ["mocha", "node", [mocha, ...MOCHA_ARGS, ...NODE_24_SPECS]],
            ["plan", "npm", ["run", "-s", "plan"]],
        ];
        const failed: string[] = [];
        for (const [name, command, args] of steps) {
            // The tests need the library built; the rest runs whatever failed before.
            if (name === "mocha" && failed.includes("build")) {
                failed.push(name);
                continue;
            }
            if ((await step(name, command, args, mirror, env)) !== 0) {
                failed.push(name);
            }
        }
        log(
            failed.length === 0
                ? `passed on node ${node} with ${Object.values(versions).join(" and ")}`
                : `FAILED: ${failed.join(", ")}`,
        );
        return failed.length === 0 ? 0 : 1;
    } finally {
        fs.rmSync(mirror, { recursive: true, force: true });
    }
}

main().then(
    (code) => process.exit(code),
    (error: unknown) => {
        process.stderr.write(`${(error as Error)?.message ?? String(error)}\n`);
        process.exit(2);
    },
);
