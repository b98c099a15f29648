import { strict as assert } from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { buildExportPolicy, renderPolicy } from "../../components";
import { GET_CALLER_IDENTITY, GET_REGION } from "../../plan/awsInvokeTokens";
import { expectedLibraryFiles, staleLibraryReason } from "../../tools/libraryBuild";
import { PROJECT_DIR } from "../../tools/projectDir";
import type { ProgramRun } from "../support/runProgramUnderMocks";

// The program a TypeScript user writes: examples/typescript, as committed.
const EXAMPLE_DIR = path.join(PROJECT_DIR, "examples", "typescript");

// Where the consumer's @pulumi/pulumi and @pulumi/aws come from: this
// repository's own, unless PINPOINT_EXPORT_SDK_MODULES names another
// node_modules (e.g. one holding the oldest versions the peer ranges allow).
const SDK_MODULES = process.env.PINPOINT_EXPORT_SDK_MODULES ?? path.join(PROJECT_DIR, "node_modules");
const LINKED = [
    ["@pulumi/pulumi", SDK_MODULES],
    ["@pulumi/aws", SDK_MODULES],
    ["typescript", path.join(PROJECT_DIR, "node_modules")],
    ["@types/node", path.join(PROJECT_DIR, "node_modules")],
    // What the program's own unit tests run with.
    ["mocha", path.join(PROJECT_DIR, "node_modules")],
    ["ts-node", path.join(PROJECT_DIR, "node_modules")],
    ["@types/mocha", path.join(PROJECT_DIR, "node_modules")],
] as const;

const TSC = path.join(PROJECT_DIR, "node_modules", "typescript", "bin", "tsc");
const TYPE_PROBES = path.join(__dirname, "consumer", "typeProbes.ts");
// The module resolutions a program may use: the example's own, and that of programs that honour "exports".
const MODULE_RESOLUTIONS = {
    node10: {},
    node16: { module: "node16", moduleResolution: "node16" },
};
// The program's own unit tests, as a user of the library writes them.
const PROGRAM_TESTS = "test/exportRoles.test.ts";
const RUNNER = path.join(PROJECT_DIR, "tests", "support", "runProgramUnderMocks.ts");
const TS_NODE = path.join(PROJECT_DIR, "node_modules", "ts-node", "register", "transpile-only");

/** Runs a command to completion without blocking; its stdout, or a failure that shows its output. */
async function run(
    command: string,
    args: readonly string[],
    cwd: string,
    env: NodeJS.ProcessEnv = {},
): Promise<string> {
    try {
        return (
            await promisify(execFile)(command, args, {
                cwd,
                encoding: "utf8",
                env: { ...process.env, ...env },
                maxBuffer: 1 << 24,
            })
        ).stdout;
    } catch (error) {
        const failed = error as { code: number; stdout: string; stderr: string };
        throw new Error(`${command} ${args.join(" ")} failed (${failed.code}):\n${failed.stdout}\n${failed.stderr}`, {
            cause: error,
        });
    }
}

