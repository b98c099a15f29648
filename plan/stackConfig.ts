import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { nearestKey } from "../program/nearestKey";

/** What the offline plan knows of a project and one of its stacks. */
export interface StackConfig {
    /** The project name from `Pulumi.yaml`. */
    readonly project: string;
    /** The stack name. */
    readonly stack: string;
    /** Fully qualified keys to values as the Pulumi CLI hands them to a program: text. */
    readonly config: Record<string, string>;
}

/** A problem with the project or stack files themselves. */
export class StackFileError extends Error {}

// Stack files read as the Pulumi CLI reads them. Its Go YAML decoder keeps a
// config value's literal text when the value is a scalar, so an unquoted
// 012345678901, 1e3 or 2024-01-01 reaches the program as written (js-yaml's
// default schema would make them a number that lost its zero, 1000 and a date):
// the failsafe schema keeps every scalar as text. A null (`~`, `null`, or no
// value at all) is "". Inside a map or a list, though, the CLI decodes values by
// their YAML types and hands the program JSON (`tags: {cost: 4711}` arrives as
// {"cost":4711}): those values are read with YAML 1.2's core schema. `<<` merge
// keys work in both, as in the CLI. (@types/js-yaml leaves out js-yaml's `types`.)
const { merge, null: nullType } = (yaml as unknown as { types: { merge: yaml.Type; null: yaml.Type } }).types;
const YAML_SCHEMA = yaml.FAILSAFE_SCHEMA.extend({ implicit: [nullType, merge] });
const TYPED_YAML_SCHEMA = yaml.CORE_SCHEMA.extend({ implicit: [merge] });

/** The characters YAML does not allow in a stream, as js-yaml finds them. */
const NON_PRINTABLE =
    // eslint-disable-next-line no-control-regex
    /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/g;

/** The most values a config value may hold once YAML's aliases are expanded. */
const MAX_VALUES = 10_000;

/**
 * The config a `pulumi up` of `stack` would give the program: the defaults and
 * values declared in `Pulumi.yaml`, overridden by `Pulumi.<stack>.yaml` (or by
 * `configFile`, like the CLI's `--config-file`).
 */
