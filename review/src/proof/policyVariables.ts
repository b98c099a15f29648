// Policy variables in Resource patterns and condition values:
// `${aws:username}`, `${aws:PrincipalTag/team}`, `${aws:SourceAccount}`, and
// the others of the request's context, with `${key, 'default'}` defaults.
// The value a pattern holds depends on the request, so the proof reads each
// pattern with a variable as a question of its own, "is the resource (or the
// key's value) in this pattern, for the request's value of the variable?":
// a Boolean of the request, which can be true only where the pattern with
// `*` for each variable holds. That is an over-approximation, so "none" is
// proved; a class it finds is kept only once a request with concrete values
// for the variables is found in it, by the same rules, with the policies'
// variables replaced by those values (decideAccess.ts).

/** A variable as a policy writes it. */
export interface PolicyVariable {
    /** The text, e.g. `${aws:username}` or `${aws:PrincipalTag/team, 'none'}`. */
    readonly text: string;
    /** The condition key it reads, as written, e.g. `aws:username`. */
    readonly key: string;
    /** The value when the key is absent, if the policy gives one. */
    readonly fallback?: string;
}

const ESCAPES = new Set(["${*}", "${?}", "${$}"]);

/** The variables of `text`, escapes (`${*}`, `${?}`, `${$}`) aside. */
export function variablesIn(text: string): PolicyVariable[] {
    return [...text.matchAll(/\$\{([^}]*)\}/g)]
        .filter((match) => !ESCAPES.has(match[0]))
        .map((match) => {
            const defaulted = /^\s*([^,\s]+)\s*,\s*'([^']*)'\s*$/.exec(match[1]);
            return defaulted
                ? { text: match[0], key: defaulted[1], fallback: defaulted[2] }
                : { text: match[0], key: match[1].trim() };
        });
}

/** Whether `text` holds a variable, escapes aside. */
export function hasVariable(text: string): boolean {
    return variablesIn(text).length > 0;
}

/** `text` with `*` for each variable: every string the pattern can stand for, whatever the values. */
export function withWildcards(text: string): string {
    let result = text;
    for (const variable of variablesIn(text)) {
        result = result.split(variable.text).join("*");
    }
    return result;
}

/**
 * `text` with each variable replaced by its value in `values` (by key, lower-cased), or its
 * default; undefined when a variable has neither, as IAM then matches nothing.
 */
export function withValues(text: string, values: ReadonlyMap<string, string>): string | undefined {
    let result = text;
    for (const variable of variablesIn(text)) {
        const value = values.get(variable.key.toLowerCase()) ?? variable.fallback;
        if (value === undefined) {
            return undefined;
        }
        result = result.split(variable.text).join(value);
    }
    return result;
}

/**
 * Values for the variables of `pattern` under which it holds `value`, when one variable
 * occurs in it (the pattern's `*` and `?` read as globs); undefined when none is found.
 */
export function valuesMatching(pattern: string, value: string): Map<string, string> | undefined {
    const variables = variablesIn(pattern);
    const keys = [...new Set(variables.map((variable) => variable.key.toLowerCase()))];
    if (keys.length !== 1) {
        return undefined;
    }
    let expression = "";
    let rest = pattern;
    let captured = false;
    while (rest.length > 0) {
        const variable = variables.find((candidate) => rest.startsWith(candidate.text));
        if (variable) {
            expression += captured ? "\\1" : "(.+?)";
            captured = true;
            rest = rest.slice(variable.text.length);
        } else {
            const character = rest[0];
            expression +=
                character === "*" ? ".*" : character === "?" ? "." : character.replace(/[.+^${}()|[\]\\]/g, "\\$&");
            rest = rest.slice(1);
        }
    }
    const found = new RegExp(`^${expression}$`, "s").exec(value);
    return found ? new Map([[keys[0], found[1]]]) : undefined;
}
