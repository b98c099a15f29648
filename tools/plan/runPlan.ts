import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { recordProgram } from "./recordProgram";
import { planAsJson, planAsText } from "./renderPlan";
import { readStackConfig, StackFileError } from "./stackConfig";

export const USAGE =
    "usage: npm run plan -- [--stack <name>] [--config-file <Pulumi.<stack>.yaml>] [--json]   (default stack: dev)";

/** What a plan run printed, and its exit code. */
export interface PlanResult {
    readonly code: number;
    readonly stdout: string;
    readonly stderr: string;
}

interface PlanOptions {
    readonly stack: string;
    readonly configFile?: string;
    readonly json: boolean;
}

/** The command line's options, or what is wrong with it. */
export function parsePlanArguments(argv: readonly string[]): PlanOptions | string {
    let stack = "dev";
    let json = false;
    let configFile: string | undefined;
    for (let index = 0; index < argv.length; index++) {
        const argument = argv[index];
        if (argument === "--json") {
            json = true;
        } else if (argument === "--stack" || argument === "-s") {
            stack = argv[++index] ?? "";
        } else if (argument.startsWith("--stack=")) {
            stack = argument.slice("--stack=".length);
        } else if (argument === "--config-file") {
            configFile = argv[++index] ?? "";
        } else {
            return `unknown argument ${JSON.stringify(argument)}`;
        }
    }
    if (!stack || configFile === "") {
        return "--stack and --config-file need a value";
    }
    return { stack, json, configFile: configFile && path.resolve(configFile) };
}

/** A user's mistake, to be said plainly without a stack trace. */
export function isUserError(error: unknown): error is Error {
    return error instanceof StackFileError || pulumi.RunError.isInstance(error);
}

/**
 * Plans the program in `projectDir` for the stack the arguments name: runs its
 * `index` afresh under the mock runtime and renders what it registered. Bad
 * arguments give code 2, bad config code 1 with the message on stderr.
 */
export async function runPlan(projectDir: string, argv: readonly string[]): Promise<PlanResult> {
    const options = parsePlanArguments(argv);
    if (typeof options === "string") {
        return { code: 2, stdout: "", stderr: `${options}\n${USAGE}\n` };
    }
    try {
        const stackConfig = readStackConfig(projectDir, options.stack, options.configFile);
        pulumi.runtime.setAllConfig(stackConfig.config);
        const program = require.resolve(path.join(projectDir, "index"));
        delete require.cache[program];
        const record = await recordProgram(stackConfig.project, stackConfig.stack, () => import(program));
        const plan = options.json
            ? JSON.stringify(planAsJson(stackConfig, record), null, 2)
            : planAsText(stackConfig, record);
        return { code: 0, stdout: `${plan}\n`, stderr: "" };
    } catch (error) {
        if (isUserError(error)) {
            return { code: 1, stdout: "", stderr: `${error.message}\n` };
        }
        throw error;
    }
}
