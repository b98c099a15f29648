// `npm run mutate [-- <id>...]`: breaks each IAM rule the proof encodes, one
// at a time (tools/mutate/ruleMutations.ts), runs the proof's suites against
// the broken proof, and reports which tests caught each break. A break no
// test catches is a rule no test holds: the run then exits 1.
//
// The tree is never edited: each run's mocha loads mutationHook.cjs, which
// compiles the one broken file in memory. Ctrl-C stops the run in progress
// and leaves nothing to restore. Takes about ten minutes on a 2-core machine.
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_DIR } from "../projectDir";
import { applyEdits, RULE_MUTATIONS, RuleMutation } from "./ruleMutations";

/** The suites that hold the proof's rules: its pure layers, its rules through Z3, the review's and the stack's proofs. */
const SUITES = [
    ...["tests/review/proof", "tests/review/access"].flatMap((dir) =>
        fs
            .readdirSync(path.join(PROJECT_DIR, dir))
            .filter((file) => file.endsWith(".test.ts") && file !== "solverProcess.test.ts")
            .map((file) => `${dir}/${file}`),
    ),
    "tests/plan/stackProofs.test.ts",
];

interface Failure {
    readonly file: string;
    readonly title: string;
}

interface RunResult {
    readonly passes: number;
    readonly failures: readonly Failure[];
    readonly seconds: number;
}

let running: ReturnType<typeof spawn> | undefined;

/** Runs the suites with `mutation` (none: the proof as it is), and reads mocha's JSON report. */
function runSuites(mutation: RuleMutation | undefined): Promise<RunResult> {
    const report = path.join(os.tmpdir(), `pinpoint-export-mutate-${process.pid}.json`);
    fs.rmSync(report, { force: true });
    const mocha = path.join(PROJECT_DIR, "node_modules", "mocha", "bin", "mocha.js");
    const args = [
        mocha,
        "--no-config",
        ...["./tools/transpileCache.cjs", "./tools/mutate/mutationHook.cjs"].flatMap((file) => ["-r", file]),
        ...["tests/support/userFilesUnread.ts", "tests/support/setup.ts"].flatMap((file) => ["-r", file]),
        ...["--extension", "ts", "--timeout", "60000", "--reporter", "json"],
        ...["--reporter-option", `output=${report}`],
        ...SUITES,
    ];
    const begin = Date.now();
    return new Promise((resolve, reject) => {
        // A group of its own, so that Ctrl-C stops the solver's processes too.
        const child = spawn(process.execPath, args, {
            cwd: PROJECT_DIR,
            detached: true,
            stdio: ["ignore", "ignore", "pipe"],
            env: { ...process.env, PINPOINT_EXPORT_MUTATION: mutation?.id ?? "" },
        });
        running = child;
        const errors: Buffer[] = [];
        child.stderr.on("data", (chunk: Buffer) => errors.push(chunk));
        child.on("error", reject);
        child.on("close", () => {
            running = undefined;
            const seconds = (Date.now() - begin) / 1000;
            let parsed: { stats: { passes: number }; failures: { file: string; fullTitle: string }[] };
            try {
                parsed = JSON.parse(fs.readFileSync(report, "utf8")) as typeof parsed;
            } catch {
                // No report: mocha itself failed, e.g. the broken file did not load. That is caught too.
                const message = Buffer.concat(errors).toString().trim().split("\n")[0] || "mocha wrote no report";
                resolve({ passes: 0, failures: [{ file: "(mocha)", title: message }], seconds });
                return;
            }
            fs.rmSync(report, { force: true });
            resolve({
                passes: parsed.stats.passes,
                failures: parsed.failures.map((failure) => ({
                    file: path.relative(PROJECT_DIR, failure.file ?? ""),
                    title: failure.fullTitle,
                })),
                seconds,
            });
        });
    });
}

function stopOnInterrupt(): void {
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
        process.on(signal, () => {
            if (running?.pid) {
                try {
                    process.kill(-running.pid, "SIGKILL");
                } catch {
                    // Already gone.
                }
            }
            process.stderr.write(`\nmutate: stopped by ${signal}; the working tree was never edited.\n`);
            process.exit(130);
        });
    }
}

async function main(): Promise<number> {
    const wanted = process.argv.slice(2);
    const mutations = wanted.length === 0 ? RULE_MUTATIONS : RULE_MUTATIONS.filter((m) => wanted.includes(m.id));
    const unknown = wanted.filter((id) => !RULE_MUTATIONS.some((mutation) => mutation.id === id));
    if (unknown.length > 0) {
        process.stderr.write(
            `mutate: no mutation named ${unknown.join(", ")}; the ids are: ${RULE_MUTATIONS.map((m) => m.id).join(" ")}\n`,
        );
        return 2;
    }
    // Every edit must still apply before anything runs: a stale edit breaks nothing.
    for (const mutation of mutations) {
        applyEdits(fs.readFileSync(path.join(PROJECT_DIR, mutation.file), "utf8"), mutation);
    }
    stopOnInterrupt();
    process.stdout.write(
        `mutate: ${SUITES.length} suites, the proof unbroken first, then ${mutations.length} rules broken one at a time\n`,
    );
    const baseline = await runSuites(undefined);
    if (baseline.failures.length > 0) {
        process.stderr.write(
            `mutate: the suites fail with no rule broken, so a failure would say nothing:\n${baseline.failures
                .map((failure) => `  ${failure.file}: ${failure.title}`)
                .join("\n")}\n`,
        );
        return 1;
    }
    process.stdout.write(`unbroken: ${baseline.passes} tests pass (${baseline.seconds.toFixed(0)} s)\n\n`);
    const survivors: RuleMutation[] = [];
    for (const [index, mutation] of mutations.entries()) {
        const result = await runSuites(mutation);
        const byFile = new Map<string, number>();
        for (const failure of result.failures) {
            byFile.set(failure.file, (byFile.get(failure.file) ?? 0) + 1);
        }
        const counts = [...byFile].map(([file, count]) => `${path.basename(file)} ${count}`).join(", ");
        const head = `${String(index + 1).padStart(2)}. ${mutation.broken} (${mutation.id})`;
        if (result.failures.length === 0) {
            survivors.push(mutation);
            process.stdout.write(`${head}\n    SURVIVED: no test failed (${result.seconds.toFixed(0)} s)\n`);
        } else {
            process.stdout.write(
                `${head}\n    caught by ${result.failures.length} tests (${counts}), e.g. ${result.failures[0].title} (${result.seconds.toFixed(0)} s)\n`,
            );
        }
    }
    process.stdout.write(
        `\n${mutations.length - survivors.length} of ${mutations.length} broken rules caught${
            survivors.length > 0 ? `; survived: ${survivors.map((m) => m.id).join(", ")}` : ""
        }\n`,
    );
    return survivors.length > 0 ? 1 : 0;
}

main().then(
    (code) => process.exit(code),
    (error: unknown) => {
        process.stderr.write(`mutate: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(2);
    },
);
