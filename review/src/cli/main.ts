#!/usr/bin/env node
// The bin `pinpoint-export-review`: the command line of runReview.ts, with the
// process's stdin, stdout and exit code.
import { sharedSolver } from "../proof/solverProcess";

// Z3 takes about half a second to load in its own process: start it while the preview is read.
sharedSolver();

async function readStdin(): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) {
        chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks).toString("utf8");
}

async function main(): Promise<void> {
    const { runReview } = await import("../runReview");
    try {
        const { code, stdout, stderr } = await runReview(process.argv.slice(2), { readStdin });
        process.stdout.write(stdout);
        process.stderr.write(stderr);
        process.exitCode = code;
    } catch (error) {
        process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
        process.exitCode = 1;
    }
    // The solver's process is unref'd: nothing keeps this one alive once the output is written.
}

void main();
