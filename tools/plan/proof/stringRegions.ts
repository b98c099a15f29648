// The regions of one string variable: every combination of "in" and "not
// in" the given patterns that some string satisfies, each with the shortest
// such string. A policy only ever asks whether a value is in one of its
// patterns, so two values of the same region are alike to every policy that
// uses these patterns, and a string variable can be replaced by a choice of
// region. The regions are found exactly, by walking the product of the
// patterns' automata breadth first: every combination a string can reach is
// reached, and first by a shortest string.
import { charactersOf, isAccepting, nextState, PatternState, startState, StringPattern } from "./stringPattern";

/** The strings that are in exactly the patterns `inside` says, and the shortest of them. */
export interface StringRegion {
    /** One entry per pattern, in the patterns' order. */
    readonly inside: readonly boolean[];
    /** The shortest string of the region (of the shortest, the first in the alphabet's order). */
    readonly witness: string;
}

/** The product of the patterns' automata grew past its limit: the variable is too complex to decide. */
export class RegionLimitError extends Error {}

/** The characters a witness is made of when a pattern does not dictate one, most readable first. */
const FILLERS = "xyzqjkwvabcdefghilmnoprstu0123456789-_";

/** Characters a pattern names that make poor witnesses: read last, so that a witness uses them only when it must. */
const LAST = "*?$ ";

/**
 * The regions of a variable tested against `patterns`. Throws
 * {@link RegionLimitError} when the walk passes `maxStates` states.
 */
export function stringRegions(patterns: readonly StringPattern[], maxStates = 40_000): StringRegion[] {
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

    const regions = new Map<string, StringRegion>();
    const seen = new Set<string>();
    let frontier: { states: PatternState[]; text: string }[] = [
        { states: automata.map((automaton) => automaton.start), text: "" },
    ];
    seen.add(productKey(frontier[0].states));
    while (frontier.length > 0) {
        const next: typeof frontier = [];
        for (const { states, text } of frontier) {
            const inside = states.map((state, index) => automata[index].accepts(state));
            const key = inside.map((bit) => (bit ? "1" : "0")).join("");
            if (!regions.has(key)) {
                regions.set(key, { inside, witness: text });
            }
            if (states.every((state, index) => automata[index].isSettled(state))) {
                continue; // no longer string changes any answer
            }
            for (const character of alphabet) {
                const successors = states.map((state, index) => automata[index].next(state, character));
                const successorKey = productKey(successors);
                if (!seen.has(successorKey)) {
                    seen.add(successorKey);
                    if (seen.size > maxStates) {
                        throw new RegionLimitError(
                            `${patterns.length} patterns make more than ${maxStates} combinations to explore`,
                        );
                    }
                    next.push({ states: successors, text: text + character });
                }
            }
        }
        frontier = next;
    }
    return [...regions.values()];
}

/** Lower-case letters, then digits, then the rest, then capitals: `arn:aws:`, not `arn:AWS:`, where case is free. */
function readableFirst(a: string, b: string): number {
    const rank = (character: string) =>
        /[a-z]/.test(character) ? 0 : /[0-9]/.test(character) ? 1 : /[A-Z]/.test(character) ? 3 : 2;
    return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

function productKey(states: readonly PatternState[]): string {
    return states.map((state) => state.join(",")).join("|");
}

/** A pattern's automaton with its transitions remembered. */
class CachedAutomaton {
    readonly start: PatternState;
    private readonly transitions = new Map<string, PatternState>();
    private readonly settled = new Map<string, boolean>();

    constructor(
        private readonly pattern: StringPattern,
        private readonly alphabet: readonly string[],
    ) {
        this.start = this.intern(startState(pattern));
    }

    next(state: PatternState, character: string): PatternState {
        const key = `${state.join(",")}\u0000${character}`;
        let next = this.transitions.get(key);
        if (next === undefined) {
            next = this.intern(nextState(this.pattern, state, character));
            this.transitions.set(key, next);
        }
        return next;
    }

    accepts(state: PatternState): boolean {
        return isAccepting(this.pattern, state);
    }

    /** Whether every character leaves the state as it is (no match possible any more, or every extension matches). */
    isSettled(state: PatternState): boolean {
        const key = state.join(",");
        let settled = this.settled.get(key);
        if (settled === undefined) {
            settled = this.alphabet.every((character) => this.next(state, character).join(",") === key);
            this.settled.set(key, settled);
        }
        return settled;
    }

    private readonly interned = new Map<string, PatternState>();

    private intern(state: PatternState): PatternState {
        const key = state.join(",");
        const known = this.interned.get(key);
        if (known) {
            return known;
        }
        this.interned.set(key, state);
        return state;
    }
}

/**
 * Whether every string of pattern `inner` is in pattern `outer`, read off the
 * regions of a set of patterns that holds both: no region is in one and not
 * the other.
 */
export function isWithin(regions: readonly StringRegion[], inner: number, outer: number): boolean {
    return regions.every((region) => !region.inside[inner] || region.inside[outer]);
}
