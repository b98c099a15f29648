// `npm run plan -- [--stack <name>] [--config-file <file>] [--against <baseline>]
// [--json] [--fail-on-broadening] [--help]`: what `pulumi up` would do to a
// stack, worked out offline by running index.ts under Pulumi's mock runtime.
import { PROJECT_DIR } from "../projectDir";
import { isUserError, runPlan } from "./runPlan";

function fail(error: unknown): void {
    process.stderr.write(isUserError(error) ? `${error.message}\n` : `${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
}

// A problem found while resources register (a value checked once it resolved)
// surfaces as a rejection the program never awaited.
process.on("unhandledRejection", fail);

runPlan(PROJECT_DIR, process.argv.slice(2)).then(({ code, stdout, stderr }) => {
    process.stdout.write(stdout);
    process.stderr.write(stderr);
    process.exit(code);
}, fail);
