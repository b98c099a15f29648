// The config a `pulumi up` of a stack would hand this project's program, read
// from Pulumi.yaml and the stack file as the CLI reads them. A file the CLI
// would refuse, or read otherwise than written, is refused with its fix.
import * as fs from "fs";
import * as path from "path";
import { UNKNOWN } from "../review/src/diff/wireValues";
import { nearestKey } from "../program/nearestKey";
import { CONFIG_NAMESPACE } from "../program/stackSettings";
import { SETTING_RULES } from "../components/validation/exportRoleProblems";
import { cliValue } from "./cliConfigValues";
import { Misreading, misreadingMessage, misreadings, notTextKeyMessage, writtenAsFixed } from "./misreadValues";
import { StackFileError } from "./stackFileError";
import { isMapping, NOT_TEXT_KEY, readYaml } from "./stackFileYaml";
import { environmentsOf, unseenKeysOf } from "./unknownSettings";

/** What the offline plan knows of a project and one of its stacks. */
export interface StackConfig {
    /** The project name from `Pulumi.yaml`. */
    readonly project: string;
    /** The stack name. */
    readonly stack: string;
    /**
     * Fully qualified keys to values as the Pulumi CLI hands them to a program:
     * text. A value the plan cannot know, a secret's or one an ESC environment
     * may set, is Pulumi's unknown sentinel.
     */
    readonly config: Record<string, string>;
    /** The keys whose values the stack file holds encrypted (`secure:`): secrets, unknown here. */
    readonly secretKeys: readonly string[];
    /** The Pulumi ESC environments the stack file imports (`environment:`), which the plan cannot open. */
    readonly environments: readonly string[];
    /** The keys the program reads that the stack file leaves to those environments: unknown here. */
    readonly unseenKeys: readonly string[];
}

/** The keys the stack program reads: its settings, and the AWS provider's region. */
const PROGRAM_KEYS: readonly string[] = [
    ...Object.keys(SETTING_RULES).map((setting) => `${CONFIG_NAMESPACE}:${setting}`),
    "aws:region",
];

/**
 * The config a `pulumi up` of `stack` would give the program: the defaults and
 * values declared in `Pulumi.yaml`, overridden by `Pulumi.<stack>.yaml` (or by
 * `configFile`, like the CLI's `--config-file`).
 */
export function readStackConfig(projectDir: string, stack: string, configFile?: string): StackConfig {
    const project = readYaml(path.join(projectDir, "Pulumi.yaml")) as {
        name?: unknown;
        config?: Record<string, unknown>;
    };
    if (typeof project?.name !== "string") {
        throw new StackFileError("Pulumi.yaml has no project name.");
    }
    const projectName = project.name;
    const stackFile = configFile ?? path.join(projectDir, `Pulumi.${stack}.yaml`);
    if (!fs.existsSync(stackFile)) {
        const stacks = fs
            .readdirSync(projectDir)
            .map((file) => /^Pulumi\.(.+)\.yaml$/.exec(file)?.[1])
            .filter(Boolean)
            .sort();
        throw new StackFileError(
            `There is no ${path.basename(stackFile)}. Stacks with a config file here: ${stacks.join(", ") || "none"}.`,
        );
    }
    const fileName = path.basename(stackFile);
    const document = readYaml(stackFile);
    const stackConfig = configOf(document, fileName);
    const environments = environmentsOf(document, fileName);

    const qualify = (key: string) => (key.includes(":") ? key : `${projectName}:${key}`);
    const config: Record<string, string> = {};
    const required: string[] = [];
    const declaredTypes = new Map<string, unknown>();
    for (const [key, declaration] of Object.entries(project.config ?? {})) {
        const declared = declarationValue(declaration);
        if (isSchema(declaration)) {
            declaredTypes.set(qualify(key), (declaration as { type?: unknown }).type);
        }
        if (declared !== undefined) {
            config[qualify(key)] = cliValue(qualify(key), declared, "Pulumi.yaml").text;
        } else if (isSchema(declaration)) {
            required.push(qualify(key));
        }
    }
    const secretKeys: string[] = [];
    const misread: Misreading[] = [];
    const written = new Map<string, string>();
    for (const [key, value] of Object.entries(stackConfig)) {
        if (key.startsWith(NOT_TEXT_KEY)) {
            throw new StackFileError(notTextKeyMessage(fileName, key));
        }
        const qualified = qualify(key);
        const before = written.get(qualified);
        if (before !== undefined) {
            throw new StackFileError(
                `${fileName} sets ${qualified} twice, as ${JSON.stringify(before)} and as ` +
                    `${JSON.stringify(key)}: keep one.`,
            );
        }
        written.set(qualified, key);
        const read = cliValue(qualified, value, fileName);
        if (read.secret) {
            // The plan cannot decrypt it, and never shows its ciphertext: it is unknown secret text.
            secretKeys.push(qualified);
            config[qualified] = UNKNOWN;
        } else {
            config[qualified] = read.text;
            if (PROGRAM_KEYS.includes(qualified)) {
                misread.push(...misreadings(key, qualified, value, declaredTypes.get(qualified)));
            }
        }
    }
    if (misread.length > 0) {
        throw new StackFileError(misreadingMessage(fileName, misread, writtenAsFixed(config, misread, stack)));
    }
    const unseenKeys = unseenKeysOf(environments, PROGRAM_KEYS, written);
    for (const key of unseenKeys) {
        if (!secretKeys.includes(key)) {
            config[key] = UNKNOWN;
        }
    }
    // As the CLI does before it runs the program: a declared key without a default must be set.
    const missing = required.filter((key) => config[key] === undefined);
    if (missing.length > 0) {
        const declared = Object.keys(project.config ?? {}).map(qualify);
        const shown = Object.fromEntries(
            Object.entries(config).map(([key, text]) => [key, secretKeys.includes(key) ? "[secret]" : text]),
        );
        throw new StackFileError(missingKeysMessage(stack, fileName, missing, declared, shown, written));
    }
    return { project: projectName, stack, config, secretKeys, environments, unseenKeys };
}

