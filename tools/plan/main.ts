// `npm run plan -- [--stack <name>] [--json]`: what `pulumi up` would create
// for a stack, worked out offline by running index.ts under Pulumi's mocks.
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { recordProgram } from "./recordProgram";
import { planAsJson, planAsText } from "./renderPlan";
import { readStackConfig, StackFileError } from "./stackConfig";

const USAGE =
    "usage: npm run plan -- [--stack <name>] [--config-file <Pulumi.<stack>.yaml>] [--json]   (default stack: dev)";
const PROJECT_DIR = path.resolve(__dirname, "..", "..");

interface PlanOptions {
    readonly stack: string;
    readonly configFile?: string;
    readonly json: boolean;
}

function parseArguments(argv: readonly string[]): PlanOptions | string {
    let stack = "dev";
    let json = false;
    let configFile: string | undefined;
    for (let index = 0; index < argv.length; index++) {
        const argument = argv[index];
        if (argument === "--json") {
            json = true;
        } else if (argument === "--stack" || argument === "-s") {
            stack = argv[++index] ?? "";
        } else if (argument === "--config-file") {
            configFile = argv[++index] ?? "";
        } else if (argument.startsWith("--stack=")) {
            stack = argument.slice("--stack=".length);
        } else {
            return `unknown argument ${JSON.stringify(argument)}`;
        }
    }
    if (!stack || configFile === "") {
        return "--stack and --config-file need a value";
    }
    return { stack, json, configFile: configFile && path.resolve(configFile) };
}

/** A user's mistake: said plainly, without a stack trace. */
function isUserError(error: unknown): error is Error {
    return error instanceof StackFileError || pulumi.RunError.isInstance(error);
}

async function main(): Promise<number> {
    const options = parseArguments(process.argv.slice(2));
    if (typeof options === "string") {
        process.stderr.write(`${options}\n${USAGE}\n`);
        return 2;
    }
    const stackConfig = readStackConfig(PROJECT_DIR, options.stack, options.configFile);
    pulumi.runtime.setAllConfig(stackConfig.config, stackConfig.secretKeys);
    const record = await recordProgram(
        stackConfig.project,
        stackConfig.stack,
        () => import(path.join(PROJECT_DIR, "index")),
    );
    const plan = options.json
        ? JSON.stringify(planAsJson(stackConfig, record), null, 2)
        : planAsText(stackConfig, record);
    process.stdout.write(`${plan}\n`);
    return 0;
}

function fail(error: unknown): void {
    process.stderr.write(isUserError(error) ? `${error.message}\n` : `${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
}

// A problem found while resources register (a value checked once it resolved)
// surfaces as a rejection the program never awaited.
process.on("unhandledRejection", fail);
main().then((code) => process.exit(code), fail);
