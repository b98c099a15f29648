import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { accessPairs } from "../review/src/access/roleAccess";
import { BaselineError } from "../review/src/inputs/baseline";
import { readBaseline } from "../review/src/inputs/readBaseline";
import { documentChanges } from "../review/src/diff/documentChanges";
import { PlanStep, StepPlanner } from "../review/src/diff/planSteps";
import { inputValue } from "../review/src/diff/wireValues";
import { configKey, readStackSettings } from "../program/stackSettings";
import type { SettingName } from "../components/validation/exportRoleProblems";
import type { StackDocuments, UnknownSetting } from "./stackProofs";
import { sharedSolver } from "../review/src/proof/solverProcess";
import { Plan } from "./plan";
import { recordProgram } from "./recordProgram";
import { planAsJson } from "./render/planJson";
import { planAsText } from "./render/planText";
import { readStackConfig, StackConfig } from "./stackConfig";
import { StackFileError } from "./stackFileError";

export const USAGE =
    "usage: npm run plan -- [--stack <name>] [--config-file <Pulumi.<stack>.yaml>] [--against <baseline.json>] " +
    "[--json] [--fail-on-broadening]   (default stack: dev, or <stack> of --config-file Pulumi.<stack>.yaml)";

/** What `--help` prints: the usage, each option, and the exit codes. */
export const HELP = [
    USAGE,
    "",
    "What `pulumi up` would do to a stack of this project, worked out offline: index.ts runs under Pulumi's",
    "mock runtime with the stack's config. It needs no Pulumi CLI, no AWS credentials and no network.",
    "",
    "  -s, --stack <name>      the stack to plan, whose config is Pulumi.<name>.yaml (default: dev, or the",
    "                          stack the --config-file's name gives)",
    "  --config-file <file>    read the stack's config from <file> instead of Pulumi.<name>.yaml; a file named",
    "                          Pulumi.<stack>.yaml also names the stack, unless --stack is given",
    "  --against <baseline>    plan an update of what <baseline> describes: a plan written with",
    "                          `npm run --silent plan -- --json > <baseline>`, or `pulumi stack export`'s output",
    "  --json                  print JSON in the shape of `pulumi preview --json`",
    "  --fail-on-broadening    with --against: exit with code 3 when the change broadens Pinpoint's access",
    "  -h, --help              print this help",
    "",
    "Exit codes: 0 a plan; 1 bad config or a bad baseline; 2 bad arguments; 3 a change that broadens access,",
    "with --fail-on-broadening. More in docs/plan.md.",
].join("\n");

/** The exit code of a plan against a baseline, with --fail-on-broadening, when the change broadens access. */
export const BROADENS_ACCESS = 3;

/** What a plan run printed, and its exit code. */
export interface PlanResult {
    readonly code: number;
    readonly stdout: string;
    readonly stderr: string;
}

interface PlanOptions {
    /** Print the help and nothing else. */
    readonly help?: boolean;
    readonly stack: string;
    readonly configFile?: string;
    /** The baseline to plan an update from: a plan's JSON, or `pulumi stack export`'s output. */
    readonly against?: string;
    readonly json: boolean;
    /** Exit with code 3 when the update broadens access. */
    readonly failOnBroadening: boolean;
}

/** The command line's options, or what is wrong with it. */
export function parsePlanArguments(argv: readonly string[]): PlanOptions | string {
    let stack: string | undefined;
    let json = false;
    let failOnBroadening = false;
    let configFile: string | undefined;
    let against: string | undefined;
    for (let index = 0; index < argv.length; index++) {
        const argument = argv[index];
        if (argument === "--help" || argument === "-h") {
            return { help: true, stack: stack ?? DEFAULT_STACK, json, failOnBroadening };
        } else if (argument === "--json") {
            json = true;
        } else if (argument === "--fail-on-broadening") {
            failOnBroadening = true;
        } else if (argument === "--against") {
            against = argv[++index] ?? "";
        } else if (argument.startsWith("--against=")) {
            against = argument.slice("--against=".length);
        } else if (argument === "--stack" || argument === "-s") {
            stack = argv[++index] ?? "";
        } else if (argument.startsWith("--stack=")) {
            stack = argument.slice("--stack=".length);
        } else if (argument === "--config-file") {
            configFile = argv[++index] ?? "";
        } else if (argument.startsWith("--config-file=")) {
            configFile = argument.slice("--config-file=".length);
        } else {
            return `unknown argument ${JSON.stringify(argument)}`;
        }
    }
    if (stack === "" || configFile === "" || against === "") {
        return "--stack, --config-file and --against need a value";
    }
    if (failOnBroadening && against === undefined) {
        return "--fail-on-broadening needs --against <baseline>: only a change can broaden access";
    }
    // As the CLI names a stack by its file: Pulumi.prod.yaml is the config of the stack prod.
    stack ??= (configFile && STACK_FILE_NAME.exec(path.basename(configFile))?.[1]) || DEFAULT_STACK;
    return { stack, json, failOnBroadening, configFile: configFile && path.resolve(configFile), against };
}

