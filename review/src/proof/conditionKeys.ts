// The variables of the condition keys the policies name. A key's value is
// either absent, or one of the string classes of the values the policies
// compare it with (stringClasses.ts), or, for a key compared as a number, a
// point between or at the thresholds they name. Which values a test accepts
// is iamSemantics.ts.
import { conditionKeyType } from "./actionCatalog";
import { parseIamDate, requestDate } from "./dateValues";
import { IpRange, ipIntervals, parseCidr } from "./ipRanges";
import { conditionPattern, conditionPatternKey, patternMode } from "./iamSemantics";
import { OutsideFragmentError } from "./outsideFragment";
import { ConditionTest, ParsedStatement } from "./policyStatements";
import { ClassLimitError, stringClasses, StringClass } from "./stringClasses";
import { hasVariable, withWildcards } from "./policyVariables";
import { globPattern, StringPattern } from "./stringPattern";

/** One value of a condition key's variable. */
export type KeyValue =
    | { readonly kind: "absent" }
    | { readonly kind: "string"; readonly witness: string; readonly inside: readonly boolean[] }
    | { readonly kind: "number"; readonly witness: string; readonly number: number }
    /** A multi-valued key's set of values: one of each string class it holds (`members`: their `inside`). */
    | {
          readonly kind: "set";
          readonly witness: readonly string[];
          readonly members: readonly (readonly boolean[])[];
      };

/** A condition key's variable. */
export interface KeyVariable {
    /** As the first policy that names it writes it. */
    readonly key: string;
    readonly patterns: readonly StringPattern[];
    /** The index in `patterns` of each value a test compares with, under `conditionPatternKey`. */
    readonly patternIndex: ReadonlyMap<string, number>;
    /** Value 0 is always `absent`. */
    readonly values: readonly KeyValue[];
    /** Whether the key is compared as a number (dates too, as milliseconds since the epoch). */
    readonly numeric: boolean;
    /** What a number or a class of the key stands for, when not a plain number or string: a date, or an address. */
    readonly compared?: "date" | "ip";
    /**
     * Whether the key is multi-valued (`aws:TagKeys`), compared by `ForAnyValue:` and `ForAllValues:`: its
     * values are then sets, each as the string classes it holds a value of, which is all a test can tell.
     */
    readonly multiValued?: boolean;
}

/** The keys the statements test, lower-cased (IAM compares keys case aside), each as first written. */
export function conditionKeyNames(statements: readonly ParsedStatement[]): Map<string, string> {
    const names = new Map<string, string>();
    for (const test of statements.flatMap((s) => s.conditions)) {
        if (!names.has(test.key.toLowerCase())) {
            names.set(test.key.toLowerCase(), test.key);
        }
    }
    return names;
}

/** Each key's variable, in the order of `names`. */
export async function conditionKeyVariables(
    names: ReadonlyMap<string, string>,
    statements: readonly ParsedStatement[],
): Promise<KeyVariable[]> {
    const keys: KeyVariable[] = [];
    for (const [lower, key] of names) {
        keys.push(
            await keyVariable(
                key,
                statements.flatMap((s) => s.conditions).filter((t) => t.key.toLowerCase() === lower),
            ),
        );
    }
    return keys;
}

/** A condition key's variable, from every test of it. */
export async function keyVariable(key: string, tests: readonly ConditionTest[]): Promise<KeyVariable> {
    const type = await conditionKeyType(key);
    const valued = tests.filter((test) => test.base !== "Null");
    const multiValued = type?.startsWith("ArrayOf") === true;
    const plain = valued.find((test) => test.set === undefined);
    if (multiValued && plain) {
        throw new OutsideFragmentError([
            `${key} is a multi-valued key (${type}), compared by ${plain.operator} without a set operator`,
        ]);
    }
    const kinds = new Set(valued.map((test) => comparedAs(test)));
    if (kinds.size > 1) {
        throw new OutsideFragmentError([`${key} is compared both as ${[...kinds].sort().join(" and as ")}`]);
    }
    if (kinds.has("a number")) {
        return numericKeyVariable(key, valued);
    }
    if (kinds.has("a date")) {
        return dateKeyVariable(key, valued);
    }
    if (kinds.has("an address")) {
        return ipKeyVariable(key, valued);
    }
    const patterns: StringPattern[] = [];
    const patternIndex = new Map<string, number>();
    for (const test of valued) {
        for (const value of test.values) {
            const mode = patternMode(test);
            if (!patternIndex.has(conditionPatternKey(mode, value))) {
                patternIndex.set(conditionPatternKey(mode, value), patterns.length);
                // A value with a policy variable: the strings it can stand for, whatever the variable's value.
                patterns.push(
                    hasVariable(value)
                        ? {
                              ...(mode === "arn"
                                  ? conditionPattern("arn", withWildcards(value))
                                  : globPattern(withWildcards(value), mode === "exactIgnoringCase")),
                              text: value,
                          }
                        : conditionPattern(mode, value),
                );
            }
        }
    }
    let classes: StringClass[];
    try {
        classes = stringClasses(patterns);
    } catch (error) {
        if (error instanceof ClassLimitError) {
            throw new OutsideFragmentError([`${key}: ${error.message}`]);
        }
        throw error;
    }
    if (multiValued) {
        return setKeyVariable(key, patterns, patternIndex, classes);
    }
    const trueOrFalse = type === "Bool" && valued.length === 0;
    return {
        key,
        patterns,
        patternIndex,
        numeric: false,
        values: [
            { kind: "absent" },
            ...classes.map((stringClass) => ({
                kind: "string" as const,
                witness: trueOrFalse && stringClass.witness === "" ? "true" : stringClass.witness,
                inside: stringClass.inside,
            })),
        ],
    };
}

