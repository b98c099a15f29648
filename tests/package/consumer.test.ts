import { strict as assert } from "assert";
import { execFile, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { buildExportPolicy, renderPolicy } from "../../components";
import { PACKAGE_DIR } from "../../tools/schema/componentProvider";
import type { ProgramRun } from "../support/runProgramUnderMocks";

// The program a TypeScript user writes: examples/typescript, as committed.
const EXAMPLE_DIR = path.join(PACKAGE_DIR, "examples", "typescript");

// Where the consumer's @pulumi/pulumi and @pulumi/aws come from: this
// repository's own, unless PINPOINT_EXPORT_SDK_MODULES names another
// node_modules (e.g. one holding the oldest versions the peer ranges allow).
const SDK_MODULES = process.env.PINPOINT_EXPORT_SDK_MODULES ?? path.join(PACKAGE_DIR, "node_modules");
const LINKED = [
    ["@pulumi/pulumi", SDK_MODULES],
    ["@pulumi/aws", SDK_MODULES],
    ["typescript", path.join(PACKAGE_DIR, "node_modules")],
    ["@types/node", path.join(PACKAGE_DIR, "node_modules")],
] as const;

const TSC = path.join(PACKAGE_DIR, "node_modules", "typescript", "bin", "tsc");
const RUNNER = path.join(PACKAGE_DIR, "tests", "support", "runProgramUnderMocks.ts");
const TS_NODE = path.join(PACKAGE_DIR, "node_modules", "ts-node", "register", "transpile-only");

/** Runs a command to completion; its stdout, or a failure that shows its output. */
function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
    const result = spawnSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, ...env } });
    if (result.status !== 0) {
        throw new Error(`${command} ${args.join(" ")} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
    }
    return result.stdout;
}

/** Like {@link run}, without blocking, so that independent commands can run at once. */
async function runAsync(command: string, args: readonly string[], cwd: string): Promise<string> {
    try {
        return (await promisify(execFile)(command, args, { cwd, encoding: "utf8" })).stdout;
    } catch (error) {
        const failed = error as { code: number; stdout: string; stderr: string };
        throw new Error(`${command} ${args.join(" ")} failed (${failed.code}):\n${failed.stdout}\n${failed.stderr}`, {
            cause: error,
        });
    }
}

/** Every file under `dir`, relative to it, with `/` separators. */
function filesUnder(dir: string): string[] {
    return fs
        .readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"));
}

describe("the npm package, installed from its tarball into the TypeScript example", function () {
    this.timeout(120000);
    let workDir: string;
    let programDir: string;
    let packedFiles: string[];

    before(() => {
        workDir = fs.mkdtempSync(path.join(os.tmpdir(), "pinpoint-export-consumer-"));
        // `npm pack` runs `prepare`, so the tarball holds a fresh build.
        const [packed] = JSON.parse(
            run("npm", ["pack", "--json", "--pack-destination", workDir, "--loglevel", "error"], PACKAGE_DIR),
        ) as { filename: string; files: { path: string }[] }[];
        packedFiles = packed.files.map((file) => file.path);

        programDir = path.join(workDir, "program");
        fs.cpSync(EXAMPLE_DIR, programDir, {
            recursive: true,
            filter: (source) => !/[\\/](node_modules|bin|sdks)$/.test(source),
        });
        // The SDKs, TypeScript and Node's types are linked, not installed: npm
        // keeps a link that satisfies the program's range, and nothing is downloaded.
        for (const [name, modules] of LINKED) {
            fs.mkdirSync(path.dirname(path.join(programDir, "node_modules", name)), { recursive: true });
            fs.symlinkSync(path.join(modules, name), path.join(programDir, "node_modules", name), "dir");
        }
        run(
            "npm",
            [
                "install",
                path.join(workDir, packed.filename),
                "--offline",
                "--no-audit",
                "--no-fund",
                "--loglevel",
                "error",
            ],
            programDir,
        );
    });

    after(() => {
        if (workDir) {
            fs.rmSync(workDir, { recursive: true, force: true });
        }
    });

    it("holds the built library, the README, the licence and package.json, and nothing else", () => {
        const library = filesUnder(path.join(PACKAGE_DIR, "components"))
            .filter((file) => file.endsWith(".ts"))
            .flatMap((file) => [`lib/${file.replace(/\.ts$/, ".js")}`, `lib/${file.replace(/\.ts$/, ".d.ts")}`]);
        assert.deepEqual(packedFiles.sort(), ["LICENSE", "README.md", "package.json", ...library].sort());
    });

    it("asks for the Pulumi SDKs as peers, so the program and the library share one copy", () => {
        const installed = JSON.parse(
            fs.readFileSync(path.join(programDir, "node_modules", "pinpoint-export", "package.json"), "utf8"),
        ) as { dependencies?: object; peerDependencies?: object; private?: boolean };
        assert.equal(installed.dependencies, undefined, "a dependency on the SDK would install a second copy");
        assert.deepEqual(Object.keys(installed.peerDependencies ?? {}).sort(), ["@pulumi/aws", "@pulumi/pulumi"]);
        assert.equal(installed.private, undefined, "npm refuses to publish a private package");
    });

    it("type-checks the program against the package's declarations, with node and node16 module resolution", async () => {
        // Two compilers at once: each spends most of its time reading @pulumi/aws's declarations.
        await Promise.all([
            runAsync(process.execPath, [TSC, "-p", programDir, "--noEmit"], programDir),
            runAsync(
                process.execPath,
                [TSC, "-p", programDir, "--noEmit", "--module", "node16", "--moduleResolution", "node16"],
                programDir,
            ),
        ]);
    });

    it("runs: two ExportRoles, each with its children and its own folder, from one lookup of account and region", () => {
        const config = { "pinpoint-export-example:bucket": "example-exports" };
        const result = JSON.parse(
            run(process.execPath, ["-r", TS_NODE, RUNNER, programDir, "dev", JSON.stringify(config)], programDir, {
                TS_NODE_PROJECT: path.join(programDir, "tsconfig.json"),
            }),
        ) as ProgramRun;

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
        assert.deepEqual(result.invokes.sort(), [
            "aws:index/getCallerIdentity:getCallerIdentity",
            "aws:index/getRegion:getRegion",
        ]);
        assert.deepEqual(result.outputs, {
            marketingRoleArn: "arn:aws:iam::210987654321:role/marketing-exports-role-1234567",
            marketingS3UrlPrefix: "s3://example-exports/pinpoint/marketing/",
            supportRoleArn: "arn:aws:iam::210987654321:role/support-exports-role-1234567",
            supportS3UrlPrefix: "s3://example-exports/pinpoint/support/",
        });
    });
});
