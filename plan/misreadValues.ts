// The values of the program's keys that the CLI reads otherwise than they are
// written (an unquoted 0755 reaches the program as "493"), refused with how to
// write each, and whether the value so written passes the program's rules.
import { ExportRoleInputError } from "../components/exportRoleInputError";
import { describeProblem } from "../components/validation/violation";
import { CONFIG_NAMESPACE, readStackSettings } from "../program/stackSettings";
import { CliScalar, cliKeyText, cliScalarText, describeScalar, resolvePlainScalar } from "./cliYamlScalars";
import { keyText } from "./cliConfigValues";
import { NOT_TEXT_KEY, PlainScalar } from "./stackFileYaml";

/** A value the CLI reads otherwise than it is written, for the refusal that says how to write it. */
export interface Misreading {
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
 * The values of a key the CLI reads otherwise than they are written: text
 * that YAML decodes as a number, a boolean or a date, and the CLI hands the
 * program as other text (an unquoted 0755 as 493). For a key declared
 * `type: integer`, only a number written with a leading zero, which YAML
 * reads as octal or drops. Null is not one: the CLI hands it on as "".
 */
export function misreadings(key: string, qualified: string, value: unknown, declaredType: unknown): Misreading[] {
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
export function writtenAsFixed(
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
export function misreadingMessage(
    file: string,
    misread: readonly Misreading[],
    problemsOfFixes: ReadonlyMap<string, string>,
): string {
    const lines = misread.map(({ key: written, qualified, source, resolved, fix, isKey }) => {
        const name = written.slice(written.lastIndexOf(".") + 1);
        // Named as every other message names a key, with its namespace (`kmsKeyArn` is `pinpoint-export:kmsKeyArn`).
        const key = written.startsWith(qualified)
            ? written
            : `${qualified}${written.includes(".") ? written.slice(written.indexOf(".")) : ""}`;
        const why =
            /^[-+]?0[0-9_]+$/.test(source) && resolved.kind === "int"
                ? "YAML reads a leading zero as octal"
                : /^[-+]?0[0-9_]+(\.|$)/.test(source)
                  ? "YAML reads it as a number, without its leading zero"
                  : `YAML reads it as ${describeScalar(resolved)}`;
        const problem = problemsOfFixes.get(key) ?? problemsOfFixes.get(written);
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
export function notTextKeyMessage(file: string, key: string): string {
    const source = key.slice(NOT_TEXT_KEY.length);
    const resolved = resolvePlainScalar(source);
    return (
        `${file}: the config key ${source} is ${describeScalar(resolved)} to YAML, not text, and the Pulumi CLI refuses ` +
        `it ("could not parse ${cliKeyText(resolved)} as a configuration key"). Fix: write it as ` +
        `<namespace>:<name>, e.g. ${CONFIG_NAMESPACE}:folder.`
    );
}
