// `npm test`: eslint, prettier, the type-check, the library build and mocha,
// as many at once as the machine has cores (mocha after the build). Each
// phase's output is printed whole when it ends, then a table of what each took.
import { spawn } from "child_process";
import * as os from "os";
import * as path from "path";
import { PROJECT_DIR } from "../projectDir";
import { Phase, PHASES } from "./phases";

interface Outcome {
    readonly phase: Phase;
    /** The exit code; -1 when a phase it needs failed, so it did not run. */
    readonly code: number;
    readonly seconds: number;
    /** Its work was already done, so it did not run. */
    readonly upToDate?: boolean;
}

function runPhase(phase: Phase): Promise<Outcome> {
    if (phase.upToDate?.()) {
        return Promise.resolve({ phase, code: 0, seconds: 0, upToDate: true });
    }
    const [command, ...args] = phase.command;
    const begin = process.hrtime.bigint();
    return new Promise((resolve) => {
        const child = spawn(command, args, {
            cwd: PROJECT_DIR,
            // The project's own binaries, as npm scripts find them.
            env: {
                ...process.env,
                FORCE_COLOR: process.stdout.isTTY ? "1" : "0",
                PATH: `${path.join(PROJECT_DIR, "node_modules", ".bin")}${path.delimiter}${process.env.PATH}`,
            },
        });
        const output: Buffer[] = [];
        child.stdout.on("data", (chunk: Buffer) => output.push(chunk));
        child.stderr.on("data", (chunk: Buffer) => output.push(chunk));
        const finish = (code: number) => {
            const seconds = Number(process.hrtime.bigint() - begin) / 1e9;
            process.stdout.write(`\n── ${phase.name} (${phase.command.join(" ")}) ──\n`);
            process.stdout.write(Buffer.concat(output));
            resolve({ phase, code, seconds });
        };
        child.on("error", (error) => {
            output.push(Buffer.from(`${error.message}\n`));
            finish(127);
        });
        child.on("close", (code) => finish(code ?? 1));
    });
}

/** Runs the phases, at most `slots` at once, each once those it waits for have passed. */
async function runPhases(phases: readonly Phase[], slots: number): Promise<Outcome[]> {
    const outcomes = new Map<string, Outcome>();
    const waiting = [...phases];
    const running = new Map<string, Promise<Outcome>>();
    while (waiting.length > 0 || running.size > 0) {
        for (const phase of [...waiting]) {
            if (running.size >= slots) {
                break;
            }
            const blockers = phase.after.map((name) => outcomes.get(name));
            if (blockers.some((outcome) => outcome !== undefined && outcome.code !== 0)) {
                waiting.splice(waiting.indexOf(phase), 1);
                outcomes.set(phase.name, { phase, code: -1, seconds: 0 });
            } else if (blockers.every((outcome) => outcome !== undefined)) {
                waiting.splice(waiting.indexOf(phase), 1);
                running.set(phase.name, runPhase(phase));
            }
        }
        if (running.size === 0) {
            // Only phases that wait for one no phase provides: a mistake in phases.ts, not a hang.
            throw new Error(`phases.ts: ${waiting.map((phase) => phase.name).join(", ")} wait for unknown phases`);
        }
        const done = await Promise.race(running.values());
        running.delete(done.phase.name);
        outcomes.set(done.phase.name, done);
    }
    return phases.map((phase) => outcomes.get(phase.name)!);
}

async function main(): Promise<number> {
    const slots = Math.max(2, os.cpus().length);
    const begin = process.hrtime.bigint();
    const outcomes = await runPhases(PHASES, slots);
    const total = Number(process.hrtime.bigint() - begin) / 1e9;
    const status = (outcome: Outcome) =>
        outcome.upToDate
            ? "up to date"
            : outcome.code === 0
              ? "passed"
              : outcome.code === -1
                ? "not run: a phase it needs failed"
                : "FAILED";
    process.stdout.write(
        [
            "",
            `npm test: ${PHASES.length} phases, at most ${slots} at once`,
            ...outcomes.map(
                (outcome) =>
                    `  ${outcome.phase.name.padEnd(10)} ${outcome.seconds.toFixed(1).padStart(5)} s  ${status(outcome)}`,
            ),
            `  ${"total".padEnd(10)} ${total.toFixed(1).padStart(5)} s`,
            "",
        ].join("\n"),
    );
    return outcomes.every((outcome) => outcome.code === 0) ? 0 : 1;
}

main().then(
    (code) => process.exit(code),
    (error: unknown) => {
        process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
        process.exit(2);
    },
);
