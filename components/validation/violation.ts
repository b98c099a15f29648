/**
 * What a rule says about one bad value, and how a whole list of them is shown
 * to a person: one line per problem, naming the key, showing the value, giving
 * the rule and, where there is an obvious one, the fix.
 */

/** A broken rule: what is wrong, and how to put it right if that is obvious. */
export interface Violation {
    /** What is wrong, phrased to follow the value, e.g. `must be 12 digits`. */
    readonly rule: string;
    /** The fix, phrased as an instruction, e.g. `give the bucket name, e.g. my-bucket`. */
    readonly fix?: string;
}

/** A rule for one value: a violation, or `undefined` when the value is fine. */
export type Rule = (value: unknown) => Violation | undefined;

/** A violation pinned to the key or argument that carries the value. */
export interface Problem extends Violation {
    /** The key or argument as the user wrote it, e.g. `pinpoint-export:bucket` or `bucket`. */
    readonly key: string;
    /** The offending value; a secret's value is not kept, and shows as `[secret]` in messages. */
    readonly value: unknown;
}

const MAX_SHOWN = 80;

/** Stands for a value that is a secret: messages show `[secret]` instead. */
export const SECRET_VALUE: unique symbol = Symbol("secret value");

/**
 * The problems, with the values of those whose key `isSecret` hidden, and
 * their fixes too, which often quote a corrected value.
 */
export function hideSecretValues(problems: readonly Problem[], isSecret: (key: string) => boolean): Problem[] {
    return problems.map((problem) =>
        isSecret(problem.key) ? { key: problem.key, value: SECRET_VALUE, rule: problem.rule } : problem,
    );
}

/** A value as it appears in a message: strings quoted and escaped, long ones cut, secrets hidden. */
export function showValue(value: unknown): string {
    if (value === SECRET_VALUE) {
        return "[secret]";
    }
    const text = value === undefined ? "undefined" : JSON.stringify(value);
    return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}… (${text.length} characters)` : text;
}

/** One problem as a sentence: key, value, rule and fix. */
export function describeProblem(problem: Problem): string {
    return (
        `${problem.key}: ${showValue(problem.value)} ${problem.rule}.` +
        (problem.fix ? ` Fix: ${problem.fix}${/[.?!]$/.test(problem.fix) ? "" : "."}` : "")
    );
}

/** One line per problem under a heading, e.g. for an error message. */
export function formatProblems(heading: string, problems: readonly Problem[]): string {
    return [heading, ...problems.map((problem) => `  - ${describeProblem(problem)}`)].join("\n");
}

/** A violation for a value of the wrong type. */
export function wrongType(expected: string): Violation {
    return { rule: `is not ${expected}` };
}
