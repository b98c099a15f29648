// Reads a project or stack file as the Pulumi CLI's go-yaml v3 decoder reads
// it: plain scalars resolved by its rules (plan/cliYamlScalars.ts), quoted ones
// kept as text. A file YAML refuses is refused with the file, line and column.
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { CliScalar, resolvePlainScalar } from "./cliYamlScalars";
import { StackFileError } from "./stackFileError";

/**
 * A plain (unquoted) scalar that go-yaml v3, the CLI's YAML decoder, reads as
 * something other than text: null, a boolean, a number or a timestamp. A
 * mapping key made of one is named by its text after a NUL, which YAML text
 * cannot hold, so that it can be told from a key that is text.
 */
export class PlainScalar {
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
export const NOT_TEXT_KEY = "\u0000";

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

/** A YAML file's one document, read as the CLI reads it. */
export function readYaml(file: string): unknown {
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

/** A YAML mapping (a plain object), not a list or a scalar. */
export function isMapping(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}