/** The most string classes a multi-valued key's sets are made of: 2^n sets. */
const MAX_SET_CLASSES = 8;

/** A multi-valued key: absent, or a set, as the classes it holds a value of (the empty set too). */
function setKeyVariable(
    key: string,
    patterns: StringPattern[],
    patternIndex: Map<string, number>,
    classes: readonly StringClass[],
): KeyVariable {
    if (classes.length > MAX_SET_CLASSES) {
        throw new OutsideFragmentError([
            `${key}: its values fall into ${classes.length} classes, more than the ${MAX_SET_CLASSES} whose every set the proof takes`,
        ]);
    }
    const sets: KeyValue[] = [];
    for (let mask = 0; mask < 1 << classes.length; mask++) {
        const held = classes.filter((_, index) => (mask & (1 << index)) !== 0);
        sets.push({
            kind: "set",
            witness: held.map((stringClass) => stringClass.witness),
            members: held.map((stringClass) => stringClass.inside),
        });
    }
    return { key, patterns, patternIndex, numeric: false, multiValued: true, values: [{ kind: "absent" }, ...sets] };
}

/** How a test compares its key's value: as a number, a date, an address or a string. */
function comparedAs(test: ConditionTest): string {
    return test.base.startsWith("Numeric")
        ? "a number"
        : test.base.startsWith("Date")
          ? "a date"
          : test.base.endsWith("IpAddress")
            ? "an address"
            : "a string";
}

/**
 * A key compared as a date: as a number of milliseconds, with points a second
 * before the first threshold and after the last (a request's time has seconds).
 */
function dateKeyVariable(key: string, tests: readonly ConditionTest[]): KeyVariable {
    const thresholds = [...new Set(tests.flatMap((test) => test.values.map((value) => parseIamDate(value)!)))].sort(
        (a, b) => a - b,
    );
    const points: number[] = [thresholds[0] - 1000];
    thresholds.forEach((threshold, index) => {
        points.push(threshold);
        const next = thresholds[index + 1];
        const between = Math.floor((threshold + next) / 2000) * 1000;
        points.push(
            next === undefined
                ? threshold + 1000
                : between > threshold && between < next
                  ? between
                  : (threshold + next) / 2,
        );
    });
    return {
        key,
        patterns: [],
        patternIndex: new Map(),
        numeric: true,
        compared: "date",
        values: [
            { kind: "absent" },
            ...points.map((number) => ({ kind: "number" as const, witness: requestDate(key, number), number })),
        ],
    };
}

/** A key compared as an address: absent, or one of the intervals the CIDRs split IPv4 and IPv6 into. */
function ipKeyVariable(key: string, tests: readonly ConditionTest[]): KeyVariable {
    const ranges: IpRange[] = [];
    const patternIndex = new Map<string, number>();
    for (const value of tests.flatMap((test) => test.values)) {
        if (!patternIndex.has(conditionPatternKey("ip", value))) {
            patternIndex.set(conditionPatternKey("ip", value), ranges.length);
            ranges.push(parseCidr(value)!);
        }
    }
    return {
        key,
        // Only their text is read, to describe a class: ranges are not string patterns.
        patterns: ranges.map((range) => ({ text: range.text, alternatives: [] })),
        patternIndex,
        numeric: false,
        compared: "ip",
        values: [
            { kind: "absent" },
            ...ipIntervals(ranges).map((interval) => ({
                kind: "string" as const,
                witness: interval.witness,
                inside: interval.inside,
            })),
        ],
    };
}

/** A key compared as a number: absent, not a number, each threshold, and a point below, between and above them. */
function numericKeyVariable(key: string, tests: readonly ConditionTest[]): KeyVariable {
    const thresholds = [...new Set(tests.flatMap((test) => test.values.map(Number)))].sort((a, b) => a - b);
    const numbers: number[] = [thresholds[0] - 1];
    thresholds.forEach((threshold, index) => {
        numbers.push(threshold);
        const next = thresholds[index + 1];
        numbers.push(next === undefined ? threshold + 1 : (threshold + next) / 2);
    });
    return {
        key,
        patterns: [],
        patternIndex: new Map(),
        numeric: true,
        values: [
            { kind: "absent" },
            { kind: "string", witness: "not-a-number", inside: [] },
            ...numbers.map((number) => ({ kind: "number" as const, witness: String(number), number })),
        ],
    };
}