export function readStackConfig(projectDir: string, stack: string, configFile?: string): StackConfig {
    const project = readYaml(path.join(projectDir, "Pulumi.yaml")) as {
        name?: string;
        config?: Record<string, unknown>;
    };
    if (typeof project?.name !== "string") {
        throw new StackFileError("Pulumi.yaml has no project name.");
    }
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
    const stackConfig = configOf(readYaml(stackFile), path.basename(stackFile));
    // The values inside maps and lists, by their YAML types; read only if the file has any.
    let typedConfig: Record<string, unknown> | undefined;
    const typed = (key: string) =>
        (typedConfig ??= configOf(readYaml(stackFile, TYPED_YAML_SCHEMA), path.basename(stackFile)))[key];

    const qualify = (key: string) => (key.includes(":") ? key : `${project.name}:${key}`);
    const config: Record<string, string> = {};
    const required: string[] = [];
    for (const [key, declaration] of Object.entries(project.config ?? {})) {
        const declared = declarationValue(declaration);
        if (declared !== undefined) {
            config[qualify(key)] = asConfigText(qualify(key), declared, "Pulumi.yaml");
        } else if (isSchema(declaration)) {
            required.push(qualify(key));
        }
    }
    const secure: string[] = [];
    const written = new Map<string, string>();
    for (const [key, value] of Object.entries(stackConfig)) {
        const qualified = qualify(key);
        const before = written.get(qualified);
        if (before !== undefined) {
            throw new StackFileError(
                `${path.basename(stackFile)} sets ${qualified} twice, as ${JSON.stringify(before)} and as ` +
                    `${JSON.stringify(key)}: keep one.`,
            );
        }
        written.set(qualified, key);
        if (isSecure(value)) {
            secure.push(qualified);
        } else {
            const structured = typeof value === "object" && value !== null;
            config[qualified] = asConfigText(qualified, structured ? typed(key) : value, path.basename(stackFile));
        }
    }
    if (secure.length > 0) {
        throw new StackFileError(
            `${path.basename(stackFile)} holds encrypted values (${secure.join(", ")}), which only the Pulumi CLI ` +
                "can decrypt. Plan with a config file without them (--config-file), or run `pulumi preview`.",
        );
    }
    // As the CLI does before it runs the program: a declared key without a default must be set.
    const missing = required.filter((key) => config[key] === undefined);
    if (missing.length > 0) {
        const declared = Object.keys(project.config ?? {}).map(qualify);
        throw new StackFileError(
            missingKeysMessage(stack, path.basename(stackFile), missing, declared, config, written),
        );
    }
    return { project: project.name, stack, config };
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

function readYaml(file: string, schema: yaml.Schema = YAML_SCHEMA): unknown {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (error) {
        throw new StackFileError(`${path.basename(file)} cannot be read: ${(error as Error).message}`);
    }
    try {
        return yaml.load(text, { schema });
    } catch (error) {
        if (error instanceof yaml.YAMLException) {
            throw new StackFileError(yamlErrorMessage(path.basename(file), text, error));
        }
        throw error;
    }
}

/**
 * A YAML error as a person reads it: the file, the line and column, what is
 * wrong, and the lines around it. js-yaml gives no place for a stream of
 * several documents; the second one starts at its `---`.
 */
function yamlErrorMessage(name: string, text: string, error: yaml.YAMLException): string {
    if (error.reason === "the stream contains non-printable characters" && error.mark) {
        // js-yaml's mark for this one is past the scalar that holds the character,
        // sometimes by a line: the character is the last such one before it.
        const ats = [...text.matchAll(NON_PRINTABLE)]
            // The pattern takes the character before a lone low surrogate with it.
            .map((found) => found.index + found[0].length - 1)
            .filter((at) => at < error.mark.position);
        const at = ats.pop();
        if (at !== undefined) {
            const before = text.slice(0, at).split(/\r?\n|\r/);
            const code = text.charCodeAt(at).toString(16).toUpperCase().padStart(4, "0");
            return (
                `${name} is not valid YAML: it contains the non-printable character U+${code}, ` +
                `at line ${before.length}, column ${before[before.length - 1].length + 1}.`
            );
        }
    }
    if (!error.mark) {
        const line = secondDocumentLine(text);
        return `${name} is not valid YAML: ${error.reason}${line === undefined ? "" : `, at line ${line}`}.`;
    }
    const { line, column, position, snippet } = error.mark;
    const shown = snippet ? `:\n${printable(snippet)}` : ".";
    if (position >= text.length) {
        // js-yaml reads the text with a line break added, and places an early end after it.
        return `${name} is not valid YAML: ${error.reason}, at line ${text.split(/\r?\n|\r/).length}, the end of the file${shown}`;
    }
    return `${name} is not valid YAML: ${error.reason}, at line ${line + 1}, column ${column + 1}${shown}`;
}

/**
 * The line (from 1) where a stream's second YAML document starts: the first
 * line by which the stream holds two. (Parsing each longer start again is
 * quadratic, but only for a file already refused, and stack files are short.)
 */
function secondDocumentLine(text: string): number | undefined {
    const lines = text.split(/(?<=\r\n|\r(?!\n)|\n)/);
    for (let line = 1; line <= lines.length && text.length < 100_000; line++) {
        let documents = 0;
        try {
            yaml.loadAll(lines.slice(0, line).join(""), () => documents++, { schema: YAML_SCHEMA });
        } catch {
            continue;
        }
        if (documents > 1) {
            return line;
        }
    }
    return undefined;
}

/** Text with its control characters (but for line breaks) escaped, so a message cannot garble a terminal. */
function printable(text: string): string {
    // eslint-disable-next-line no-control-regex
    return text.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, (character) =>
        JSON.stringify(character).slice(1, -1),
    );
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

function isMapping(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
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

function isSecure(value: unknown): boolean {
    return typeof value === "object" && value !== null && "secure" in value;
}

/**
 * The CLI hands every config value to the program as text: a key without a
 * value as "", maps and lists as JSON. A value YAML's aliases make endless, or
 * part of itself, is refused by its key.
 */
function asConfigText(key: string, value: unknown, file: string): string {
    if (value === null || value === undefined) {
        return "";
    }
    if (typeof value === "string") {
        return value;
    }
    if (typeof value === "number" || typeof value === "boolean") {
        return String(value);
    }
    let count = 0;
    const ancestors = new Set<object>();
    const expand = (node: unknown): unknown => {
        if (++count > MAX_VALUES) {
            throw new StackFileError(
                `${file}: ${key} holds more than ${MAX_VALUES.toLocaleString("en-US")} values once its YAML aliases are expanded; write it out without them.`,
            );
        }
        if (typeof node !== "object" || node === null) {
            return node;
        }
        if (ancestors.has(node)) {
            throw new StackFileError(`${file}: ${key} contains itself, through a YAML alias inside its own anchor.`);
        }
        ancestors.add(node);
        const copy = Array.isArray(node)
            ? node.map(expand)
            : Object.fromEntries(Object.entries(node).map(([name, inner]) => [name, expand(inner)]));
        ancestors.delete(node);
        return copy;
    };
    return JSON.stringify(expand(value));
}
