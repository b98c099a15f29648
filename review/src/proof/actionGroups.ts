// The action variable: the catalogue's actions a request can name, grouped so
// that every action of a group is alike to every action pattern of the
// policies, takes the same ARN template, supports the same condition keys the
// policies name, and is alike to the question's scope.
import { actionTargets, ActionTarget, catalogServices, isResourceTagKey, supportsKey } from "./actionCatalog";
import { actionKey, actionMatches } from "./iamSemantics";
import { OutsideFragmentError } from "./outsideFragment";
import { ParsedStatement, PolicyKind } from "./policyStatements";
import { matchesPattern, StringPattern } from "./stringPattern";
import { namedNamespace, SubjectPatternList } from "./subjectPatterns";

/**
 * Actions that the catalogue's data treats alike for every pattern of the
 * policies. Actions on different resource types are one group when nothing
 * else tells them apart: the policies decide a request by its action's
 * patterns and its resource, never by the action's type, so the group needs
 * only that its resource is of one of its types.
 */
export interface ActionGroup {
    /** Every action of the group on each of its resource types; the first of a type is the one a witness names. */
    readonly targets: readonly ActionTarget[];
    /** The index of each target's ARN template among the subject's patterns; undefined when any resource will do. */
    readonly formats?: readonly number[];
    /** Whether each action pattern (by its index in {@link ActionPatterns.patterns}) matches the group's actions. */
    readonly matches: readonly boolean[];
    /** Whether a request of the group may carry each condition key (by its index among the space's keys). */
    readonly keys: readonly boolean[];
    /** Whether the group's actions are in the question's scope. */
    readonly inScope: boolean;
    /** Whether its actions take no resource type: `*` is their resource, or any under the open reading. */
    readonly noResourceType: boolean;
    /** Whether its requests carry the resource's tags only if the bucket has ABAC on (S3 buckets and objects). */
    readonly tagsOnlyWithAbac: boolean;
}

/** The action patterns the policies write, and the services they reach. */
export interface ActionPatterns {
    /** Each pattern once, as {@link actionKey} writes it, in the order of first use. */
    readonly patterns: readonly string[];
    /** The index of each pattern in `patterns`, by {@link actionKey}. */
    readonly index: ReadonlyMap<string, number>;
    /** The services the patterns name, lower-cased. */
    readonly named: ReadonlySet<string>;
    /** Whether a request of an identity policy may be of any service's action: `*`, `NotAction`, or a policy of unknown text. */
    readonly reachesEverything: boolean;
}

/** The statements' action patterns; `unknownText` when a policy of unknown text decides too. */
export function actionPatternsOf(
    kind: PolicyKind,
    statements: readonly ParsedStatement[],
    unknownText: boolean,
): ActionPatterns {
    const patterns = [...new Set(statements.flatMap((s) => s.actions.patterns.map(actionKey)))];
    return {
        patterns,
        index: new Map(patterns.map((pattern, index) => [pattern, index])),
        // The services of the actions, and of the ARNs the statements name: an `s3` ARN makes s3's
        // actions typed, so that no action of another service is taken to apply to it.
        named: new Set([
            ...patterns.filter((p) => p !== "*").map((p) => p.split(":")[0]),
            ...(kind === "identity"
                ? statements.flatMap((s) =>
                      (s.resources?.patterns ?? []).flatMap(
                          (pattern) => /^arn:[^:]*:([a-z0-9-]+):/.exec(pattern)?.[1] ?? [],
                      ),
                  )
                : []),
        ]),
        // An unknown policy may allow any action, as may `*` and NotAction.
        reachesEverything:
            kind === "identity" &&
            (statements.some((s) => s.actions.not || s.actions.patterns.includes("*")) || unknownText),
    };
}

/** The catalogue's actions a request can name: sts's on a role for a trust policy; else the named services', or every service's. */
export async function catalogueTargets(kind: PolicyKind, actions: ActionPatterns): Promise<ActionTarget[]> {
    const services =
        kind === "trust" ? ["sts"] : actions.reachesEverything ? await catalogServices() : [...actions.named];
    const targets = (await Promise.all(services.map((service) => actionTargets(service)))).flat();
    return kind === "trust" ? targets.filter((target) => target.resourceType === "role") : targets;
}

