// `npm run bench`: what the component costs, next to baselines measured on the
// same machine at the same time. Prints one table. Not part of `npm test`.
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readStackConfig } from "../plan/stackConfig";

import { PROJECT_DIR } from "../projectDir";
// Inside node_modules, so compiled files still find the project's packages.
const COMPILED_DIR = path.join(PROJECT_DIR, "node_modules", ".cache", "pinpoint-export-bench");
const REPS = Number(process.env.BENCH_REPS ?? 5);

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

/** Wall time of a command, in milliseconds. */
function wallTime(command: string, args: string[]): number {
    const begin = process.hrtime.bigint();
    const result = spawnSync(command, args, { cwd: PROJECT_DIR, stdio: "ignore" });
    if (result.status !== 0) {
        throw new Error(`${command} ${args.join(" ")} failed`);
    }
    return Number(process.hrtime.bigint() - begin) / 1e6;
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

function main(): void {
    const rows: [string, string, string][] = [];
    const note = (what: string, figure: string, target = "") => {
        rows.push([what, figure, target]);
        process.stderr.write(`  ${what}: ${figure}\n`);
    };
    process.stderr.write("Compiling the project for the benchmark…\n");
    fs.rmSync(COMPILED_DIR, { recursive: true, force: true });
    execFileSync(
        process.execPath,
        [
            require.resolve("typescript/bin/tsc"),
            "-p",
            "tsconfig.json",
            "--outDir",
            COMPILED_DIR,
            "--sourceMap",
            "false",
        ],
        {
            cwd: PROJECT_DIR,
            stdio: "inherit",
        },
    );

    const componentTime: Record<number, number> = {};
    const bareTime: Record<number, number> = {};
    for (const [count, reps] of [
        [100, 2 * REPS - 1],
        [1000, REPS],
    ]) {
        process.stderr.write(`Component vs bare resources, N=${count}, ${reps} runs each…\n`);
        const runs = worker<{ bare: number[]; component: number[] }>(["compare", String(count), String(reps)]);
        const [bare, component] = [median(runs.bare) / count, median(runs.component) / count];
        componentTime[count] = median(runs.component);
        bareTime[count] = median(runs.bare);
        note(
            `Component vs 3 bare resources, N=${count}`,
            `${ms(component)} vs ${ms(bare)} per instance: ${ratio(component / bare)}`,
            "≤ 1.15×",
        );
    }
    note(
        "Scaling, t(1,000) / t(100)",
        `${(componentTime[1000] / componentTime[100]).toFixed(1)} (bare resources: ${(bareTime[1000] / bareTime[100]).toFixed(1)})`,
        "≤ 11 (linear: 10)",
    );

    for (const lookups of ["given", "looked-up"]) {
        const counts = [1, 100, 1000].map((count) => {
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

    const heap = worker<{ baselineBytes: number; peakBytes: number }>(["memory", "1000"], ["--expose-gc"]);
    note(
        "Peak heap, N=1,000",
        `${mb(heap.peakBytes)} (${mb(heap.peakBytes - heap.baselineBytes)} above the start, ${((heap.peakBytes - heap.baselineBytes) / 1000 / 1024).toFixed(0)} KB per instance)`,
    );

    const config = JSON.stringify(readStackConfig(PROJECT_DIR, "dev").config);
    const starts = Array.from({ length: REPS }, () =>
        worker<{ pulumiMs: number; programMs: number }>(["start", COMPILED_DIR], [], { BENCH_CONFIG: config }),
    );
    const [pulumiLoad, programLoad] = [median(starts.map((s) => s.pulumiMs)), median(starts.map((s) => s.programMs))];
    note(
        "Program start: load @pulumi/pulumi + index.ts, run it under mocks",
        `${ms(programLoad)} vs ${ms(pulumiLoad)} for @pulumi/pulumi alone: ${ratio(programLoad / pulumiLoad)}`,
        "≤ 1.15×",
    );

    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const [plan, bareNode] = alternate(
        () => wallTime(npm, ["run", "-s", "plan"]),
        () => wallTime(process.execPath, ["-e", "require('@pulumi/pulumi')"]),
        REPS,
    );
    note(
        "`npm run plan`, wall time",
        `${ms(plan)} vs ${ms(bareNode)} for node -e "require('@pulumi/pulumi')": ${ratio(plan / bareNode)}`,
    );

    // As in `npm test`: the package tests pack the library build, which must be fresh.
    execFileSync(npm, ["run", "-s", "build"], { cwd: PROJECT_DIR, stdio: "inherit" });
    const mocha = require.resolve("mocha/bin/mocha.js");
    const [suite, floor] = alternate(
        () => wallTime(process.execPath, [mocha]),
        () =>
            wallTime(process.execPath, [
                mocha,
                "--no-config",
                "--require",
                "ts-node/register/transpile-only",
                "--extension",
                "ts",
                "tools/bench/floor.test.ts",
            ]),
        Math.max(3, Math.ceil(REPS / 2)),
    );
    note(
        "Test loop: the mocha phase of `npm test`",
        `${ms(suite)} vs a floor of ${ms(floor)}: +${ms(suite - floor)}`,
        "≤ floor + 3 s",
    );
    const unit = median(
        Array.from({ length: Math.max(3, Math.ceil(REPS / 2)) }, () =>
            wallTime(process.execPath, [mocha, "--exclude", "tests/package/**"]),
        ),
    );
    note("Test loop: `npm run test:unit`, all but the package tests", `${ms(unit)}: the floor +${ms(unit - floor)}`);

    const cpus = os.cpus();
    process.stdout.write(
        [
            `pinpoint-export benchmark, ${new Date().toISOString().slice(0, 10)}: ${cpus.length} × ${cpus[0]?.model.trim()}, Node ${process.version}`,
            `Each figure is a median of ${REPS} runs (at least 3 for the slow ones); each ratio compares runs made side by side.`,
            "",
            "| What | Figure | Target |",
            "| --- | --- | --- |",
            ...rows.map((row) => `| ${row.join(" | ")} |`),
            "",
        ].join("\n"),
    );
}

main();
