// IAM's rules for whether a policy applies to a request, as formulas over a
// request space's variables. Every rule the proof encodes is here:
// - deny wins: a request is allowed when a statement allows it and none denies
//   it, in every policy set of a side (its policies, and its boundary);
// - an unknown policy's say is its own two variables, so the proof holds
//   whatever its text;
// - `NotAction`, `NotResource` and `NotPrincipal` match what their lists do not;
// - actions match case aside, the service exactly and the name as a glob;
// - a condition block holds when every test holds; a test holds when any value
//   matches; a negated operator, or `...IfExists`, holds when the key is
//   absent, other operators do not; `Null` asks only whether the key is absent;
// - how each operator compares (patternMode): exactly, case aside, as a glob, or
//   as an ARN; numbers, and dates (dateValues.ts), by their order; addresses by
//   the CIDRs that hold them (ipRanges.ts).
// The patterns themselves (globs, ARNs) are stringPattern.ts; which resources and
// principals a Resource or Principal entry names is subjectPatterns.ts.
import type { KeyValue, KeyVariable } from "./conditionKeys";
import type { ActionTarget } from "./actionCatalog";
import { isResourceTagKey } from "./actionCatalog";
import { and, FALSE, Formula, isIn, not, or, TRUE } from "./formula";
import { parseIamDate } from "./dateValues";
import { ConditionTest, ParsedStatement } from "./policyStatements";
import { hasVariable } from "./policyVariables";
import type { PolicySet, PolicySide, RequestSpace } from "./requestSpace";
import { ACTION, keyVariableNumber, SUBJECT } from "./requestVariables";
import { arnPattern, exactPattern, globPattern, matchesPattern, StringPattern } from "./stringPattern";
import { principalKey, resourceKey } from "./subjectPatterns";

/**
 * The requests `side` allows: allowed by a statement of its policies, denied by none, and so
 * for its boundary. An unknown policy's say is its variables'.
 */
export function allowedBy(space: RequestSpace, side: PolicySide): Formula {
    return and(allowedBySet(space, side), side.boundary ? allowedBySet(space, side.boundary) : TRUE);
}

/** Deny wins: some statement (or unknown policy) allows, and none denies. */
function allowedBySet(space: RequestSpace, set: PolicySet): Formula {
    const statements = set.policies.flatMap((policy) => policy.statements);
    const unknowns = (set.unknown ?? []).map((policy) =>
        space.unknowns.find((unknown) => unknown.policy.id === policy.id)!,
    );
    const matching = (effect: "Allow" | "Deny") =>
        or(
            ...statements.filter((statement) => statement.effect === effect).map((s) => statementMatches(space, s)),
            ...unknowns.map((unknown) => isIn(effect === "Allow" ? unknown.allows : unknown.denies, [1])),
        );
    return and(matching("Allow"), not(matching("Deny")));
}

/** The requests a statement applies to: its action, its resource or principal, and every test of its condition. */
export function statementMatches(space: RequestSpace, statement: ParsedStatement): Formula {
    const actionPatterns = statement.actions.patterns.map((pattern) =>
        space.index.actionPatterns.get(actionKey(pattern))!,
    );
    const groups = space.groups.flatMap((group, index) =>
        actionPatterns.some((pattern) => group.matches[pattern]) ? [index] : [],
    );
    const action = statement.actions.not ? not(isIn(ACTION, groups)) : isIn(ACTION, groups);
    let subject: Formula = TRUE;
    if (statement.resources) {
        // A pattern with a policy variable is its own Boolean of the request (policyVariables.ts).
        const classes = space.classesIn(
            statement.resources.patterns
                .filter((pattern) => !hasVariable(pattern))
                .map((pattern) => space.index.subjectPatterns.get(resourceKey(pattern))!),
        );
        const named = or(
            isIn(SUBJECT, classes),
            ...statement.resources.patterns
                .filter(hasVariable)
                .map((pattern) => isIn(space.variablePatternOf("resource", pattern).variable, [1])),
        );
        subject = statement.resources.not ? not(named) : named;
        // Open reading: an action that takes no resource type (its resource is `*`) is granted by a
        // statement whose Resource names every resource of its service, as `arn:aws:s3:::*` does.
        const untyped = space.readingOf("untypedResource");
        const services = statement.resources.not ? [] : statement.resources.patterns.flatMap(wholeServiceOf);
        if (untyped !== undefined && services.length > 0) {
            const noType = space.groups.flatMap((group, index) =>
                group.noResourceType && services.some((service) => matchesPattern(service, group.targets[0].service))
                    ? [index]
                    : [],
            );
            subject = or(subject, and(isIn(ACTION, noType), isIn(untyped, [1])));
        }
    } else if (statement.principals) {
        subject = isIn(
            SUBJECT,
            space.classesIn(statement.principals.map((entry) => space.index.subjectPatterns.get(principalKey(entry))!)),
        );
        subject = statement.notPrincipal ? not(subject) : subject;
    }
    return and(action, subject, ...statement.conditions.map((test) => conditionHolds(space, test)));
}

