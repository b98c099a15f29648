import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { UNKNOWN } from "../review/src/diff/wireValues";
import { nearestKey } from "../program/nearestKey";
import { CONFIG_NAMESPACE, readStackSettings } from "../program/stackSettings";
import { ExportRoleInputError } from "../components/exportRoleInputError";
import { describeProblem } from "../components/validation/violation";
import { SETTING_RULES } from "../components/validation/exportRoleProblems";
import { CliScalar, cliKeyText, cliScalarText, describeScalar, resolvePlainScalar } from "./cliYamlScalars";

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

/** A problem with the project or stack files themselves. */
export class StackFileError extends Error {}

/**
 * A plain (unquoted) scalar that go-yaml v3, the CLI's YAML decoder, reads as
 * something other than text: null, a boolean, a number or a timestamp. A
 * mapping key made of one is named by its text after a NUL, which YAML text
 * cannot hold, so that it can be told from a key that is text.
 */
class PlainScalar {
    constructor(
        readonly source: string,
        readonly resolved: CliScalar,
        /** Whether an explicit tag (`!!int 0755`) asked for it: then it is read as asked, never a surprise. */
        readonly tagged = false,
    ) {}
    get [Symbol.toStringTag](): string {
        return "PlainScalar";
    }
    toString(): string {
        return `${NOT_TEXT_KEY}${this.source}`;
    }
}
const NOT_TEXT_KEY = "\u0000";

// Stack files are read with js-yaml, which resolves plain scalars by the rules
// of go-yaml v3 (plan/cliYamlScalars.ts), as the CLI does, and keeps quoted ones
// as text. `<<` merge keys work, as in the CLI. Explicit tags the CLI knows
// (!!str, !!int, !!float, !!bool, !!null) are read as go-yaml reads them.
// (@types/js-yaml leaves out js-yaml's `types`.)
const { merge } = (yaml as unknown as { types: { merge: yaml.Type } }).types;
const plainScalar = new yaml.Type("tag:yaml.org,2002:plain", {
    kind: "scalar",
    resolve: (text: string) => resolvePlainScalar(text).kind !== "str",
    construct: (text: string) => new PlainScalar(text, resolvePlainScalar(text)),
    instanceOf: PlainScalar,
});
/** An explicitly tagged scalar, read as go-yaml reads it: refused unless it resolves to one of `kinds`. */
const taggedScalar = (tag: string, kinds: readonly CliScalar["kind"][]) =>
    new yaml.Type(`tag:yaml.org,2002:${tag}`, {
        kind: "scalar",
        resolve: (text: string | null) => kinds.includes(resolvePlainScalar(text ?? "").kind),
        construct: (text: string | null) => {
            const resolved = resolvePlainScalar(text ?? "");
            // go-yaml makes an int tagged !!float a float.
            return new PlainScalar(
                text ?? "",
                resolved.kind === "int" && tag === "float"
                    ? { kind: "float", value: Number(resolved.value) }
                    : resolved,
                true,
            );
        },
    });
const YAML_SCHEMA = yaml.FAILSAFE_SCHEMA.extend({
    implicit: [merge, plainScalar],
    explicit: [
        taggedScalar("int", ["int"]),
        taggedScalar("float", ["float", "int"]),
        taggedScalar("bool", ["bool"]),
        taggedScalar("null", ["null"]),
    ],
});

/** The characters YAML does not allow in a stream, as js-yaml finds them. */
const NON_PRINTABLE =
    // eslint-disable-next-line no-control-regex
    /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/g;

/** The most values a config value may hold once YAML's aliases are expanded. */
const MAX_VALUES = 10_000;

/** The keys the stack program reads: its settings, and the AWS provider's region. */
const PROGRAM_KEYS: readonly string[] = [
    ...Object.keys(SETTING_RULES).map((setting) => `${CONFIG_NAMESPACE}:${setting}`),
    "aws:region",
];

/** A config value as the CLI holds it: its text for the program, and whether it is (or holds) a secret. */
interface CliValue {
    readonly text: string;
    readonly secret: boolean;
}

/** A value the CLI reads otherwise than it is written, for the refusal that says how to write it. */
interface Misreading {
    /** The key as the file writes it, with the path inside a map, e.g. `pinpoint-export:tags.cost`. */
    readonly key: string;
    /** The fully qualified key whose value it is (or is inside). */
    readonly qualified: string;
    readonly source: string;
    readonly resolved: CliScalar;
    /** How to write it so that the CLI reads what is written, e.g. `"0755"` or `7200`. */
    readonly fix: string;
    /** Whether it is a mapping key (`tags: {0755: x}`) rather than a value. */
    readonly isKey?: boolean;
}

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
    // With an ESC environment, what the stack file does not set may come from it (a map, such
    // as tags, may gain entries from it too): the plan cannot see those values.
    const unseenKeys =
        environments.length === 0
            ? []
            : PROGRAM_KEYS.filter((key) => !written.has(key) || key === `${CONFIG_NAMESPACE}:tags`);
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
 * The values of a key the CLI reads otherwise than they are written: text
 * that YAML decodes as a number, a boolean or a date, and the CLI hands the
 * program as other text (an unquoted 0755 as 493). For a key declared
 * `type: integer`, only a number written with a leading zero, which YAML
 * reads as octal or drops. Null is not one: the CLI hands it on as "".
 */
