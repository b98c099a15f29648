// The variables of the condition keys the policies name. A key's value is
// either absent, or one of the string classes of the values the policies
// compare it with (stringClasses.ts), or, for a key compared as a number, a
// point between or at the thresholds they name. Which values a test accepts
// is iamSemantics.ts.
import { conditionKeyType } from "./actionCatalog";
import { conditionPattern, conditionPatternKey, patternMode } from "./iamSemantics";
import { OutsideFragmentError } from "./outsideFragment";
import { ConditionTest, ParsedStatement } from "./policyStatements";
import { ClassLimitError, stringClasses, StringClass } from "./stringClasses";
import { StringPattern } from "./stringPattern";

/** One value of a condition key's variable. */
export type KeyValue =
    | { readonly kind: "absent" }
    | { readonly kind: "string"; readonly witness: string; readonly inside: readonly boolean[] }
    | { readonly kind: "number"; readonly witness: string; readonly number: number };

/** A condition key's variable. */
export interface KeyVariable {
    /** As the first policy that names it writes it. */
    readonly key: string;
    readonly patterns: readonly StringPattern[];
    /** The index in `patterns` of each value a test compares with, under `conditionPatternKey`. */
    readonly patternIndex: ReadonlyMap<string, number>;
    /** Value 0 is always `absent`. */
    readonly values: readonly KeyValue[];
    /** Whether the key is compared as a number. */
    readonly numeric: boolean;
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
    if (type?.startsWith("ArrayOf") && valued.length > 0) {
        throw new OutsideFragmentError([
            `${key} is a multi-valued key (${type}), compared by ${valued[0].operator} without a set operator`,
        ]);
    }
    const numeric = valued.filter((test) => test.base.startsWith("Numeric"));
    if (numeric.length > 0 && numeric.length < valued.length) {
        throw new OutsideFragmentError([`${key} is compared both as a number and as a string`]);
    }
    if (numeric.length > 0) {
        return numericKeyVariable(key, numeric);
    }
    const patterns: StringPattern[] = [];
    const patternIndex = new Map<string, number>();
    for (const test of valued) {
        for (const value of test.values) {
            const mode = patternMode(test);
            if (!patternIndex.has(conditionPatternKey(mode, value))) {
                patternIndex.set(conditionPatternKey(mode, value), patterns.length);
                patterns.push(conditionPattern(mode, value));
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