/** The service (as a glob) of a Resource pattern that names all its resources, `arn:aws:s3:::*`; none for `*` and others. */
export function wholeServiceOf(pattern: string): StringPattern[] {
    const parts = /^arn:[^:]*:([^:]+):[^:]*:[^:]*:\*$/.exec(pattern);
    return parts ? [globPattern(parts[1], true)] : [];
}

/** The requests for which one condition test holds: `Null`, negated operators and `IfExists` on an absent key included. */
export function conditionHolds(space: RequestSpace, test: ConditionTest): Formula {
    const keyIndex = space.index.keys.get(test.key.toLowerCase())!;
    const variable = keyVariableNumber(keyIndex);
    const key = space.keys[keyIndex];
    const present = key.values.flatMap((_, index) => (index === 0 ? [] : [index]));
    if (test.base === "Null") {
        const holds = new Set<number>();
        if (test.values.includes("true")) {
            holds.add(0);
        }
        if (test.values.includes("false")) {
            present.forEach((index) => holds.add(index));
        }
        return withoutAbac(space, key, isIn(variable, holds), holds.has(0));
    }
    if (key.multiValued) {
        return setTestHolds(key, variable, test);
    }
    // A set operator on a single-valued key: the set of its one value, or none when absent.
    if (test.set === "all") {
        return conditionHolds(space, { ...test, set: undefined, ifExists: true });
    }
    if (test.set === "any") {
        return conditionHolds(space, { ...test, set: undefined, ifExists: false });
    }
    const plain = { ...test, values: test.values.filter((value) => !hasVariable(value)) };
    const matching = present.filter((index) => valueMatches(key, key.values[index], plain));
    // A value with a policy variable matches where its Boolean says so (it implies the key is present).
    const withVariables = test.values
        .filter(hasVariable)
        .map((value) => isIn(space.variablePatternOf(test.key.toLowerCase(), value).variable, [1]));
    const holds = test.negated
        ? and(isIn(variable, [0, ...present.filter((index) => !matching.includes(index))]), not(or(...withVariables)))
        : or(isIn(variable, test.ifExists ? [0, ...matching] : matching), ...withVariables);
    return withoutAbac(space, key, holds, test.negated || test.ifExists);
}

/**
 * `ForAllValues:` and `ForAnyValue:` on a multi-valued key: each value of the request's set is
 * tested as the operator tests one value; ForAllValues holds when every one passes (so when the key
 * is absent or empty), ForAnyValue when one does (never when absent or empty).
 */
function setTestHolds(key: KeyVariable, variable: number, test: ConditionTest): Formula {
    if (hasVariableIn(test)) {
        throw new Error("a policy variable in a set operator's values is refused when the statement is read");
    }
    const single = { ...test, negated: false };
    const passes = (inside: readonly boolean[]) => {
        const matches = valueMatches(key, { kind: "string", witness: "", inside }, single);
        return test.negated ? !matches : matches;
    };
    const holds = key.values.flatMap((value, index) => {
        if (value.kind === "absent") {
            return test.set === "all" || test.ifExists ? [index] : [];
        }
        if (value.kind !== "set") {
            return [];
        }
        const result = test.set === "any" ? value.members.some(passes) : value.members.every(passes);
        return result ? [index] : [];
    });
    return isIn(variable, holds);
}

function hasVariableIn(test: ConditionTest): boolean {
    return test.values.some(hasVariable);
}

