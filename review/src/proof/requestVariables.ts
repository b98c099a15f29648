// How an abstract request's variables are numbered in the solver's formulas:
// 0 is the action group, 1 the resource's (or principal's) string class, then
// one variable per condition key, then two per policy of unknown text, then
// one per open reading of IAM (openReadings.ts), then one per pattern that holds
// a policy variable (policyVariables.ts).

/** The variable of the action group. */
export const ACTION = 0;

/** The variable of the resource's (or, for a trust policy, the principal's) string class. */
export const SUBJECT = 1;

/** The variable of the condition key at `keyIndex` among the space's keys. */
export function keyVariableNumber(keyIndex: number): number {
    return 2 + keyIndex;
}

/** The variables of the unknown policy at `unknownIndex`, after the `keyCount` keys': whether it allows, whether it denies. */
export function unknownPolicyVariables(keyCount: number, unknownIndex: number): { allows: number; denies: number } {
    return { allows: 2 + keyCount + 2 * unknownIndex, denies: 3 + keyCount + 2 * unknownIndex };
}

/** The variable of the open reading at `readingIndex`, after the keys' and the unknown policies'. */
export function readingVariable(keyCount: number, unknownCount: number, readingIndex: number): number {
    return 2 + keyCount + 2 * unknownCount + readingIndex;
}

/** The variable of the pattern with a policy variable at `patternIndex`, after every other. */
export function variablePatternVariable(
    keyCount: number,
    unknownCount: number,
    readingCount: number,
    patternIndex: number,
): number {
    return 2 + keyCount + 2 * unknownCount + readingCount + patternIndex;
}