/** The stack planned when neither --stack nor a config file named Pulumi.<stack>.yaml names one. */
const DEFAULT_STACK = "dev";

/** A stack file's name: `Pulumi.<stack>.yaml`. */
const STACK_FILE_NAME = /^Pulumi\.(.+)\.yaml$/;

/** A user's mistake, to be said plainly without a stack trace. */
export function isUserError(error: unknown): error is Error {
    return error instanceof StackFileError || error instanceof BaselineError || pulumi.RunError.isInstance(error);
}

/** The stack's role's documents and settings, when the program registers one role and one policy. */
function stackDocuments(steps: readonly PlanStep[], stackConfig: StackConfig): StackDocuments | undefined {
    const inputsOf = (type: string) => {
        const found = steps.filter((step) => step.type === type);
        return found.length === 1 ? found[0].after?.inputs : undefined;
    };
    const policy = inputsOf("aws:iam/policy:Policy");
    const role = inputsOf("aws:iam/role:Role");
    if (!policy || !role) {
        return undefined;
    }
    const text = (value: unknown) => {
        const known = inputValue(value);
        return known.state === "known" && typeof known.value === "string" ? known.value : undefined;
    };
    const { settings, unknown } = readStackSettings(stackConfig.config, stackConfig.stack);
    return {
        permissionPolicy: text(policy.policy),
        trustPolicy: text(role.assumeRolePolicy),
        settings,
        unknown: new Map([...unknown].map((setting) => [setting, whyUnknown(setting, stackConfig)])),
    };
}

/** Why the plan cannot know a setting's value: a secret, or a key an ESC environment may set. */
function whyUnknown(setting: SettingName, { config, secretKeys, environments }: StackConfig): UnknownSetting {
    // The region falls back to aws:region, as the program reads it.
    const key =
        setting === "region" && config[configKey("region")] === "" && config["aws:region"] !== undefined
            ? "aws:region"
            : configKey(setting);
    return {
        key,
        because: secretKeys.includes(key) ? { secret: true } : { secret: false, environments: environments.join(", ") },
    };
}

/**
 * Plans the program in `projectDir` for the stack the arguments name: runs its
 * `index` afresh under the mock runtime and renders what it registered, as a
 * first `pulumi up`, with what is proved about the stack's documents, or, with
 * `--against`, as an update of the baseline, with the statement and access
 * changes. Bad arguments give code 2, bad config or a bad baseline code 1 with
 * the message on stderr, and `--fail-on-broadening` code 3 when the update
 * broadens access. `prove: false` leaves out the first plan's proofs (the
 * stack-file property, which is about reading stack files, runs thousands).
 */
export async function runPlan(
    projectDir: string,
    argv: readonly string[],
    { prove = true }: { prove?: boolean } = {},
): Promise<PlanResult> {
    const options = parsePlanArguments(argv);
    if (typeof options === "string") {
        return { code: 2, stdout: "", stderr: `${options}\n${USAGE}\n` };
    }
    if (options.help) {
        return { code: 0, stdout: `${HELP}\n`, stderr: "" };
    }
    // Z3 loads in its own process while the program runs.
    const solver = options.against || prove ? sharedSolver() : undefined;
    try {
        const stackConfig = readStackConfig(projectDir, options.stack, options.configFile);
        const baseline = options.against && readBaseline(options.against, stackConfig.project, stackConfig.stack);
        pulumi.runtime.setAllConfig(stackConfig.config, [...stackConfig.secretKeys]);
        const program = require.resolve(path.join(projectDir, "index"));
        delete require.cache[program];
        const planner = new StepPlanner(baseline ? baseline.resources : []);
        const record = await recordProgram(
            stackConfig.project,
            stackConfig.stack,
            () => import(program),
            (registration) => planner.register(registration),
        );
        const steps = planner.finish();
        let plan: Plan = { stackConfig, record, steps };
        if (baseline) {
            // The proof and the evaluator load only for a plan against a baseline.
            const { compareAccess } = await import("../review/src/access/accessChanges");
            plan = {
                ...plan,
                baseline,
                documentChanges: documentChanges(steps),
                access: await compareAccess(accessPairs(steps), solver!),
            };
        } else if (solver) {
            const { proveStack } = await import("./stackProofs");
            const { roleAbilities } = await import("./roleAbilities");
            const documents = stackDocuments(steps, stackConfig);
            plan = {
                ...plan,
                proofs: documents ? await proveStack(documents, solver) : undefined,
                abilities: await roleAbilities(steps, solver),
            };
        }
        const text = options.json ? JSON.stringify(planAsJson(plan), null, 2) : planAsText(plan);
        const code = options.failOnBroadening && plan.access?.broadening ? BROADENS_ACCESS : 0;
        return { code, stdout: `${text}\n`, stderr: "" };
    } catch (error) {
        if (isUserError(error)) {
            return { code: 1, stdout: "", stderr: `${error.message}\n` };
        }
        throw error;
    }
}
