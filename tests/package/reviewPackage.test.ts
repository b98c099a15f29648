// The review as a consumer gets it: both tarballs (`npm pack` at the root and
// inside review/) installed into an empty folder, and the bin run on a preview
// file. The component's tarball must not bring the solver or the AGPL
// evaluator; the review's runs without the evaluator, and says so.
import { strict as assert } from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { PROJECT_DIR } from "../../tools/projectDir";
import { widerFolderPreview } from "../support/previewBuilder";

const run = promisify(execFile);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { transpiled } = require("../../tools/transpileCache.cjs") as { transpiled: (file: string) => string };

async function pack(dir: string, destination: string, ignoreScripts: boolean): Promise<string> {
    const { stdout } = await run(
        "npm",
        [
            "pack",
            "--json",
            "--pack-destination",
            destination,
            "--loglevel",
            "error",
            ...(ignoreScripts ? ["--ignore-scripts"] : []),
        ],
        { cwd: dir, encoding: "utf8", maxBuffer: 1 << 24 },
    );
    return path.join(destination, (JSON.parse(stdout) as { filename: string }[])[0].filename);
}

/**
 * review/ as `npm pack` would find it after its build, in `target`: its
 * package.json, and lib/ transpiled from review/src through the repository's
 * transpile cache (`npm pack` there runs tsc, about 4 s; the readme phase runs
 * that very command, so here the JavaScript alone is enough).
 */
function reviewPackageDir(target: string): string {
    const source = path.join(PROJECT_DIR, "review", "src");
    for (const file of fs.readdirSync(source, { recursive: true, encoding: "utf8" })) {
        if (file.endsWith(".ts")) {
            const output = path.join(target, "lib", file.replace(/\.ts$/, ".js"));
            fs.mkdirSync(path.dirname(output), { recursive: true });
            fs.writeFileSync(output, transpiled(path.join(source, file)), { mode: 0o755 });
        }
    }
    fs.copyFileSync(path.join(PROJECT_DIR, "review", "package.json"), path.join(target, "package.json"));
    return target;
}

describe("the review package, installed from its tarball beside the component's", function () {
    // Packing (the review's build), installing from npm's cache and running the bin: child processes.
    this.timeout(180_000);
    let dir: string;
    let componentTarball: string;

    before(async () => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "review-consumer-"));
        // `npm test` has just built lib/.
        componentTarball = await pack(PROJECT_DIR, dir, true);
        const reviewTarball = await pack(reviewPackageDir(path.join(dir, "review")), dir, true);
        fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true }));
        // The component's peers (the Pulumi SDKs) are not needed to review: --legacy-peer-deps leaves them out.
        await run(
            "npm",
            [
                "install",
                "--prefer-offline",
                "--no-audit",
                "--no-fund",
                "--legacy-peer-deps",
                "--loglevel",
                "error",
                reviewTarball,
                componentTarball,
            ],
            { cwd: dir, encoding: "utf8", maxBuffer: 1 << 24 },
        );
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("leaves the solver and the evaluator out of the component's dependencies", () => {
        const manifest = JSON.parse(
            fs.readFileSync(path.join(dir, "node_modules", "pinpoint-export", "package.json"), "utf8"),
        ) as Record<string, Record<string, string> | undefined>;
        for (const section of ["dependencies", "optionalDependencies", "peerDependencies", "bundleDependencies"]) {
            for (const name of ["z3-solver", "@cloud-copilot/iam-simulate"]) {
                assert.equal(manifest[section]?.[name], undefined, `${section} names ${name}`);
            }
        }
        assert.ok(
            !fs.existsSync(path.join(dir, "node_modules", "@cloud-copilot", "iam-simulate")),
            "iam-simulate was installed",
        );
    });

    it("runs its bin on a preview file, without iam-simulate, and says the witnesses were not re-checked", async () => {
        const file = path.join(dir, "preview.json");
        fs.writeFileSync(file, JSON.stringify(widerFolderPreview("b")));
        const bin = path.join(dir, "node_modules", ".bin", "pinpoint-export-review");
        const failed = await run(bin, ["--preview", file, "--fail-on-broadening"], { cwd: dir, encoding: "utf8" }).then(
            () => assert.fail("the gate passed a broadening"),
            (error: { code: number; stdout: string }) => error,
        );
        assert.equal(failed.code, 3);
        assert.match(failed.stdout, /^Verdict: BROADENS ACCESS/);
        assert.match(failed.stdout, /Witnesses: not re-checked; install @cloud-copilot\/iam-simulate/);
        assert.match(failed.stdout, /\+ s3:PutObject on arn:aws:s3:::b\/Exports\/\* but not/);
    });
});