function misreadings(key: string, qualified: string, value: unknown, declaredType: unknown): Misreading[] {
    const found: Misreading[] = [];
    const visit = (node: unknown, at: string, top: boolean) => {
        if (node instanceof PlainScalar) {
            const { source, resolved, tagged } = node;
            if (tagged || resolved.kind === "null" || cliScalarText(resolved) === source) {
                return;
            }
            if (top && declaredType === "integer") {
                const digits = /^([-+]?)0+([0-9]+)$/.exec(source.replace(/_/g, ""));
                if (digits) {
                    found.push({ key: at, qualified, source, resolved, fix: `${digits[1]}${digits[2]}` });
                }
                return;
            }
            found.push({ key: at, qualified, source, resolved, fix: JSON.stringify(source) });
        } else if (typeof node === "object" && node !== null && !Array.isArray(node)) {
            for (const [inner, innerValue] of Object.entries(node)) {
                const name = keyText(inner);
                const source = inner.slice(NOT_TEXT_KEY.length);
                if (inner.startsWith(NOT_TEXT_KEY) && name !== source) {
                    const resolved = resolvePlainScalar(source);
                    found.push({
                        key: `${at}.${source}`,
                        qualified,
                        source,
                        resolved,
                        fix: JSON.stringify(source),
                        isKey: true,
                    });
                }
                visit(innerValue, `${at}.${name}`, false);
            }
        }
    };
    visit(value, key, true);
    return found;
}

/**
 * The problems the program would find with the values written as each fix
 * suggests, by key: a fix is only a fix if the value it gives passes the
 * rules (an unquoted 0x1F accountId, quoted, is still no account id).
 */
function writtenAsFixed(
    config: Readonly<Record<string, string>>,
    misread: readonly Misreading[],
    stack: string,
): Map<string, string> {
    const fixed = { ...config };
    for (const { key, qualified, fix } of misread) {
        // A top-level value; one inside a map (a tag) the rules check with the rest of the map.
        if (!key.slice(key.indexOf(":") + 1).includes(".")) {
            fixed[qualified] = fix.startsWith('"') ? (JSON.parse(fix) as string) : fix;
        }
    }
    try {
        readStackSettings(fixed, stack);
        return new Map();
    } catch (error) {
        if (error instanceof ExportRoleInputError) {
            return new Map(error.problems.map((problem) => [problem.key, describeProblem(problem)]));
        }
        throw error;
    }
}

/** The refusal of values the CLI would read otherwise than they are written, with how to write each. */
function misreadingMessage(
    file: string,
    misread: readonly Misreading[],
    problemsOfFixes: ReadonlyMap<string, string>,
): string {
    const lines = misread.map(({ key, source, resolved, fix, isKey }) => {
        const name = key.slice(key.lastIndexOf(".") + 1);
        const why =
            /^[-+]?0[0-9_]+$/.test(source) && resolved.kind === "int"
                ? "YAML reads a leading zero as octal"
                : /^[-+]?0[0-9_]+(\.|$)/.test(source)
                  ? "YAML reads it as a number, without its leading zero"
                  : `YAML reads it as ${describeScalar(resolved)}`;
        const problem = problemsOfFixes.get(key);
        if (isKey) {
            return (
                `  - ${key}: the key ${source} reaches the program as ${JSON.stringify(cliKeyText(resolved))}, not as ` +
                `written: ${why}. Fix: write \`${fix}: …\`.`
            );
        }
        return (
            `  - ${key}: ${source} reaches the program as ${JSON.stringify(cliScalarText(resolved))}, not as written: ` +
            `${why}. Fix: write \`${name}: ${fix}\`` +
            (problem === undefined ? "." : `. Written so, it still breaks a rule: ${problem}`)
        );
    });
    return [
        `${file} has ${misread.length === 1 ? "a value" : "values"} that the Pulumi CLI reads otherwise than written ` +
            "(it decodes stack files with go-yaml; unquoted numbers, booleans and dates are not text):",
        ...lines,
    ].join("\n");
}

/**
 * The refusal of a config key that YAML reads as a number, a boolean, null or
 * a date: the CLI reads it as other text, which is not a key of the form
 * `<namespace>:<name>` (an unquoted 0755 is "493"), and refuses the file.
 */
function notTextKeyMessage(file: string, key: string): string {
    const source = key.slice(NOT_TEXT_KEY.length);
    const resolved = resolvePlainScalar(source);
    return (
        `${file}: the config key ${source} is ${describeScalar(resolved)} to YAML, not text, and the Pulumi CLI refuses ` +
        `it ("could not parse ${cliKeyText(resolved)} as a configuration key"). Fix: write it as ` +
        `<namespace>:<name>, e.g. ${CONFIG_NAMESPACE}:folder.`
    );
}

