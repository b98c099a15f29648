// `npm run bench [-- --full]`: what the component and the project's loops
// cost, next to floors measured on the same machine at the same time. Prints
// one table. Not part of `npm test`. The default run takes about a minute and
// a half on the project's 2-core machine; `--full` measures deeper (more
// runs, more sizes, the heap) and takes about six minutes.
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";
import { readStackConfig } from "../../plan/stackConfig";
import { manyRolesPreview } from "../../tests/support/previewBuilder";
import { PROJECT_DIR } from "../projectDir";

// Inside node_modules, so compiled files still find the project's packages.
const COMPILED_DIR = path.join(PROJECT_DIR, "node_modules", ".cache", "pinpoint-export-bench");
const FULL = process.argv.includes("--full");

/** How deep each measurement goes: the default run, or `--full`. */
const DEPTH = FULL
    ? {
          compareSizes: [100, 300, 1000],
          compareReps: 9,
          invokeSizes: [1, 100, 1000],
          startReps: 7,
          wallReps: 5,
          npmTest: true,
      }
    : { compareSizes: [300], compareReps: 7, invokeSizes: [1, 100], startReps: 3, wallReps: 3, npmTest: false };

/**
 * The program, the library and the tools as JavaScript, in COMPILED_DIR: each
 * file transpiled on its own with tsconfig.json's options, as ts-node's
 * transpile-only mode does (`npm test` type-checks them), in about a second
 * where a `tsc` build takes ten.
 */
function compileForBench(): void {
    fs.rmSync(COMPILED_DIR, { recursive: true, force: true });
    const { options } = ts.getParsedCommandLineOfConfigFile(path.join(PROJECT_DIR, "tsconfig.json"), undefined, {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: () => undefined,
    })!;
    const sources = ["index.ts", "components", "program", "tools"].flatMap((entry) =>
        entry.endsWith(".ts")
            ? [entry]
            : fs
                  .readdirSync(path.join(PROJECT_DIR, entry), { recursive: true, encoding: "utf8" })
                  .filter((file) => file.endsWith(".ts"))
                  .map((file) => path.join(entry, file)),
    );
    for (const source of sources) {
        const { outputText } = ts.transpileModule(fs.readFileSync(path.join(PROJECT_DIR, source), "utf8"), {
            compilerOptions: { ...options, sourceMap: false, noCheck: undefined },
            fileName: source,
        });
        const target = path.join(COMPILED_DIR, source.replace(/\.ts$/, ".js"));
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, outputText);
    }
}

