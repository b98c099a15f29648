// The solver's cubes as classes of requests a person can read: the actions,
// the resource (or principal) and the context they cover (classDescriptions.ts),
// what they depend on when a policy's text is not known, and one concrete
// request of the class, its witness (classWitnesses.ts), which the evaluator
// then checks too.
import type { ActionTarget } from "./actionCatalog";
import { describeKey, describeSubject, describeVariablePattern, mayHold } from "./classDescriptions";
import { witnessOf } from "./classWitnesses";
import { keyVariableNumber } from "./requestVariables";
import { Cube, Formula } from "./formula";
import { RequestSpace } from "./requestSpace";

/** A concrete request. */
export interface WitnessRequest {
    readonly action: string;
    /** The resource ARN, for an identity policy's request. */
    readonly resource?: string;
    /** Who asks, for a trust policy's request. */
    readonly principal?: string;
    /** The condition keys it carries, each with its value (a multi-valued key's, a list); a key not listed is absent. */
    readonly context: Readonly<Record<string, string | string[]>>;
}

/** Requests alike to every policy of the question. */
export interface RequestClass {
    /**
     * Every action of the class, as AWS spells it; `service:*` where the class
     * holds every action of the service that AWS's catalogue lists, `*` where it
     * holds every action of every service.
     */
    readonly actions: readonly string[];
    /** How many actions of the catalogue the class holds. */
    readonly actionCount: number;
    /** When the class holds every action of one service that takes one resource type: `s3` and `object`. */
    readonly everyActionOf?: { readonly service: string; readonly resourceType: string };
    /** The resources (or principals) of the class, e.g. `arn:aws:s3:::b/Exports/* but not arn:aws:s3:::b/Exports/daily/*`. */
    readonly scope: string;
    /** The condition keys the class depends on, e.g. `s3:prefix "Exports/", no s3:delimiter`; empty when it depends on none. */
    readonly context: string;
    /** What the unknown policies must say for the class to be in the difference, e.g. `the baseline's policy P does not allow it`; empty when nothing. */
    readonly dependsOn: string;
    /** Which open readings of IAM the class holds under only (openReadings.ts), e.g. `if the bucket has ABAC on`; empty when none. */
    readonly readingDependence: string;
    readonly witness: WitnessRequest;
}

/**
 * A cube as classes, one per resource type of its actions (so that each says
 * the resources of its own actions), each with a witness that satisfies
 * `wanted` (the constraints and the question's target).
 */
export function classesOf(space: RequestSpace, cube: Cube, wanted: Formula): RequestClass[] {
    // The cube may hold combinations no request has (a bucket action on an object's ARN, an
    // object action with s3:prefix): the class is said by those a request can have.
    const carriesAll = (g: number) =>
        space.keys.every((_, index) => cube[keyVariableNumber(index)].includes(0) || space.keyApplies(g, index));
    const fitsGroup = (g: number, r: number) => space.fits(g, r);
    const groups = cube[0].filter((g) => carriesAll(g) && cube[1].some((r) => fitsGroup(g, r)));
    // A group may hold actions of several resource types: a class per type, with its own actions.
    const byType = new Map<number | undefined, TypedTargets>();
    for (const group of groups) {
        space.groups[group].targets.forEach((target, index) => {
            const format = space.groups[group].formats?.[index];
            const typed = byType.get(format) ?? { format, groups: [], targets: [] };
            if (!typed.groups.includes(group)) {
                typed.groups.push(group);
            }
            typed.targets.push({ target, group });
            byType.set(format, typed);
        });
    }
    const dependsOn = dependence(space, cube);
    const readingDependence = space.readings
        .filter(({ variable }) => cube[variable].length === 1)
        .map(({ reading, variable }) => (cube[variable][0] === 1 ? reading.ifOn : reading.ifOff))
        .join(" and ");
    return [...byType.values()].flatMap((typed) => {
        const fits = (r: number) =>
            typed.format === undefined
                ? typed.groups.some((g) => fitsGroup(g, r))
                : space.subjectClasses[r].inside[typed.format];
        const classes = cube[1].filter(fits);
        if (classes.length === 0) {
            return [];
        }
        const part: Cube = [typed.groups, classes, ...cube.slice(2)];
        const witness = witnessOf(space, part, wanted, typed);
        if (!witness) {
            return [];
        }
        const targets = typed.targets.map((entry) => entry.target);
        const everyActionOf = wholeType(space, targets);
        return [
            {
                ...(everyActionOf ? { everyActionOf } : {}),
                actions: compactActions(
                    space,
                    targets.map((target) => target.action),
                ),
                actionCount: new Set(targets.map((target) => target.action)).size,
                scope: describeSubject(space, classes, fits, typeName(space, targets)),
                context: [
                    ...space.keys.flatMap((key, index) => {
                        const values = cube[keyVariableNumber(index)];
                        const carried = typed.groups.some((g) => space.keyApplies(g, index));
                        return values.length === key.values.length || !carried ? [] : [describeKey(key, values)];
                    }),
                    ...space.variablePatterns
                        // Said only where the class holds values the pattern could hold: a bucket is
                        // never in home/${aws:username}/*, whoever asks.
                        .filter((entry) => mayHold(space, entry, classes, cube))
                        .flatMap((entry) =>
                            cube[entry.variable].length === 1
                                ? [describeVariablePattern(space, entry, cube[entry.variable][0] === 1)]
                                : [],
                        ),
                ].join(", "),
                dependsOn,
                readingDependence,
                witness,
            },
        ];
    });
}