/** The ESC environments a stack file's `environment:` imports: a list of names, or an inline definition. */
function environmentsOf(document: unknown, file: string): string[] {
    const environment = isMapping(document) ? document.environment : undefined;
    if (environment === undefined || environment === null) {
        return [];
    }
    const names = (list: unknown[]) =>
        list.map((item) =>
            typeof item === "string" ? item : isMapping(item) ? Object.keys(item).join(", ") : JSON.stringify(item),
        );
    if (Array.isArray(environment)) {
        return names(environment);
    }
    if (isMapping(environment)) {
        const imports = Array.isArray(environment.imports) ? names(environment.imports) : [];
        return environment.values === undefined ? imports : [...imports, `the inline environment of ${file}`];
    }
    return [typeof environment === "string" ? environment : `the environment of ${file}`];
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

function readYaml(file: string): unknown {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (error) {
        throw new StackFileError(`${path.basename(file)} cannot be read: ${(error as Error).message}`);
    }
    try {
        return yaml.load(text, { schema: YAML_SCHEMA });
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

/** Pulumi's form of an encrypted value: a mapping whose one key, `secure`, holds the ciphertext as text. */
function isSecure(value: unknown): boolean {
    return isMapping(value) && Object.keys(value).length === 1 && typeof value.secure === "string";
}

/**
 * A config value as the CLI hands it to the program: a key without a value as
 * "", text as it is, other scalars as Go's JSON writes them, maps and lists as
 * JSON (keys sorted, as Go sorts them), and whether it is or holds a secret.
 * What the CLI itself refuses is refused by its key: a value that is NaN or
 * infinite (JSON has neither), a mapping key that is not text, and a value
 * YAML's aliases make endless or part of itself.
 */
function cliValue(key: string, value: unknown, file: string): CliValue {
    if (value === null || value === undefined) {
        return { text: "", secret: false };
    }
    if (typeof value === "string") {
        return { text: value, secret: false };
    }
    if (value instanceof PlainScalar) {
        return { text: scalarText(key, value, file), secret: false };
    }
    if (isSecure(value)) {
        return { text: UNKNOWN, secret: true };
    }
    let count = 0;
    let secret = false;
    const ancestors = new Set<object>();
    const json = (node: unknown, at: string): string => {
        if (++count > MAX_VALUES) {
            throw new StackFileError(
                `${file}: ${key} holds more than ${MAX_VALUES.toLocaleString("en-US")} values once its YAML aliases are expanded; write it out without them.`,
            );
        }
        if (node === null || node === undefined) {
            return "null";
        }
        if (typeof node === "string") {
            return JSON.stringify(node);
        }
        if (node instanceof PlainScalar) {
            return node.resolved.kind === "null" || node.resolved.kind === "int" || node.resolved.kind === "float"
                ? scalarText(at, node, file) || "null"
                : node.resolved.kind === "bool"
                  ? String(node.resolved.value)
                  : JSON.stringify(scalarText(at, node, file));
        }
        if (isSecure(node)) {
            secret = true;
            return JSON.stringify(UNKNOWN);
        }
        const object = node;
        if (ancestors.has(object)) {
            throw new StackFileError(`${file}: ${key} contains itself, through a YAML alias inside its own anchor.`);
        }
        ancestors.add(object);
        let text: string;
        if (Array.isArray(object)) {
            text = `[${object.map((inner, index) => json(inner, `${at}[${index}]`)).join(",")}]`;
        } else {
            const entries = Object.entries(object);
            // A key that is not text is the text Go prints for it, and the keys sorted as Go sorts them.
            const named = entries
                .map(([name, inner]): [string, unknown] => [keyText(name), inner])
                .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
            text = `{${named.map(([name, inner]) => `${JSON.stringify(name)}:${json(inner, `${at}.${name}`)}`).join(",")}}`;
        }
        ancestors.delete(object);
        return text;
    };
    const text = json(value, key);
    return secret ? { text: UNKNOWN, secret } : { text, secret };
}

/** A mapping key inside a config value as the CLI names it: a key that is not text, as Go prints it. */
function keyText(name: string): string {
    return name.startsWith(NOT_TEXT_KEY) ? cliKeyText(resolvePlainScalar(name.slice(NOT_TEXT_KEY.length))) : name;
}

/** A plain scalar's text for the program; a NaN or an infinity, which the CLI cannot turn into JSON, is refused. */
function scalarText(key: string, scalar: PlainScalar, file: string): string {
    const text = cliScalarText(scalar.resolved);
    if (text === undefined) {
        throw new StackFileError(
            `${file}: ${key}: ${scalar.source} is ${describeScalar(scalar.resolved)} to YAML, which the Pulumi CLI ` +
                `cannot hand a program (JSON has no NaN or infinity), so it refuses the file. Fix: write it quoted, ` +
                `${JSON.stringify(scalar.source)}, if it is meant as text.`,
        );
    }
    return text;
}