/**
 * The CLI's refusal of a stack that leaves required keys unset, said so that
 * it can be fixed. A key of the stack file that Pulumi.yaml does not declare,
 * but that is a likely misspelling of a missing one, is named as the file
 * spells it (`spellings`: each qualified key as written there), with its value.
 */
function missingKeysMessage(
    stack: string,
    file: string,
    missing: readonly string[],
    declared: readonly string[],
    config: Readonly<Record<string, string>>,
    spellings: ReadonlyMap<string, string>,
): string {
    const undeclared = Object.keys(config).filter((key) => !declared.includes(key));
    const misspelt = new Map(
        missing.map((key) => [key, undeclared.find((typo) => nearestKey(typo, declared) === key)]),
    );
    const head = `Stack "${stack}" is missing configuration ${missing.length === 1 ? "value" : "values"} ${listed(missing)}`;
    const setIt = (key: string) => `\`pulumi config set ${key} <value>\``;
    if ([...misspelt.values()].every((typo) => typo === undefined)) {
        return `${head}: set ${missing.length === 1 ? "it" : "them"} with ${missing.map(setIt).join(" and ")} (or in ${file}).`;
    }
    const lines = missing.map((key) => {
        const typo = misspelt.get(key);
        if (typo === undefined) {
            return `  - ${key} is not set. Fix: set it with ${setIt(key)} (or in ${file}).`;
        }
        // As the file spells it: `foldr` is renamed to `folder`, `pinpoint-export:foldr` to `pinpoint-export:folder`.
        const spelt = spellings.get(typo) ?? typo;
        const renamed = spelt.includes(":") ? key : key.slice(key.indexOf(":") + 1);
        return (
            `  - ${typo}: ${JSON.stringify(config[typo])} is not a key of this project. ` +
            `Fix: did you mean ${key}? Rename ${spelt} to ${renamed} in ${file}.`
        );
    });
    return [`${head}:`, ...lines].join("\n");
}

/** `a`, `a and b`, `a, b and c`. */
function listed(items: readonly string[]): string {
    return items.length === 1 ? items[0] : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** The `config` mapping of a stack file, which may be empty; anything else is refused by name. */
function configOf(document: unknown, name: string): Record<string, unknown> {
    if (document === undefined || document === null) {
        return {};
    }
    if (!isMapping(document)) {
        throw new StackFileError(
            `${name} must be a YAML mapping with a \`config:\` key, as \`pulumi config set\` writes it; it is ${kindOf(document)}.`,
        );
    }
    const config = (document as { config?: unknown }).config;
    if (config === undefined || config === null) {
        return {};
    }
    if (!isMapping(config)) {
        throw new StackFileError(
            `${name}: config must be a mapping of keys to values, e.g. \`pinpoint-export:bucket: my-bucket\`; it is ${kindOf(config)}.`,
        );
    }
    return config;
}

function kindOf(value: unknown): string {
    return Array.isArray(value) ? "a list" : `the ${typeof value} ${JSON.stringify(value)}`.slice(0, 100);
}

/** A `Pulumi.yaml` config entry is a plain value, `{ value }`, or a schema with an optional `default`. */
function declarationValue(declaration: unknown): unknown {
    if (typeof declaration !== "object" || declaration === null || Array.isArray(declaration)) {
        return declaration;
    }
    const entry = declaration as Record<string, unknown>;
    return "value" in entry ? entry.value : entry.default;
}

/** A structured declaration (`type`, `description`, …) rather than a plain value. */
function isSchema(declaration: unknown): boolean {
    return typeof declaration === "object" && declaration !== null && "type" in declaration;
}