/** The actions of a cube's groups on one resource type (its ARN template's pattern; undefined: any resource). */
export interface TypedTargets {
    readonly format: number | undefined;
    readonly groups: number[];
    /** Each action on the type, with its group, in the groups' order: the first is a witness's. */
    readonly targets: { target: ActionTarget; group: number }[];
}

/** The service and resource type whose every action `targets` hold, if they are one and more than one action. */
function wholeType(
    space: RequestSpace,
    targets: readonly { action: string; service: string; resourceType: string }[],
): { service: string; resourceType: string } | undefined {
    const services = new Set(targets.map((target) => target.service));
    const types = new Set(targets.map((target) => target.resourceType));
    if (space.kind !== "identity" || services.size !== 1 || types.size !== 1 || types.has("*")) {
        return undefined;
    }
    const [service] = services;
    const [resourceType] = types;
    const all = new Set(
        space.catalogue
            .filter((target) => target.service === service && target.resourceType === resourceType)
            .map((target) => target.action),
    );
    const held = new Set(targets.map((target) => target.action));
    return held.size > 1 && held.size === all.size ? { service, resourceType } : undefined;
}

/** What "any" resource of these actions is: `resource`, or their type and its ARN template, e.g. `accesspoint (arn:…)`. */
function typeName(space: RequestSpace, targets: readonly ActionTarget[]): string {
    const types = new Set(targets.map((target) => target.resourceType));
    const templates = new Set(targets.map((target) => target.arnTemplate));
    if (space.kind !== "identity" || types.size !== 1 || templates.size !== 1 || types.has("*")) {
        return space.subjectName;
    }
    return `${[...types][0]} (${[...templates][0]})`;
}

/** What the unknown policies must say for the cube's requests, e.g. `the baseline's P does not allow it`. */
function dependence(space: RequestSpace, cube: Cube): string {
    const said: string[] = [];
    for (const unknown of space.unknowns) {
        const allows = cube[unknown.allows];
        const denies = cube[unknown.denies];
        const name = unknown.policy.name;
        if (allows.length === 1) {
            said.push(`${name} ${allows[0] === 1 ? "allows" : "does not allow"} it`);
        }
        if (denies.length === 1) {
            said.push(`${name} ${denies[0] === 1 ? "denies" : "does not deny"} it`);
        }
    }
    return said.join(" and ");
}

/** The actions, with `service:*` for a service whose every action is there, and `*` for every service. */
function compactActions(space: RequestSpace, actions: readonly string[]): string[] {
    const all = space.actionsByService();
    const held = new Map<string, Set<string>>();
    for (const action of actions) {
        const service = action.slice(0, action.indexOf(":"));
        held.set(service, (held.get(service) ?? new Set()).add(action));
    }
    const whole = (service: string) => held.get(service)?.size === all.get(service)?.size;
    if (space.everyService && [...all.keys()].every(whole)) {
        return ["*"];
    }
    return [...held.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .flatMap(([service, list]) => (whole(service) && list.size > 1 ? [`${service}:*`] : [...list].sort()));
}