/** The files under `dir` of the repository that npm packs: all but node_modules folders, `/`-separated. */
function repositoryFilesUnder(dir: string): string[] {
    return fs
        .readdirSync(path.join(PROJECT_DIR, dir), { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => path.relative(PROJECT_DIR, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
        .filter((file) => !file.split("/").includes("node_modules"));
}

/**
 * The program's own unit tests, run as the README's
 * "Testing a program that uses ExportRole" says (`npm test` in the program), as mocha's JSON report;
 * mocha exits with the number of failures, and its report is on stdout all the same.
 */
async function runProgramTests(programDir: string): Promise<string> {
    const env = { ...process.env };
    for (const key of Object.keys(env).filter((key) => key.startsWith("TS_NODE_") || key.startsWith("MOCHA_"))) {
        delete env[key];
    }
    const args = ["test", "--silent", "--", "--reporter", "json"];
    const stdout = await promisify(execFile)("npm", args, { cwd: programDir, env, maxBuffer: 1 << 24 }).then(
        ({ stdout }) => stdout,
        (error: { stdout?: string; stderr?: string; message: string }) => {
            if (!error.stdout?.includes('"stats"')) {
                throw new Error(`npm test in the program did not run: ${error.stderr || error.message}`);
            }
            return error.stdout;
        },
    );
    return stdout.slice(stdout.indexOf("{"));
}

/**
 * Points the copied program's SDKs, TypeScript and Node's types at local
 * directories, so nothing is downloaded. Each range is checked first, then
 * replaced by a `file:` spec, which npm installs as a link. (npm 11 no longer
 * accepts a bare symlink placed in node_modules beforehand: it reads its
 * version as undefined, and the library's peer ranges then fail to resolve.)
 * npm still checks the library's peer ranges against the linked versions.
 */
function linkSdks(programDir: string): void {
    const manifestFile = path.join(programDir, "package.json");
    const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as Record<string, Record<string, string>>;
    for (const [name, modules] of LINKED) {
        const section = ["dependencies", "devDependencies"].find((key) => manifest[key]?.[name] !== undefined);
        if (section === undefined) {
            throw new Error(`examples/typescript/package.json does not list ${name}`);
        }
        const target = path.join(modules, name);
        const { version } = JSON.parse(fs.readFileSync(path.join(target, "package.json"), "utf8")) as {
            version: string;
        };
        if (!satisfiesCaret(version, manifest[section][name])) {
            throw new Error(
                `${target} holds ${name} ${version}, outside the example's range ${manifest[section][name]}`,
            );
        }
        manifest[section][name] = `file:${target}`;
    }
    fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 4));
}

/**
 * Points the copied program's `pinpoint-export` at `tarball`, where the
 * example names the tarball `npm pack` writes in the repository's root, and
 * returns what the example named.
 */
function useTarball(programDir: string, tarball: string): string {
    const manifestFile = path.join(programDir, "package.json");
    const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as { dependencies: Record<string, string> };
    const named = manifest.dependencies["pinpoint-export"];
    manifest.dependencies["pinpoint-export"] = `file:${tarball}`;
    fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 4));
    return named;
}

/** Whether `version` is in the caret range `^M.m.p` (the only kind the example uses). */
function satisfiesCaret(version: string, range: string): boolean {
    const wanted = /^\^(\d+)\.(\d+)\.(\d+)$/.exec(range);
    const have = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
    if (!wanted || !have) {
        return false;
    }
    const [w, h] = [wanted.slice(1).map(Number), have.slice(1).map(Number)];
    return h[0] === w[0] && (h[1] > w[1] || (h[1] === w[1] && h[2] >= w[2]));
}

/** The example program with the packed library installed, and what it did. */
interface Consumer {
    readonly workDir: string;
    readonly programDir: string;
    readonly packedFiles: string[];
    /** The tarball `npm pack` wrote, by name. */
    readonly tarball: string;
    /** What examples/typescript/package.json gives as the version of pinpoint-export. */
    readonly exampleSpec: string;
    readonly typeChecks: Promise<string>;
    readonly programRun: Promise<string>;
    /** The program's own unit tests (`npm test` there), as mocha's JSON report. */
    readonly programTests: Promise<string>;
}

/**
 * Packs the library, installs the tarball into a copy of the TypeScript
 * example, and starts type-checking and running it. Nothing here writes to
 * the repository.
 */