/** What the grouping needs to know. */
export interface GroupingInputs {
    readonly kind: PolicyKind;
    readonly targets: readonly ActionTarget[];
    readonly actions: ActionPatterns;
    /** The condition keys the policies name, lower-cased, in the space's order. */
    readonly keyNames: readonly string[];
    /** Which actions the question's scope holds; all when undefined. */
    readonly inScope?: (target: ActionTarget) => boolean;
    /** Where each group's ARN template is added. */
    readonly subjects: SubjectPatternList;
    /** The services (globs) whose every resource a Resource pattern names, as `arn:aws:s3:::*` (openReadings.ts). */
    readonly wholeServices: readonly StringPattern[];
}

/**
 * The action groups: the groups of the services the policies name first, so
 * that a witness names one of their actions when it can; in a group, the
 * actions of named services first, then by name.
 */
export function groupActions(inputs: GroupingInputs): ActionGroup[] {
    const { kind, actions, keyNames, subjects } = inputs;
    const named = actions.named;
    const groupsByKey = new Map<string, ActionGroup & { targets: ActionTarget[]; formats?: number[] }>();
    const namesResourceTags = keyNames.some(isResourceTagKey);
    for (const target of inputs.targets) {
        const matches = actions.patterns.map((pattern) => actionMatches(pattern, target));
        // Where every statement names its actions (no NotAction, no `*`, no policy of unknown
        // text), an action no pattern names is allowed by no side: it is in no difference, and
        // its resource types would only split the resources finer. An EC2 policy that names
        // two actions is then a question about those two, not about EC2's 700.
        if (kind === "identity" && !actions.reachesEverything && !matches.includes(true)) {
            continue;
        }
        // An action of another service is typed too when its resources can be ARNs of a
        // service the policies name (ssm:SendCommand on an ec2 instance).
        const typed = kind === "identity" && (named.has(target.service) || namedNamespace(target.arnTemplate, named));
        const format = typed ? subjects.addTemplate(target.arnTemplate) : undefined;
        const keys = keyNames.map((key) => (!typed && kind === "identity" ? true : supportsKey(target, key)));
        const inScope = inputs.inScope ? inputs.inScope(target) : true;
        const noResourceType = target.resourceType === "*";
        const tagsOnlyWithAbac = namesResourceTags && target.tagsOnlyWithAbac === true;
        // An action of no resource type is one of its service's: the open reading grants it by service.
        const signature = JSON.stringify([
            matches,
            typed,
            keys,
            inScope,
            noResourceType &&
                (inputs.wholeServices.some((service) => matchesPattern(service, target.service))
                    ? target.service
                    : true),
            tagsOnlyWithAbac,
        ]);
        let group = groupsByKey.get(signature);
        if (!group) {
            group = {
                targets: [],
                ...(typed ? { formats: [] } : {}),
                matches,
                keys,
                inScope,
                noResourceType,
                tagsOnlyWithAbac,
            };
            groupsByKey.set(signature, group);
        }
        group.targets.push(target);
        group.formats?.push(format!);
    }
    const groups = [...groupsByKey.values()].map((group) => {
        const order = group.targets
            .map((target, index) => ({ target, format: group.formats?.[index] }))
            .sort(
                (a, b) =>
                    Number(!named.has(a.target.service)) - Number(!named.has(b.target.service)) ||
                    a.target.action.localeCompare(b.target.action),
            );
        return {
            ...group,
            targets: order.map((entry) => entry.target),
            ...(group.formats ? { formats: order.map((entry) => entry.format!) } : {}),
        };
    });
    const rank = (group: ActionGroup) =>
        named.has(group.targets[0].service) ? 0 : group.formats !== undefined ? 1 : 2;
    groups.sort((a, b) => rank(a) - rank(b));
    if (groups.length === 0) {
        throw new OutsideFragmentError(["the catalogue has no action these policies could be asked about"]);
    }
    return groups;
}
