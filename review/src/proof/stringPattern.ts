// The patterns IAM matches strings against, as finite automata over
// characters: the globs of Action, Resource and String...Like (`*` any run,
// `?` one character), exact values, ARN patterns matched part by part, and the
// ARN templates of AWS's resource types. Each is a regular language, so which
// combinations of them a string can satisfy can be decided exactly
// (stringClasses.ts), with no string solver.

/** One position of a pattern: a character from a set, any one character, or any run of characters. */
export type PatternToken =
    | { readonly kind: "char"; readonly chars: string }
    | { readonly kind: "any"; readonly except: string }
    | { readonly kind: "star"; readonly except: string };

/** A regular language of strings: the union of token sequences. */
export interface StringPattern {
    /** How a person reads it, e.g. `arn:aws:s3:::example-bucket/Exports/*`. */
    readonly text: string;
    readonly alternatives: readonly (readonly PatternToken[])[];
}

/** The policy variables that stand for one literal character: `${*}`, `${?}`, `${$}`. */
const ESCAPES: Readonly<Record<string, string>> = { "${*}": "*", "${?}": "?", "${$}": "$" };

/** A policy variable other than the three escapes, e.g. `${aws:username}`: outside what the proof decides. */
export function policyVariableIn(text: string): string | undefined {
    return [...text.matchAll(/\$\{[^}]*\}/g)].map((match) => match[0]).find((variable) => !(variable in ESCAPES));
}

/** The characters of `text`, the three escapes each read as its one character. */
function literalCharacters(text: string): string[] {
    const characters: string[] = [];
    for (let index = 0; index < text.length; index++) {
        const escape = Object.keys(ESCAPES).find((candidate) => text.startsWith(candidate, index));
        if (escape) {
            characters.push(ESCAPES[escape]);
            index += escape.length - 1;
        } else {
            characters.push(text[index]);
        }
    }
    return characters;
}

function charToken(character: string, ignoreCase: boolean): PatternToken {
    const lower = character.toLowerCase();
    const upper = character.toUpperCase();
    return { kind: "char", chars: ignoreCase && lower !== upper ? `${lower}${upper}` : character };
}

/** Tokens of a glob: `*` and `?` are wildcards that never match a character of `except`; escapes are literal. */
function globTokens(
    text: string,
    options: { ignoreCase: boolean; wildcards: boolean; except?: string },
): PatternToken[] {
    const tokens: PatternToken[] = [];
    const except = options.except ?? "";
    for (let index = 0; index < text.length; index++) {
        const escape = Object.keys(ESCAPES).find((candidate) => text.startsWith(candidate, index));
        if (escape) {
            tokens.push(charToken(ESCAPES[escape], options.ignoreCase));
            index += escape.length - 1;
        } else if (options.wildcards && text[index] === "*") {
            tokens.push({ kind: "star", except });
        } else if (options.wildcards && text[index] === "?") {
            tokens.push({ kind: "any", except });
        } else {
            tokens.push(charToken(text[index], options.ignoreCase));
        }
    }
    return tokens;
}

/** An exact value, as StringEquals (or, ignoring case, StringEqualsIgnoreCase and Bool) compares it. */
export function exactPattern(text: string, ignoreCase = false): StringPattern {
    return { text, alternatives: [globTokens(text, { ignoreCase, wildcards: false })] };
}

/** A glob, as StringLike and the action part of Action match it: `*` any run, `?` any one character. */
export function globPattern(text: string, ignoreCase = false): StringPattern {
    return { text, alternatives: [globTokens(text, { ignoreCase, wildcards: true })] };
}

/** Every string: `Resource: "*"`, `Principal: "*"`. */
export const ANY_STRING: StringPattern = { text: "*", alternatives: [[{ kind: "star", except: "" }]] };

/**
 * An ARN pattern matched part by part, as IAM matches Resource and ArnLike:
 * the partition, service, region and account are each matched on their own,
 * so a wildcard there never crosses a `:`; the resource part, the rest, may
 * hold colons. `ignoreCaseOfParts` makes those four parts match regardless of
 * case, as the evaluator does for Resource. A pattern of fewer than six parts
 * has the missing ones as `*` when `expandShort` (identity policies); without
 * it, it matches nothing but itself (returns undefined: not an ARN pattern).
 */
export function arnPattern(
    text: string,
    options: { ignoreCaseOfParts?: boolean; expandShort?: boolean } = {},
): StringPattern | undefined {
    const parts = text.split(":");
    if (parts.length < 6) {
        if (!options.expandShort || parts[0] !== "arn") {
            return undefined;
        }
        while (parts.length < 6) {
            parts.push("*");
        }
    }
    const [, partition, service, region, account] = parts;
    const resource = parts.slice(5).join(":");
    const tokens: PatternToken[] = [...globTokens("arn:", { ignoreCase: false, wildcards: false })];
    for (const part of [partition, service, region, account]) {
        tokens.push(
            ...globTokens(part, { ignoreCase: options.ignoreCaseOfParts ?? false, wildcards: true, except: ":" }),
        );
        tokens.push(charToken(":", false));
    }
    tokens.push(...globTokens(resource, { ignoreCase: false, wildcards: true }));
    return { text, alternatives: [tokens] };
}

