import { strict as assert } from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import { createRequire } from "module";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { oldestSdkModules } from "../../tools/oldestSdk";
import { PROJECT_DIR } from "../../tools/projectDir";

// The tests that hold what the package relies on of the SDK: the fault tests,
// construct (the component provider) with the SDK bug it works around, and
// the stack program's one private hook. This mocha run holds them against the
// newest SDK of the peer range, this repository's own; this test against the
// oldest, installed from tests/package/oldestSdk/ (tools/oldestSdk.ts).
const SPECS = [
    "tests/component/faults.test.ts",
    "tests/package/construct.test.ts",
    "tests/program/secretConfigKeys.test.ts",
];
const SETUP = "tests/support/setup.ts";
const OLDEST = { "@pulumi/pulumi": "3.142.0", "@pulumi/aws": "7.2.0" };

const MOCHA = path.join(PROJECT_DIR, "node_modules", "mocha", "bin", "mocha.js");
const TS_NODE = path.join(PROJECT_DIR, "node_modules", "ts-node", "register", "transpile-only");

/** The repository files `entries` import, themselves included, following relative imports. */
function importClosure(entries: readonly string[]): string[] {
    const seen = new Set<string>();
    const pending = [...entries];
    while (pending.length > 0) {
        const file = pending.pop()!;
        if (seen.has(file)) {
            continue;
        }
        seen.add(file);
        const source = fs.readFileSync(path.join(PROJECT_DIR, file), "utf8");
        for (const [, specifier] of source.matchAll(/(?:from|import|require\()\s*"(\.{1,2}\/[^"]+)"/g)) {
            const target = path.join(path.dirname(file), specifier);
            const resolved = [`${target}.ts`, path.join(target, "index.ts")].find((candidate) =>
                fs.existsSync(path.join(PROJECT_DIR, candidate)),
            );
            if (resolved) {
                pending.push(resolved);
            }
        }
    }
    return [...seen].sort();
}

/**
 * A copy of the files the specs need, beside a node_modules that links to the
 * oldest SDKs: Node.js resolves @pulumi/pulumi and @pulumi/aws from where a
 * file is, so every file of this copy, and @pulumi/aws itself, gets the same
 * oldest @pulumi/pulumi. Anything else (mocha, ts-node, TypeScript) comes
 * from this repository's node_modules through NODE_PATH.
 */
function mirrorFor(modules: string): string {
    const mirror = fs.mkdtempSync(path.join(os.tmpdir(), "pinpoint-export-oldest-sdk-"));
    for (const file of [...importClosure([...SPECS, SETUP]), "package.json", "schema.json", "tsconfig.json"]) {
        fs.mkdirSync(path.join(mirror, path.dirname(file)), { recursive: true });
        fs.copyFileSync(path.join(PROJECT_DIR, file), path.join(mirror, file));
    }
    fs.symlinkSync(modules, path.join(mirror, "node_modules"), "dir");
    return mirror;
}

/** What mocha's json reporter prints. */
interface MochaReport {
    readonly stats: { readonly passes: number; readonly failures: number; readonly pending: number };
    readonly passes: readonly { readonly fullTitle: string; readonly file: string }[];
    readonly failures: readonly { readonly fullTitle: string; readonly err: { readonly message?: string } }[];
    readonly pending: readonly { readonly fullTitle: string }[];
}

/** Runs the specs under the oldest SDKs, in a process of their own. */
async function runUnderOldestSdk(): Promise<{ report: MochaReport; mirror: string; versions: Record<string, string> }> {
    const { modules } = await oldestSdkModules();
    const mirror = mirrorFor(modules);
    // What a file of the copy gets, as the child process will resolve it.
    const requireFromCopy = createRequire(path.join(mirror, "components", "exportRole.ts"));
    const versions = Object.fromEntries(
        Object.keys(OLDEST).map((name) => [
            name,
            (
                JSON.parse(fs.readFileSync(requireFromCopy.resolve(`${name}/package.json`), "utf8")) as {
                    version: string;
                }
            ).version,
        ]),
    );
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_PATH: path.join(PROJECT_DIR, "node_modules") };
    for (const key of Object.keys(env).filter((key) => key.startsWith("TS_NODE_") || key.startsWith("MOCHA_"))) {
        delete env[key];
    }
    const args = [MOCHA, "--no-config", "--no-package", "--require", TS_NODE, "--require", SETUP];
    args.push("--extension", "ts", "--timeout", "20000", "--reporter", "json", ...SPECS);
    const stdout = await promisify(execFile)(process.execPath, args, { cwd: mirror, env, maxBuffer: 1 << 24 }).then(
        ({ stdout }) => stdout,
        // mocha exits with the number of failures; its report is still on stdout.
        (error: { stdout?: string; stderr?: string; message: string }) => {
            if (!error.stdout?.includes('"stats"')) {
                throw new Error(`mocha did not run: ${error.stderr || error.message}`);
            }
            return error.stdout;
        },
    );
    return { report: JSON.parse(stdout.slice(stdout.indexOf("{"))) as MochaReport, mirror, versions };
}

describe("under the oldest @pulumi/pulumi (3.142.0) and @pulumi/aws (7.2.0) of the peer ranges", function () {
    // A first run installs them (npm ci: 10 to 30 s); later runs find them in the cache.
    this.timeout(180000);
    let run: Awaited<ReturnType<typeof runUnderOldestSdk>> | undefined;
    before(async () => {
        run = await runUnderOldestSdk();
    });
    after(() => {
        if (run) {
            fs.rmSync(run.mirror, { recursive: true, force: true });
        }
    });

    it("runs them from a copy that resolves those versions", () => {
        assert.deepEqual(run!.versions, OLDEST);
    });

    it("passes the fault tests, the construct tests and the test of the secret config keys", () => {
        const { stats, failures, passes, pending } = run!.report;
        assert.deepEqual(
            failures.map((failure) => `${failure.fullTitle}: ${failure.err.message}`),
            [],
            "tests that fail under the oldest SDKs",
        );
        assert.deepEqual(
            pending.map((test) => test.fullTitle),
            [],
        );
        for (const spec of SPECS) {
            assert.ok(
                passes.some((test) => test.file.endsWith(spec)),
                `no test of ${spec} ran`,
            );
        }
        assert.equal(stats.failures, 0);
    });

    it("passes the very tests this run holds against the newest SDK, when it runs them too", function () {
        // The tests of the same spec files in this mocha run (none when this file runs alone).
        let root = this.test!.parent!;
        while (root.parent) {
            root = root.parent;
        }
        const here: string[] = [];
        const collect = (suite: Mocha.Suite): void => {
            here.push(
                ...suite.tests
                    .filter((test) => SPECS.some((spec) => test.file?.endsWith(spec)))
                    .map((test) => test.fullTitle()),
            );
            suite.suites.forEach(collect);
        };
        collect(root);
        if (here.length === 0) {
            this.skip();
        }
        assert.deepEqual(run!.report.passes.map((test) => test.fullTitle).sort(), here.sort());
    });
});
