// The classes of one string variable: every combination of "in" and "not
// in" the given patterns that some string satisfies, each with the shortest
// such string. A policy only ever asks whether a value is in one of its
// patterns, so two values of the same class are alike to every policy that
// uses these patterns, and a string variable can be replaced by a choice of
// class. The classes are found exactly, by walking the product of the
// patterns' automata breadth first: every combination a string can reach is
// reached, and first by a shortest string. ("Region" means only an AWS region in this project.)
import { charactersOf, isAccepting, nextState, PatternState, startState, StringPattern } from "./stringPattern";

/** The strings that are in exactly the patterns `inside` says, and the shortest of them. */
export interface StringClass {
    /** One entry per pattern, in the patterns' order. */
    readonly inside: readonly boolean[];
    /** The shortest string of the class (of the shortest, the first in the alphabet's order). */
    readonly witness: string;
}

/** The product of the patterns' automata grew past its limit: the variable is too complex to decide. */
export class ClassLimitError extends Error {}

/** The characters a witness is made of when a pattern does not dictate one, most readable first. */
const FILLERS = "xyzqjkwvabcdefghilmnoprstu0123456789-_";

/** Characters a pattern names that make poor witnesses: read last, so that a witness uses them only when it must. */
const LAST = "*?$ ";

/** The classes already found in this process, by their patterns: the plan asks about the same ones often. */
const found = new Map<string, StringClass[]>();

/**
 * The classes of a variable tested against `patterns`. Throws
 * {@link ClassLimitError} when the walk passes `maxStates` states.
 */
export function stringClasses(patterns: readonly StringPattern[], maxStates = 40_000): StringClass[] {
    const key = JSON.stringify([maxStates, patterns.map((pattern) => pattern.alternatives)]);
    let classes = found.get(key);
    if (!classes) {
        classes = walk(patterns, maxStates);
        found.set(key, classes);
    }
    return classes;
}

function walk(patterns: readonly StringPattern[], maxStates: number): StringClass[] {
    const named = new Set<string>();
    for (const pattern of patterns) {
        for (const character of charactersOf(pattern)) {
            named.add(character);
        }
    }
    // Every character no pattern names behaves alike in every pattern: one stands for them all.
    const filler = [...FILLERS].find((character) => !named.has(character)) ?? String.fromCharCode(0x4e00);
    const alphabet = [
        filler,
        ...[...named].filter((character) => !LAST.includes(character)).sort(readableFirst),
        ...[...LAST].filter((character) => named.has(character)),
    ];
    const automata = patterns.map((pattern) => new CachedAutomaton(pattern, alphabet));

    const classes = new Map<string, StringClass>();
    const seen = new Set<string>();
    const start = automata.map((automaton) => automaton.start);
    let frontier: { states: number[]; text: string }[] = [{ states: start, text: "" }];
    seen.add(start.join(","));
    while (frontier.length > 0) {
        const next: typeof frontier = [];
        for (const { states, text } of frontier) {
            const inside = states.map((state, index) => automata[index].accepts(state));
            const key = inside.map((bit) => (bit ? "1" : "0")).join("");
            if (!classes.has(key)) {
                classes.set(key, { inside, witness: text });
            }
            if (states.every((state, index) => automata[index].isSettled(state))) {
                continue; // no longer string changes any answer
            }
            for (let letter = 0; letter < alphabet.length; letter++) {
                const successors = states.map((state, index) => automata[index].next(state, letter));
                const successorKey = successors.join(",");
                if (!seen.has(successorKey)) {
                    seen.add(successorKey);
                    if (seen.size > maxStates) {
                        throw new ClassLimitError(
                            `${patterns.length} patterns make more than ${maxStates} combinations to explore`,
                        );
                    }
                    next.push({ states: successors, text: text + alphabet[letter] });
                }
            }
        }
        frontier = next;
    }
    // A witness reads better with a name after a trailing slash or colon (`Exports/x`, not
    // `Exports/`), where one more character keeps it in its class.
    return [...classes.values()].map((candidate) => {
        if (!/[/:]$/.test(candidate.witness)) {
            return candidate;
        }
        const longer = candidate.witness + filler;
        const inside = automata.map((automaton) => automaton.accepts(automaton.read(longer, alphabet)));
        return inside.every((bit, index) => bit === candidate.inside[index])
            ? { ...candidate, witness: longer }
            : candidate;
    });
}

/** Lower-case letters, then digits, then the rest, then capitals: `arn:aws:`, not `arn:AWS:`, where case is free. */
function readableFirst(a: string, b: string): number {
    const rank = (character: string) =>
        /[a-z]/.test(character) ? 0 : /[0-9]/.test(character) ? 1 : /[A-Z]/.test(character) ? 3 : 2;
    return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** A pattern's automaton over an alphabet, its states numbered and its transitions remembered. */
class CachedAutomaton {
    /** The number of the start state. */
    readonly start: number;
    private readonly states: PatternState[] = [];
    private readonly numbers = new Map<string, number>();
    private readonly transitions: Int32Array[] = [];
    private readonly accepting: boolean[] = [];
    private readonly settled: (boolean | undefined)[] = [];

    constructor(
        private readonly pattern: StringPattern,
        private readonly alphabet: readonly string[],
    ) {
        this.start = this.number(startState(pattern));
    }

    /** The state after reading the alphabet's letter `letter` in state `state`. */
    next(state: number, letter: number): number {
        const row = this.transitions[state];
        let target = row[letter];
        if (target === -1) {
            target = this.number(nextState(this.pattern, this.states[state], this.alphabet[letter]));
            row[letter] = target;
        }
        return target;
    }

    /** The state after reading `text`, every character of which is a letter of `alphabet`. */
    read(text: string, alphabet: readonly string[]): number {
        let state = this.start;
        for (const character of text) {
            state = this.next(state, alphabet.indexOf(character));
        }
        return state;
    }

    accepts(state: number): boolean {
        return this.accepting[state];
    }

    /** Whether every letter leaves the state as it is (no match possible any more, or every extension matches). */
    isSettled(state: number): boolean {
        let settled = this.settled[state];
        if (settled === undefined) {
            settled = this.alphabet.every((_, letter) => this.next(state, letter) === state);
            this.settled[state] = settled;
        }
        return settled;
    }

    private number(state: PatternState): number {
        const key = state.join(",");
        let number = this.numbers.get(key);
        if (number === undefined) {
            number = this.states.length;
            this.numbers.set(key, number);
            this.states.push(state);
            this.transitions.push(new Int32Array(this.alphabet.length).fill(-1));
            this.accepting.push(isAccepting(this.pattern, state));
        }
        return number;
    }
}

/**
 * Whether every string of pattern `inner` is in pattern `outer`, read off the
 * classes of a set of patterns that holds both: no class is in one and not
 * the other.
 */
export function isWithin(classes: readonly StringClass[], inner: number, outer: number): boolean {
    return classes.every((candidate) => !candidate.inside[inner] || candidate.inside[outer]);
}