/**
 * A test of a resource's tag, where S3 sends the tags of a bucket or an object only with ABAC on:
 * for those requests with it off, the test sees the key absent (open reading, openReadings.ts).
 */
function withoutAbac(space: RequestSpace, key: KeyVariable, holds: Formula, holdsWhenAbsent: boolean): Formula {
    const abac = space.readingOf("abac");
    if (abac === undefined || !isResourceTagKey(key.key.toLowerCase())) {
        return holds;
    }
    const untagged = space.groups.flatMap((group, index) => (group.tagsOnlyWithAbac ? [index] : []));
    const hidden = and(isIn(ACTION, untagged), isIn(abac, [0]));
    return or(and(hidden, holdsWhenAbsent ? TRUE : FALSE), and(not(hidden), holds));
}

/** Whether a present value of the key satisfies the (not negated) test. */
export function valueMatches(key: KeyVariable, value: KeyValue, test: ConditionTest): boolean {
    if (value.kind === "absent") {
        return false;
    }
    if (key.numeric) {
        if (value.kind !== "number") {
            return false;
        }
        // Dates compare as numbers do, in milliseconds since the epoch.
        const compare = (threshold: number) => {
            switch (test.base.replace(/^Date/, "Numeric")) {
                case "NumericEquals":
                case "NumericNotEquals":
                    return value.number === threshold;
                case "NumericLessThan":
                    return value.number < threshold;
                case "NumericLessThanEquals":
                    return value.number <= threshold;
                case "NumericGreaterThan":
                    return value.number > threshold;
                default:
                    return value.number >= threshold;
            }
        };
        return test.values.some((threshold) =>
            compare(key.compared === "date" ? parseIamDate(threshold)! : Number(threshold)),
        );
    }
    if (value.kind !== "string") {
        return false;
    }
    const mode = patternMode(test);
    return test.values.some((candidate) => value.inside[key.patternIndex.get(conditionPatternKey(mode, candidate))!]);
}

/** How a string operator compares a value with the key's; `ip`: an address within a CIDR (ipRanges.ts). */
export type PatternMode = "exact" | "exactIgnoringCase" | "glob" | "arn" | "ip";

/** `Arn…` as ARNs, `StringLike` and `StringNotLike` as globs, `Bool` and `…IgnoreCase` case aside, the rest exactly. */
export function patternMode(test: ConditionTest): PatternMode {
    if (test.base.endsWith("IpAddress")) {
        return "ip";
    }
    if (test.base.startsWith("Arn")) {
        return "arn";
    }
    if (test.base === "StringLike" || test.base === "StringNotLike") {
        return "glob";
    }
    return test.base === "Bool" || test.base.endsWith("IgnoreCase") ? "exactIgnoringCase" : "exact";
}

/** The strings a condition value stands for, compared as `mode` says. */
export function conditionPattern(mode: PatternMode, value: string): StringPattern {
    switch (mode) {
        case "arn":
            return arnPattern(value)!;
        case "glob":
            return globPattern(value);
        case "exactIgnoringCase":
            return exactPattern(value, true);
        case "exact":
            return exactPattern(value);
        case "ip":
            throw new Error("an address range is not a string pattern: conditionKeys.ts makes its intervals");
    }
}

/** How a condition value's pattern is found among its key's: the same value compared another way is another pattern. */
export function conditionPatternKey(mode: PatternMode, value: string): string {
    return `${mode}\u0000${value}`;
}

/** How action patterns are told apart: IAM compares actions without regard to case. */
export function actionKey(pattern: string): string {
    return pattern.toLowerCase();
}

/** Whether an action pattern (`*`, or `service:glob`) matches an action: the service exactly, the name as a glob, case aside. */
export function actionMatches(pattern: string, target: ActionTarget): boolean {
    if (pattern === "*") {
        return true;
    }
    const colon = pattern.indexOf(":");
    if (pattern.slice(0, colon) !== target.service) {
        return false;
    }
    let glob = actionGlobs.get(pattern);
    if (!glob) {
        glob = globPattern(pattern.slice(colon + 1), true);
        actionGlobs.set(pattern, glob);
    }
    return matchesPattern(glob, target.action.slice(target.service.length + 1));
}

/** Each action pattern's glob, made once. */
const actionGlobs = new Map<string, StringPattern>();