async function prepareConsumer(): Promise<Consumer> {
    const stale = staleLibraryReason();
    if (stale !== undefined) {
        throw new Error(`${stale}: run \`npm run build\` (npm test does) first.`);
    }
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "pinpoint-export-consumer-"));
    // `npm test` has just built lib/; `--ignore-scripts` skips `prepare`, which
    // would rebuild it in place while other tests read it.
    const [packed] = JSON.parse(
        await run(
            "npm",
            ["pack", "--json", "--ignore-scripts", "--pack-destination", workDir, "--loglevel", "error"],
            PROJECT_DIR,
        ),
    ) as { filename: string; files: { path: string }[] }[];

    const programDir = path.join(workDir, "program");
    fs.cpSync(EXAMPLE_DIR, programDir, {
        recursive: true,
        filter: (source) => !/[\\/](node_modules|bin|sdks)$/.test(source),
    });
    linkSdks(programDir);
    // As a user installs it today: the example's package.json names the tarball.
    const exampleSpec = useTarball(programDir, path.join(workDir, packed.filename));
    // --ignore-scripts: a linked directory runs its "prepare" script, which would rebuild ts-node in place.
    const install = ["install", "--offline", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel", "error"];
    await run("npm", install, programDir);
    // The program's own tsconfig.json, plus the type probes and its tests, with skipLibCheck (see typeProbes.ts),
    // once with each module resolution. `tsc -b` builds both projects in one process, which parses
    // the declarations they share (most of the time goes there) once; each project resolves modules
    // its own way. The declarations it writes go to the temporary directory.
    fs.copyFileSync(TYPE_PROBES, path.join(programDir, "typeProbes.ts"));
    const projects = Object.entries(MODULE_RESOLUTIONS).map(([resolution, options]) => {
        const project = path.join(programDir, `tsconfig.${resolution}.json`);
        fs.writeFileSync(
            project,
            JSON.stringify({
                extends: "./tsconfig.json",
                compilerOptions: {
                    ...options,
                    skipLibCheck: true,
                    composite: true,
                    emitDeclarationOnly: true,
                    outDir: `types-${resolution}`,
                },
                // The program's tests, as its own tsconfig.json (node10) resolves them: ts-node runs them
                // as CommonJS, where `import("../index")` needs no extension.
                files: ["index.ts", "typeProbes.ts", ...(resolution === "node10" ? [PROGRAM_TESTS] : [])],
            }),
        );
        return project;
    });
    const typeChecks = run(process.execPath, [TSC, "-b", ...projects], programDir);
    const config = { "pinpoint-export-example:bucket": "example-exports" };
    const programRun = run(
        process.execPath,
        ["-r", TS_NODE, RUNNER, programDir, "dev", JSON.stringify(config)],
        programDir,
        { TS_NODE_PROJECT: path.join(programDir, "tsconfig.json") },
    );
    // As the README's "Testing a program that uses ExportRole" says: `npm test` in the program.
    // Mocha exits with the number of failures; its report is on stdout all the same.
    const programTests = runProgramTests(programDir);
    // Each is awaited by its own test; until then a failure must not count as unhandled.
    typeChecks.catch(() => undefined);
    programRun.catch(() => undefined);
    programTests.catch(() => undefined);
    return {
        workDir,
        programDir,
        packedFiles: packed.files.map((file) => file.path),
        tarball: packed.filename,
        exampleSpec,
        typeChecks,
        programRun,
        programTests,
    };
}