function median(values: readonly number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function worker<T>(args: string[], nodeArgs: string[] = [], env: Record<string, string> = {}): T {
    const output = execFileSync(
        process.execPath,
        [...nodeArgs, path.join(COMPILED_DIR, "tools", "bench", "worker.js"), ...args],
        { cwd: PROJECT_DIR, env: { ...process.env, ...env }, maxBuffer: 1 << 24 },
    );
    return JSON.parse(output.toString()) as T;
}

/** Wall time of a command, in milliseconds, and its output. */
function wallTime(command: string, args: string[]): { ms: number; stdout: string } {
    const begin = process.hrtime.bigint();
    const result = spawnSync(command, args, { cwd: PROJECT_DIR, encoding: "utf8", maxBuffer: 1 << 26 });
    if (result.status !== 0) {
        throw new Error(`${command} ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
    }
    return { ms: Number(process.hrtime.bigint() - begin) / 1e6, stdout: result.stdout };
}

/** Medians of two commands' wall times, run alternately so machine drift hits both alike. */
function alternate(first: () => number, second: () => number, reps: number): [number, number] {
    const a: number[] = [];
    const b: number[] = [];
    for (let rep = 0; rep < reps; rep++) {
        if (rep % 2 === 0) {
            a.push(first());
            b.push(second());
        } else {
            b.push(second());
            a.push(first());
        }
    }
    return [median(a), median(b)];
}

const ms = (value: number) =>
    value >= 10000 ? `${(value / 1000).toFixed(1)} s` : `${value.toFixed(value < 10 ? 2 : 0)} ms`;
const ratio = (value: number) => `${value.toFixed(2)}×`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

type Runs = Record<"component" | "floor" | "bare", { ms: number; cpuMs: number }[]>;

/**
 * The plan's wall time over the floor's before the proof replaced the sampled
 * evaluation (main at ce381f5, run side by side with this tree on the same
 * machine; CONTRIBUTING.md, "Performance"): the budgets are multiples of them.
 */
const SAMPLED_PLAN_RATIO = { plain: 2.6, against: 2.9 };

function main(): void {
    const began = process.hrtime.bigint();
    const rows: [string, string, string][] = [];
    const note = (what: string, figure: string, target = "") => {
        rows.push([what, figure, target]);
        process.stderr.write(`  ${what}: ${figure}\n`);
    };
    process.stderr.write(`Compiling the project for the benchmark (${FULL ? "full" : "default"} run)…\n`);
    compileForBench();

    // Component vs the floors. Each ratio is the median of the ratios of runs
    // made side by side; the figures are medians of their own.
    const perInstance: Record<number, Record<keyof Runs, number>> = {};
    for (const count of DEPTH.compareSizes) {
        process.stderr.write(`ExportRole vs floors, N=${count}, ${DEPTH.compareReps} interleaved runs each…\n`);
        const runs = worker<Runs>(["compare", String(count), String(DEPTH.compareReps)], ["--expose-gc"]);
        const ratios = (floor: keyof Runs, of: "ms" | "cpuMs") =>
            median(runs.component.map((run, index) => run[of] / runs[floor][index][of]));
        perInstance[count] = {
            component: median(runs.component.map((run) => run.ms)) / count,
            floor: median(runs.floor.map((run) => run.ms)) / count,
            bare: median(runs.bare.map((run) => run.ms)) / count,
        };
        const spread = runs.component.map((run, index) => run.ms / runs.floor[index].ms);
        note(
            `ExportRole vs a minimal component with the same children and inputs, N=${count}`,
            `${ms(perInstance[count].component)} vs ${ms(perInstance[count].floor)} per instance: ` +
                `${ratio(ratios("floor", "ms"))} (CPU time: ${ratio(ratios("floor", "cpuMs"))}; runs ${ratio(Math.min(...spread))}–${ratio(Math.max(...spread))})`,
            "≤ 1.05×",
        );
        note(
            `ExportRole vs the same 3 resources with no component, N=${count}`,
            `${ms(perInstance[count].component)} vs ${ms(perInstance[count].bare)} per instance: ${ratio(ratios("bare", "ms"))}`,
            "for context",
        );
    }
    if (perInstance[100] && perInstance[1000]) {
        note(
            "Scaling, t(1,000) / t(100)",
            `${((perInstance[1000].component * 10) / perInstance[100].component).toFixed(1)} ` +
                `(minimal component: ${((perInstance[1000].floor * 10) / perInstance[100].floor).toFixed(1)})`,
            "≤ 11 (linear: 10)",
        );
    }

    for (const lookups of ["given", "looked-up"]) {
        const counts = DEPTH.invokeSizes.map((count) => {
            const invokes = worker<Record<string, number>>(["invokes", String(count), lookups]);
            const byKind = Object.entries(invokes).map(([token, calls]) => `${token.split(":").pop()} ${calls}`);
            return `N=${count}: ${byKind.join(", ") || "none"}`;
        });
        note(
            `Invokes, account and region ${lookups === "given" ? "given" : "not given"}`,
            counts.join("; "),
            lookups === "given" ? "0" : "≤ 1 of each kind",
        );
    }

    if (FULL) {
        const heap = worker<{ baselineBytes: number; peakBytes: number }>(["memory", "1000"], ["--expose-gc"]);
        note(
            "Peak heap, N=1,000",
            `${mb(heap.peakBytes)} (${mb(heap.peakBytes - heap.baselineBytes)} above the start, ${((heap.peakBytes - heap.baselineBytes) / 1000 / 1024).toFixed(0)} KB per instance)`,
        );
    }

    // Program start, as `pulumi up` runs index.ts, against the program compiled beforehand.
    const config = JSON.stringify(readStackConfig(PROJECT_DIR, "dev").config);
    const startOf = (mode: string) =>
        worker<{ pulumiMs: number; programMs: number }>(["start", mode, PROJECT_DIR, COMPILED_DIR], [], {
            BENCH_CONFIG: config,
        });
    const runnerStarts: number[] = [];
    const compiledStarts: number[] = [];
    const sdkLoads: number[] = [];
    for (let rep = 0; rep < DEPTH.startReps; rep++) {
        for (const [mode, list] of rep % 2 === 0
            ? ([
                  ["runner", runnerStarts],
                  ["compiled", compiledStarts],
              ] as const)
            : ([
                  ["compiled", compiledStarts],
                  ["runner", runnerStarts],
              ] as const)) {
            const started = startOf(mode);
            list.push(started.programMs);
            sdkLoads.push(started.pulumiMs);
        }
    }
    note(
        "Program start as `pulumi up` runs it: load @pulumi/pulumi, ts-node as tsconfig.json says, run index.ts under mocks",
        `${ms(median(runnerStarts))} (compiled beforehand: ${ms(median(compiledStarts))}; @pulumi/pulumi alone: ${ms(median(sdkLoads))})`,
        "≤ 1.5 s",
    );
    if (FULL) {
        const checkedStart = startOf("type-checked").programMs;
        note("Program start with type-checking, as before tsconfig.json said noCheck (one run)", ms(checkedStart));
    }

    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const [plan, bareNode] = alternate(
        () => wallTime(npm, ["run", "-s", "plan"]).ms,
        () => wallTime(process.execPath, ["-e", "require('@pulumi/pulumi')"]).ms,
        DEPTH.wallReps,
    );
    note(
        "`npm run plan`, wall time: the program under mocks and the proofs about its documents",
        `${ms(plan)} vs ${ms(bareNode)} for node -e "require('@pulumi/pulumi')": ${ratio(plan / bareNode)}`,
        `≤ ${ratio(1.5 * SAMPLED_PLAN_RATIO.plain)} (1.5× the plan before the proofs, ${ratio(SAMPLED_PLAN_RATIO.plain)})`,
    );

    // A plan against a baseline: the dev stack's own plan, and the dev stack with a narrower folder.
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "bench-plan-"));
    try {
        const baseline = path.join(scratch, "baseline.json");
        fs.writeFileSync(baseline, wallTime(npm, ["run", "-s", "plan", "--", "--json"]).stdout);
        const narrower = path.join(scratch, "Pulumi.dev.yaml");
        fs.writeFileSync(
            narrower,
            `config:\n${Object.entries({
                ...readStackConfig(PROJECT_DIR, "dev").config,
                "pinpoint-export:folder": "Exports/daily",
            })
                .map(([key, value]) => `    ${key}: ${JSON.stringify(value)}`)
                .join("\n")}\n`,
        );
        const [diff, floorAgain] = alternate(
            () => wallTime(npm, ["run", "-s", "plan", "--", "--config-file", narrower, "--against", baseline]).ms,
            () => wallTime(process.execPath, ["-e", "require('@pulumi/pulumi')"]).ms,
            DEPTH.wallReps,
        );
        note(
            "`npm run plan -- --against`, a narrower folder, wall time: the proof for every request, each witness checked",
            `${ms(diff)} vs ${ms(floorAgain)} for node -e "require('@pulumi/pulumi')": ${ratio(diff / floorAgain)}`,
            `≤ ${ratio(2 * SAMPLED_PLAN_RATIO.against)} (2× the sampled evaluation it replaced, ${ratio(SAMPLED_PLAN_RATIO.against)}) and < 5 s`,
        );

        // The review package on the same change, read from the plan's JSON (the shape of `pulumi preview --json`).
        const change = path.join(scratch, "change.json");
        fs.writeFileSync(
            change,
            wallTime(npm, ["run", "-s", "plan", "--", "--config-file", narrower, "--against", baseline, "--json"])
                .stdout,
        );
        const [review, planAgain] = alternate(
            () => wallTime(npm, ["run", "-s", "review", "--", "--preview", change]).ms,
            () => wallTime(npm, ["run", "-s", "plan", "--", "--config-file", narrower, "--against", baseline]).ms,
            DEPTH.wallReps,
        );
        note(
            "`npm run review -- --preview`, the dev stack's change (one changed policy), wall time",
            `${ms(review)} vs ${ms(planAgain)} for \`npm run plan -- --against\` on the same change: ${ratio(review / planAgain)}`,
            "≤ 1.2×",
        );
        const many = (count: number) => {
            const file = path.join(scratch, `roles-${count}.json`);
            fs.writeFileSync(file, JSON.stringify(manyRolesPreview(count)));
            return median(
                Array.from(
                    { length: DEPTH.wallReps },
                    () => wallTime(npm, ["run", "-s", "review", "--", "--preview", file]).ms,
                ),
            );
        };
        const [twenty, twoHundred] = [many(20), many(200)];
        note(
            "`npm run review`, a preview in which 200 roles each change a policy (each its own question)",
            `${ms(twoHundred)}; 20 roles: ${ms(twenty)}; t(200)/t(20) ${ratio(twoHundred / twenty)}`,
            "≤ 30 s, t(200)/t(20) ≤ 12×",
        );
    } finally {
        fs.rmSync(scratch, { recursive: true, force: true });
    }

    // The loops. `npm test` prints what each of its phases took. It builds lib/ only when it is
    // stale; `npm ci` has just built it, so it is fresh here, as in CI.
    if (DEPTH.npmTest) {
        execFileSync(npm, ["run", "-s", "build"], { cwd: PROJECT_DIR, stdio: "inherit" });
        const tests = wallTime(npm, ["test"]);
        const phases = tests.stdout
            .split("\n")
            .filter((line) => /^ {2}\S+ +[\d.]+ s/.test(line))
            .map((line) =>
                line
                    .trim()
                    .replace(/\s+/g, " ")
                    .replace(/ (passed|up to date)$/, ""),
            )
            .filter((line) => !line.startsWith("total") && !/ 0\.0 s$/.test(line));
        note("`npm test`, lib/ fresh as after `npm ci` (one run)", `${ms(tests.ms)}: ${phases.join(", ")}`, "≤ 40 s");
    }
    const unit = median(Array.from({ length: DEPTH.wallReps }, () => wallTime(npm, ["run", "-s", "test:unit"]).ms));
    note("`npm run test:unit`, the edit-run loop", ms(unit), "≤ 6 s");
    const mocha = require.resolve("mocha/bin/mocha.js");
    const floor = median(
        Array.from(
            { length: DEPTH.wallReps },
            () =>
                wallTime(process.execPath, [
                    mocha,
                    "--no-config",
                    "--require",
                    "ts-node/register/transpile-only",
                    "--extension",
                    "ts",
                    "tools/bench/floor.test.ts",
                ]).ms,
        ),
    );
    note("Floor of a mocha run: mocha, ts-node, one test under the Pulumi mocks", ms(floor));

    const cpus = os.cpus();
    const took = Number(process.hrtime.bigint() - began) / 1e9;
    process.stdout.write(
        [
            `pinpoint-export benchmark (${FULL ? "--full" : "default run"}), ${new Date().toISOString().slice(0, 10)}: ${cpus.length} × ${cpus[0]?.model.trim()}, Node ${process.version}; the run took ${took.toFixed(0)} s`,
            `Each figure is a median of ${DEPTH.compareReps} interleaved runs (comparisons) or ${DEPTH.wallReps} runs (wall times) unless it says otherwise.`,
            "",
            "| What | Figure | Target |",
            "| --- | --- | --- |",
            ...rows.map((row) => `| ${row.join(" | ")} |`),
            "",
        ].join("\n"),
    );
}

main();
