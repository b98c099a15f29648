// `npm run plan -- [--stack <name>] [--config-file <file>] [--against <baseline>]
// [--json] [--fail-on-broadening] [--help]`: what `pulumi up` would do to a
// stack, worked out offline by running index.ts under Pulumi's mock runtime.
import { PROJECT_DIR } from "../tools/projectDir";
import { sharedSolver } from "../review/src/proof/solverProcess";

// Z3 takes about half a second to load in its own process: start it before the
// Pulumi SDK and the program load here, so that it is ready when the proof is.
sharedSolver();

async function main(): Promise<void> {
    const { isUserError, runPlan } = await import("./runPlan");
    const fail = (error: unknown) => {
        process.stderr.write(
            isUserError(error) ? `${error.message}\n` : `${(error as Error)?.stack ?? String(error)}\n`,
        );
        process.exit(1);
    };
    // A problem found while resources register (a value checked once it resolved)
    // surfaces as a rejection the program never awaited.
    process.on("unhandledRejection", fail);
    try {
        const { code, stdout, stderr } = await runPlan(PROJECT_DIR, process.argv.slice(2));
        process.stdout.write(stdout);
        process.stderr.write(stderr);
        process.exit(code);
    } catch (error) {
        fail(error);
    }
}

void main();