/**
 * The ARN template of a resource type in AWS's catalogue, e.g.
 * `arn:${Partition}:s3:::${BucketName}/${ObjectName}`: each placeholder is
 * one or more characters, none of them a `:` in the partition, service,
 * region and account parts, and a bucket name has no `/` either, as S3's
 * naming rules say (the evaluator's reading would let a placeholder hold
 * anything, which no real ARN does).
 */
export function templatePattern(template: string): StringPattern {
    const tokens: PatternToken[] = [];
    let colons = 0;
    for (const piece of template.split(/(\$\{[^}]*\})/)) {
        if (/^\$\{[^}]*\}$/.test(piece)) {
            const except = piece === "${BucketName}" ? ":/" : colons < 5 ? ":" : "";
            tokens.push({ kind: "any", except }, { kind: "star", except });
        } else {
            tokens.push(...piece.split("").map((character) => charToken(character, false)));
            colons += piece.split(":").length - 1;
        }
    }
    return { text: template, alternatives: [tokens] };
}

/** The union of several patterns, read as `text`. */
export function unionPattern(text: string, patterns: readonly StringPattern[]): StringPattern {
    return { text, alternatives: patterns.flatMap((pattern) => pattern.alternatives) };
}

/** A sequence of patterns' single alternatives, for building formats such as `<12 digits>`. */
export function sequencePattern(text: string, pieces: readonly (readonly PatternToken[])[]): StringPattern {
    return { text, alternatives: [pieces.flat()] };
}

/** `count` digits. */
export function digitTokens(count: number): PatternToken[] {
    return Array.from({ length: count }, () => ({ kind: "char", chars: "0123456789" }) as const);
}

/** Literal text as tokens. */
export function literalTokens(text: string): PatternToken[] {
    return literalCharacters(text).map((character) => charToken(character, false));
}

/** One or more characters, none of `except`. */
export function someTokens(except = ""): PatternToken[] {
    return [
        { kind: "any", except },
        { kind: "star", except },
    ];
}

// ---- Matching, by the set of positions a prefix can reach ----------------------------------

/** A state of a pattern's automaton: the positions (alternative, token index) a prefix can be at, sorted. */
export type PatternState = readonly number[];

const POSITION_BASE = 1 << 16;

/** The positions reached without reading: a `star` may match nothing. */
function closure(pattern: StringPattern, positions: Iterable<number>): number[] {
    const reached = new Set<number>();
    const stack = [...positions];
    while (stack.length > 0) {
        const position = stack.pop()!;
        if (reached.has(position)) {
            continue;
        }
        reached.add(position);
        const alternative = pattern.alternatives[Math.floor(position / POSITION_BASE)];
        const token = alternative[position % POSITION_BASE];
        if (token?.kind === "star") {
            stack.push(position + 1);
        }
    }
    return [...reached].sort((a, b) => a - b);
}

/** The state before any character is read. */
export function startState(pattern: StringPattern): PatternState {
    return closure(
        pattern,
        pattern.alternatives.map((_, index) => index * POSITION_BASE),
    );
}

/** The state after reading `character`; empty when no string with this prefix can match. */
export function nextState(pattern: StringPattern, state: PatternState, character: string): PatternState {
    const next: number[] = [];
    for (const position of state) {
        const token = pattern.alternatives[Math.floor(position / POSITION_BASE)][position % POSITION_BASE];
        if (token === undefined) {
            continue;
        }
        if (token.kind === "char" ? token.chars.includes(character) : !token.except.includes(character)) {
            next.push(token.kind === "star" ? position : position + 1);
        }
    }
    return closure(pattern, next);
}

/** Whether the string read so far is in the pattern's language. */
export function isAccepting(pattern: StringPattern, state: PatternState): boolean {
    return state.some(
        (position) => position % POSITION_BASE === pattern.alternatives[Math.floor(position / POSITION_BASE)].length,
    );
}

/** Whether `value` is in the pattern's language. */
export function matchesPattern(pattern: StringPattern, value: string): boolean {
    let state = startState(pattern);
    for (let index = 0; index < value.length; index++) {
        state = nextState(pattern, state, value[index]);
        if (state.length === 0) {
            return false;
        }
    }
    return isAccepting(pattern, state);
}

/** Every character a pattern names, in a literal, a class or an exception. */
export function charactersOf(pattern: StringPattern): Set<string> {
    const characters = new Set<string>();
    for (const token of pattern.alternatives.flat()) {
        for (const character of token.kind === "char" ? token.chars : token.except) {
            characters.add(character);
        }
    }
    return characters;
}
