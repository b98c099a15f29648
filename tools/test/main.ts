// `npm test`: eslint, prettier, the type-check, the library build and mocha,
// each a script of package.json (phases.ts), as many at once as the machine
// has cores (mocha after the build). A line says when each phase starts and
// when it ends, with its time; its output follows, whole, when it ends; then a
// table of what each took. Colours only on a terminal.
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_DIR } from "../projectDir";
import { Phase, PHASES } from "./phases";

/** Whether the output goes to a terminal: only then may it, or a phase, colour it. */
const ON_TERMINAL = process.stdout.isTTY === true;
/** When `npm test` started. */
const BEGIN = process.hrtime.bigint();

/** The scripts of package.json, which the phases run. */
function packageScripts(): Readonly<Record<string, string>> {
    const manifest = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "package.json"), "utf8")) as {
        scripts?: Record<string, string>;
    };
    return manifest.scripts ?? {};
}

/** Seconds since `since`. */
function secondsSince(since: bigint): number {
    return Number(process.hrtime.bigint() - since) / 1e9;
}

/** One line of the log of phases: the time since `npm test` started, then what happened. */
function logLine(text: string): void {
    process.stdout.write(`[${secondsSince(BEGIN).toFixed(1).padStart(5)} s] ${text}\n`);
}

/** The environment of a phase's script: as `npm run` gives it, with colours only on a terminal. */
function scriptEnvironment(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {
        ...process.env,
        // The project's own binaries, as npm scripts find them.
        PATH: `${path.join(PROJECT_DIR, "node_modules", ".bin")}${path.delimiter}${process.env.PATH}`,
    };
    if (ON_TERMINAL) {
        env.FORCE_COLOR = "1";
        delete env.NO_COLOR;
    } else {
        env.FORCE_COLOR = "0";
        env.NO_COLOR = "1";
    }
    return env;
}

interface Outcome {
    readonly phase: Phase;
    /** The exit code; -1 when a phase it needs failed, so it did not run. */
    readonly code: number;
    readonly seconds: number;
    /** Its work was already done, so it did not run. */
    readonly upToDate?: boolean;
}

function runPhase(phase: Phase, scripts: Readonly<Record<string, string>>): Promise<Outcome> {
    if (phase.upToDate?.()) {
        logLine(`${phase.name}: up to date, not run`);
        return Promise.resolve({ phase, code: 0, seconds: 0, upToDate: true });
    }
    const script = scripts[phase.script];
    const begin = process.hrtime.bigint();
    logLine(`${phase.name}: started (npm run ${phase.script})`);
    return new Promise((resolve) => {
        const output: Buffer[] = [];
        const finish = (code: number) => {
            const seconds = secondsSince(begin);
            logLine(
                `${phase.name}: ${code === 0 ? "passed" : `FAILED (exit code ${code})`} in ${seconds.toFixed(1)} s`,
            );
            process.stdout.write(Buffer.concat(output));
            resolve({ phase, code, seconds });
        };
        if (script === undefined) {
            output.push(Buffer.from(`package.json has no script ${phase.script}\n`));
            finish(127);
            return;
        }
        // As npm runs a script: through the shell, in the project's directory.
        const child = spawn(script, { cwd: PROJECT_DIR, env: scriptEnvironment(), shell: true });
        child.stdout.on("data", (chunk: Buffer) => output.push(chunk));
        child.stderr.on("data", (chunk: Buffer) => output.push(chunk));
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
    const scripts = packageScripts();
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
                running.set(phase.name, runPhase(phase, scripts));
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
    logLine(`npm test: ${PHASES.length} phases, at most ${slots} at once`);
    const outcomes = await runPhases(PHASES, slots);
    const total = secondsSince(BEGIN);
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
