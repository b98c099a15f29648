// The text the Pulumi CLI hands the program for each config value, as Go's
// encoding/json writes it; what the CLI itself refuses (NaN, a key that is not
// text, endless aliases) is refused here by its key, never handed on.
import { UNKNOWN } from "../review/src/diff/wireValues";
import { cliKeyText, cliScalarText, describeScalar, resolvePlainScalar } from "./cliYamlScalars";
import { StackFileError } from "./stackFileError";
import { NOT_TEXT_KEY, PlainScalar } from "./stackFileYaml";
import { isSecure } from "./unknownSettings";

/** The most values a config value may hold once YAML's aliases are expanded. */
const MAX_VALUES = 10_000;

/** A config value as the CLI holds it: its text for the program, and whether it is (or holds) a secret. */
export interface CliValue {
    readonly text: string;
    readonly secret: boolean;
}

/**
 * A config value as the CLI hands it to the program: a key without a value as
 * "", text as it is, other scalars as Go's JSON writes them, maps and lists as
 * JSON (keys sorted, as Go sorts them), and whether it is or holds a secret.
 * What the CLI itself refuses is refused by its key: a value that is NaN or
 * infinite (JSON has neither), a mapping key that is not text, and a value
 * YAML's aliases make endless or part of itself.
 */
export function cliValue(key: string, value: unknown, file: string): CliValue {
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
export function keyText(name: string): string {
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