describe("the npm package, installed from its tarball into the TypeScript example", function () {
    this.timeout(120000);
    let consumer: Promise<Consumer> | undefined;
    let programDir: string;
    let packedFiles: string[];

    // Packing, installing and compiling are child processes, about ten
    // seconds; type-checking and running the program go on while the first
    // tests read the installed package.
    before(async () => {
        consumer = prepareConsumer();
        ({ programDir, packedFiles } = await consumer);
    });

    after(async () => {
        const prepared = await consumer?.catch(() => undefined);
        if (prepared) {
            await Promise.allSettled([prepared.typeChecks, prepared.programRun, prepared.programTests]);
            fs.rmSync(prepared.workDir, { recursive: true, force: true });
        }
    });

    it("holds the built library, the README with what it links to, the licence and package.json, and nothing else", () => {
        const library = expectedLibraryFiles().map((file) => `lib/${file}`);
        const documents = ["docs", "examples"].flatMap((dir) => repositoryFilesUnder(dir));
        assert.deepEqual(
            packedFiles.sort(),
            [
                "LICENSE",
                "README.md",
                "CHANGELOG.md",
                "CONTRIBUTING.md",
                "package.json",
                ...library,
                ...documents,
            ].sort(),
        );
    });

    it("holds every file the packed Markdown links to, so that its links work where npm shows the package", () => {
        const broken: string[] = [];
        for (const document of packedFiles.filter((file) => file.endsWith(".md"))) {
            const text = fs.readFileSync(path.join(PROJECT_DIR, document), "utf8");
            for (const [, target] of text.matchAll(/\]\((?!https?:|#)([^)#\s]+)/g)) {
                const linked = path.posix.normalize(path.posix.join(path.posix.dirname(document), target));
                const packed = packedFiles.some(
                    (file) => file === linked || file.startsWith(`${linked.replace(/\/$/, "")}/`),
                );
                if (!packed) {
                    broken.push(`${document} -> ${target}`);
                }
            }
        }
        assert.deepEqual(broken, []);
    });

    it("is the tarball examples/typescript names, so `npm pack` in the root, then `npm install` there, installs it", async () => {
        const { tarball, exampleSpec } = await consumer!;
        assert.match(exampleSpec, /^file:/, "the package is not on npm: the example installs the packed tarball");
        assert.equal(
            path.resolve(EXAMPLE_DIR, exampleSpec.slice("file:".length)),
            path.join(PROJECT_DIR, tarball),
            `examples/typescript/package.json must name file:../../${tarball}, the tarball of this version`,
        );
    });

    it("asks for the Pulumi SDKs as peers, so the program and the library share one copy", () => {
        const installed = JSON.parse(
            fs.readFileSync(path.join(programDir, "node_modules", "pinpoint-export", "package.json"), "utf8"),
        ) as { dependencies?: object; peerDependencies?: object; private?: boolean };
        assert.equal(installed.dependencies, undefined, "a dependency on the SDK would install a second copy");
        assert.deepEqual(Object.keys(installed.peerDependencies ?? {}).sort(), ["@pulumi/aws", "@pulumi/pulumi"]);
        assert.equal(installed.private, undefined, "npm refuses to publish a private package");
    });

    it("type-checks the program and its tests against the package's declarations, with node and node16 module resolution", async () => {
        await (
            await consumer!
        ).typeChecks;
    });

    it("runs: two ExportRoles, each with its children and its own folder, from one lookup of account and region", async () => {
        const result = JSON.parse(await (await consumer!).programRun) as ProgramRun;

        assert.equal(result.library, path.join(programDir, "node_modules", "pinpoint-export", "lib", "index.js"));
        assert.equal(result.sdk.ofLibrary, result.sdk.ofProgram, "the library must use the program's @pulumi/pulumi");
        assert.deepEqual(
            result.resources.map((resource) => [resource.type, resource.name]).sort(),
            [
                ["pulumi:pulumi:Stack", "pinpoint-export-example-dev"],
                ["pinpoint-export:index:ExportRole", "marketing-exports"],
                ["pinpoint-export:index:ExportRole", "support-exports"],
                ["aws:iam/policy:Policy", "marketing-exports-policy"],
                ["aws:iam/role:Role", "marketing-exports-role"],
                ["aws:iam/policy:Policy", "support-exports-policy"],
                ["aws:iam/role:Role", "support-exports-role"],
                ["aws:iam/rolePolicyAttachment:RolePolicyAttachment", "marketing-exports-attachment"],
                ["aws:iam/rolePolicyAttachment:RolePolicyAttachment", "support-exports-attachment"],
            ].sort(),
            "registrations",
        );
        const policyOf = (name: string) => result.resources.find((resource) => resource.name === name)?.inputs.policy;
        assert.equal(
            policyOf("marketing-exports-policy"),
            renderPolicy(
                buildExportPolicy({ partition: "aws", bucket: "example-exports", folder: "pinpoint/marketing" }),
            ),
        );
        assert.equal(
            policyOf("support-exports-policy"),
            renderPolicy(
                buildExportPolicy({
                    partition: "aws",
                    bucket: "example-exports",
                    folder: "pinpoint/support",
                    accessProfile: "writeOnly",
                }),
            ),
        );
        assert.deepEqual(result.invokes.sort(), [GET_CALLER_IDENTITY, GET_REGION]);
        // Each role ARN exported is the one AWS (here, the mocks) gave that team's role.
        const arnOf = (name: string) => result.resources.find((resource) => resource.name === name)?.state.arn;
        const [marketingRoleArn, supportRoleArn] = [arnOf("marketing-exports-role"), arnOf("support-exports-role")];
        assert.ok(marketingRoleArn && supportRoleArn && marketingRoleArn !== supportRoleArn, "two roles, two ARNs");
        assert.deepEqual(result.outputs, {
            marketingRoleArn,
            marketingS3UrlPrefix: "s3://example-exports/pinpoint/marketing/",
            supportRoleArn,
            supportS3UrlPrefix: "s3://example-exports/pinpoint/support/",
        });
    });

    it("passes its own unit tests, which await checksOf of an ExportRole with bad late values and get every problem", async () => {
        const report = JSON.parse(await (await consumer!).programTests) as {
            stats: { passes: number; failures: number; pending: number };
            passes: { title: string }[];
            failures: { fullTitle: string; err: { message?: string } }[];
        };
        assert.deepEqual(
            report.failures.map((failure) => `${failure.fullTitle}: ${failure.err.message}`),
            [],
        );
        assert.deepEqual(report.passes.map((test) => test.title).sort(), [
            "give each team a role of its own",
            "give each team its own folder of the configured bucket",
            "refuses bad values that arrive as Outputs at once, in one message that lists every problem",
        ]);
        assert.equal(report.stats.pending, 0);
    });
});
