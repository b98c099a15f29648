// The solver's process, seen from the plan: started early so that Z3 loads
// while the program runs, asked one problem at a time, and killed when it
// takes longer than a hard wall-clock limit. A time-out, a crash or an
// answer that does not parse is a failure with its reason, which the proof
// turns into "not decided": never into "no".
import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import { SolverAnswer, SolverProblem } from "./formula";

/** How the solver answered a problem: every query's answer, or why there is none. */
export type SolverOutcome =
    { readonly ok: true; readonly answers: readonly SolverAnswer[] } | { readonly ok: false; readonly reason: string };

/** The wall-clock limit of one problem, once Z3 is loaded, unless a session is given another. */
const SOLVER_TIME_LIMIT_MS = 30_000;

/** How long Z3 may take to load in a new process: a machine under load may take seconds. */
const STARTUP_LIMIT_MS = 60_000;

/** A solver process for a run of problems. */
export class SolverSession {
    private child?: ChildProcess;
    /** Whether the process has said that Z3 is loaded; those waiting for it, otherwise. */
    private ready = false;
    private onReady: (() => void)[] = [];
    private buffered = "";
    private stderr = "";
    private pending?: { resolve: (outcome: SolverOutcome) => void };
    private queue: Promise<unknown> = Promise.resolve();

    /** @param timeLimitMs How long one problem may take, once Z3 is loaded, before the process is killed. */
    constructor(private readonly timeLimitMs = SOLVER_TIME_LIMIT_MS) {}

    /** Starts the process now, so that Z3 is loaded by the first problem. */
    start(): this {
        this.ensureChild();
        return this;
    }

    /**
     * The answers to `problem`, one problem at a time.
     * @param timeLimitMs This problem's own limit, instead of the session's.
     */
    solve(
        problem: SolverProblem,
        { timeLimitMs = this.timeLimitMs }: { timeLimitMs?: number } = {},
    ): Promise<SolverOutcome> {
        const outcome = this.queue.then(() => this.solveNow(problem, timeLimitMs));
        this.queue = outcome;
        return outcome;
    }

    /** Ends the process; a later problem starts another. */
    close(): void {
        const child = this.child;
        this.child = undefined;
        child?.stdin?.end();
        // Z3's WebAssembly threads can outlive stdin's end: make sure it goes.
        setTimeout(() => child?.kill("SIGKILL"), 2_000).unref();
    }

    private solveNow(problem: SolverProblem, timeLimitMs: number): Promise<SolverOutcome> {
        const child = this.ensureChild();
        return new Promise<SolverOutcome>((resolve) => {
            let timer: NodeJS.Timeout | undefined;
            const limit = (ms: number, reason: string) => {
                clearTimeout(timer);
                timer = setTimeout(() => {
                    this.finish({ ok: false, reason });
                    this.kill();
                }, ms);
            };
            // The problem's own limit runs from when Z3 is loaded, so that a slow start on a busy
            // machine is never taken for a problem Z3 cannot answer.
            const solving = () =>
                limit(
                    timeLimitMs,
                    `the solver gave no answer within ${timeLimitMs / 1000} s, and its process was killed`,
                );
            if (this.ready) {
                solving();
            } else {
                limit(
                    STARTUP_LIMIT_MS,
                    `Z3 did not load within ${STARTUP_LIMIT_MS / 1000} s, and its process was killed`,
                );
                this.onReady.push(solving);
            }
            this.pending = {
                resolve: (outcome) => {
                    clearTimeout(timer);
                    this.onReady = [];
                    resolve(outcome);
                },
            };
            child.stdin!.write(`${JSON.stringify(problem)}\n`);
        });
    }

    private finish(outcome: SolverOutcome): void {
        const pending = this.pending;
        this.pending = undefined;
        pending?.resolve(outcome);
    }

    private kill(): void {
        const child = this.child;
        this.child = undefined;
        child?.kill("SIGKILL");
    }

    private ensureChild(): ChildProcess {
        if (this.child) {
            return this.child;
        }
        const child = spawn(process.execPath, workerArguments(), {
            stdio: ["pipe", "pipe", "pipe"],
            env: { ...process.env, NODE_PATH: nodeModulesDir() },
        });
        this.child = child;
        this.ready = false;
        this.onReady = [];
        this.buffered = "";
        this.stderr = "";
        child.stdout.setEncoding("utf8");
        child.stdout.on("data", (chunk: string) => {
            this.buffered += chunk;
            let newline: number;
            while ((newline = this.buffered.indexOf("\n")) !== -1) {
                const line = this.buffered.slice(0, newline);
                this.buffered = this.buffered.slice(newline + 1);
                this.receive(line);
            }
        });
        child.stderr.setEncoding("utf8");
        child.stderr.on("data", (chunk: string) => {
            this.stderr = (this.stderr + chunk).slice(-2_000);
        });
        child.stdin.on("error", () => undefined); // a crash closes the pipe; "exit" reports it
        child.on("exit", (code, signal) => {
            if (this.child !== child) {
                return; // killed for a time-out, which has answered already
            }
            this.child = undefined;
            const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
            const said = this.stderr.trim().split("\n").slice(-3).join(" ").trim();
            this.finish({ ok: false, reason: `the solver's process ${how}${said ? `: ${said}` : ""}` });
        });
        child.unref();
        (child.stdout as unknown as { unref?: () => void }).unref?.();
        (child.stderr as unknown as { unref?: () => void }).unref?.();
        (child.stdin as unknown as { unref?: () => void }).unref?.();
        return child;
    }

    private receive(line: string): void {
        if (line === "READY") {
            this.ready = true;
            const waiting = this.onReady;
            this.onReady = [];
            waiting.forEach((start) => start());
        } else if (line.startsWith("ANSWER ")) {
            try {
                this.finish({ ok: true, answers: JSON.parse(line.slice("ANSWER ".length)) as SolverAnswer[] });
            } catch (error) {
                this.finish({ ok: false, reason: `the solver's answer does not parse: ${(error as Error).message}` });
            }
        } else if (line.startsWith("FAILED ")) {
            this.finish({ ok: false, reason: `the solver failed: ${String(JSON.parse(line.slice(7)))}` });
        }
    }
}

let shared: SolverSession | undefined;

/**
 * One solver process for everything this process asks, started on first use:
 * the plan's questions, and the tests'. Z3 loads once.
 */
export function sharedSolver(): SolverSession {
    shared ??= new SolverSession().start();
    return shared;
}

/** The repository's node_modules, where the worker finds z3-solver from wherever it runs. */
function nodeModulesDir(): string {
    return path.resolve(path.dirname(require.resolve("z3-solver/package.json")), "..");
}

/**
 * How to start the worker: beside a compiled copy of this file (the installed
 * package, the bench), `solverWorker.js`; else `solverWorker.ts`, from the
 * repository's source, through its transpile cache (tools/transpileCache.cjs,
 * three folders up), so that it starts without loading TypeScript.
 */
function workerArguments(): string[] {
    if (__filename.endsWith(".js")) {
        return [path.join(__dirname, "solverWorker.js")];
    }
    const transpileCache = path.resolve(__dirname, "..", "..", "..", "tools", "transpileCache.cjs");
    return ["-r", transpileCache, path.join(__dirname, "solverWorker.ts")];
}
