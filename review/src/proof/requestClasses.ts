// The solver's cubes as classes of requests a person can read: the actions,
// the resource (or principal) and the context they cover, what they depend
// on when a policy's text is not known, and one concrete request of the
// class, its witness, which the evaluator then checks too.
import type { ActionTarget } from "./actionCatalog";
import { formatIamDate } from "./dateValues";
import { variablesIn } from "./policyVariables";
import { keyVariableNumber } from "./requestVariables";
import { bindVariables } from "./variableWitnesses";
import { Cube, Formula, holdsAt } from "./formula";
import { KeyVariable, RequestSpace, VariablePattern } from "./requestSpace";
import { isWithin, StringClass } from "./stringClasses";

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

/** How many points of a cube are tried for a witness whose resource fits its action. */
const WITNESS_TRIES = 20;

/** How many of a group's ARN templates are tried for each point. */
const WITNESS_TEMPLATES = 8;

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
interface TypedTargets {
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

/**
 * A request of the cube that satisfies `wanted`, with a resource that fits its
 * action: one of an action whose resource type the space holds, if the cube
 * has one, else one whose resource is made to fit the action's ARN template.
 */
function witnessOf(space: RequestSpace, cube: Cube, wanted: Formula, typed: TypedTargets): WitnessRequest | undefined {
    let fallback: WitnessRequest | undefined;
    let tries = 0;
    // Resources in a partition the policies name first: arn:aws:s3:::x, not arn:z:s3:::x.
    const classes = [
        ...cube[1].filter((subjectClass) => space.inNamedPartition(subjectClass)),
        ...cube[1].filter((subjectClass) => !space.inNamedPartition(subjectClass)),
    ];
    for (const point of pointsIn([cube[0], classes, ...cube.slice(2)], wanted)) {
        const context: Record<string, string | string[]> = {};
        space.keys.forEach((key, index) => {
            const value = key.values[point[keyVariableNumber(index)]];
            if (value.kind !== "absent") {
                context[key.key] = value.kind === "set" ? [...value.witness] : value.witness;
            }
        });
        // The policy variables' values, where the point says a pattern with one holds.
        const bind = (resource: string | undefined) => bindVariables(space, point, resource, context).context;
        const bound = (resource: string) => bindVariables(space, point, resource, context).resource!;
        const ofGroup = typed.targets.filter((entry) => entry.group === point[0]).map((entry) => entry.target);
        const subjectClass = space.subjectClasses[point[1]];
        if (space.kind === "trust") {
            return { action: ofGroup[0].action, principal: subjectClass.witness, context: bind(undefined) };
        }
        if (typed.format !== undefined) {
            const resource = space.readableResource(point[1]);
            return { action: ofGroup[0].action, resource: bound(resource), context: bind(resource) };
        }
        // One of the first actions of different ARN templates whose template a resource of the class fits.
        const templates = [...new Map(ofGroup.map((target) => [target.arnTemplate, target])).values()];
        for (const target of templates.slice(0, WITNESS_TEMPLATES)) {
            const resource = space.resourceFor(point[1], target);
            if (resource !== undefined) {
                return { action: target.action, resource: bound(resource), context: bind(resource) };
            }
        }
        fallback ??= { action: ofGroup[0].action, resource: subjectClass.witness, context: bind(subjectClass.witness) };
        if (++tries >= WITNESS_TRIES) {
            break;
        }
    }
    return fallback;
}

/** The points of the cube, in its own order, that satisfy `wanted`. */
function* pointsIn(cube: Cube, wanted: Formula): Generator<number[]> {
    const point = cube.map((values) => values[0]);
    function* search(variable: number): Generator<number[]> {
        if (variable === cube.length) {
            if (holdsAt(wanted, point)) {
                yield [...point];
            }
            return;
        }
        for (const value of cube[variable]) {
            point[variable] = value;
            yield* search(variable + 1);
        }
    }
    yield* search(0);
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

/** The classes `indices` of a variable through the policies' own patterns: inside all of `inside`, and none of `outside`. */
function describeClasses(
    classes: readonly StringClass[],
    indices: readonly number[],
    candidates: readonly number[],
    possible: (subjectClass: number) => boolean = () => true,
): { inside: number[]; outside: number[] } {
    const chosen = indices.map((index) => classes[index]);
    const positives = candidates.filter((pattern) => chosen.every((subjectClass) => subjectClass.inside[pattern]));
    const same = (a: number, b: number) => isWithin(classes, a, b) && isWithin(classes, b, a);
    const inside = positives.filter(
        (pattern) =>
            !positives.some(
                (other) =>
                    other !== pattern &&
                    isWithin(classes, other, pattern) &&
                    (!same(other, pattern) || other < pattern),
            ),
    );
    const within = (subjectClass: StringClass) => inside.every((pattern) => subjectClass.inside[pattern]);
    const negatives = candidates.filter(
        (pattern) =>
            chosen.every((subjectClass) => !subjectClass.inside[pattern]) &&
            classes.some(
                (subjectClass, index) => possible(index) && within(subjectClass) && subjectClass.inside[pattern],
            ),
    );
    const outside = negatives.filter(
        (pattern) =>
            !negatives.some(
                (other) =>
                    other !== pattern &&
                    isWithin(classes, pattern, other) &&
                    (!same(other, pattern) || other < pattern),
            ),
    );
    return { inside, outside };
}

/**
 * The classes `indices` as one description or, where no single one says
 * exactly which they are, as several joined by "or", each exact.
 */
function describeSet(
    classes: readonly StringClass[],
    indices: readonly number[],
    candidates: readonly number[],
    possible: (subjectClass: number) => boolean,
): { inside: number[]; outside: number[] }[] {
    const whole = describeClasses(classes, indices, candidates, possible);
    const signature = (subjectClass: StringClass) =>
        candidates.map((pattern) => (subjectClass.inside[pattern] ? 1 : 0)).join("");
    const chosen = new Set(indices.map((index) => signature(classes[index])));
    const described = (description: { inside: number[]; outside: number[] }) =>
        new Set(
            classes
                .filter(
                    (subjectClass, index) =>
                        possible(index) &&
                        description.inside.every((pattern) => subjectClass.inside[pattern]) &&
                        description.outside.every((pattern) => !subjectClass.inside[pattern]),
                )
                .map(signature),
        );
    const exact = (description: { inside: number[]; outside: number[] }, wanted: ReadonlySet<string>) => {
        const found = described(description);
        return found.size === wanted.size && [...found].every((item) => wanted.has(item));
    };
    if (exact(whole, chosen)) {
        return [whole];
    }
    const parts = new Map<string, { inside: number[]; outside: number[] }>();
    for (const index of indices) {
        const subjectClass = classes[index];
        let part = describeClasses(classes, [index], candidates, possible);
        if (!exact(part, new Set([signature(subjectClass)]))) {
            part = {
                inside: candidates.filter((pattern) => subjectClass.inside[pattern]),
                outside: candidates.filter((pattern) => !subjectClass.inside[pattern]),
            };
        }
        parts.set(JSON.stringify(part), part);
    }
    return [...parts.values()];
}

function describeSubject(
    space: RequestSpace,
    indices: readonly number[],
    possible: (subjectClass: number) => boolean,
    subject: string = space.subjectName,
): string {
    const candidates = space.subjectPatterns.flatMap((entry, index) => (entry.fromPolicy ? [index] : []));
    const show = (patterns: number[]) =>
        patterns.map((pattern) => space.subjectPatterns[pattern].pattern.text).join(", ");
    return describeSet(space.subjectClasses, indices, candidates, possible)
        .map(({ inside, outside }) => {
            if (inside.length === 0) {
                return outside.length === 0 ? `any ${subject}` : `any ${subject} but ${show(outside)}`;
            }
            const said = inside.map((pattern) => space.subjectPatterns[pattern].pattern.text).join(" and ");
            return outside.length === 0 ? said : `${said} but not ${show(outside)}`;
        })
        .join(" or ");
}

function describeKey(key: KeyVariable, values: readonly number[]): string {
    const absent = values.includes(0);
    const present = values.filter((value) => value !== 0);
    let said: string;
    if (present.length === 0) {
        return `no ${key.key}`;
    } else if (present.length === key.values.length - 1) {
        said = `any ${key.key}`;
    } else if (key.numeric) {
        said = describeOrdered(key, present);
    } else if (key.multiValued) {
        said = describeSets(key, present);
    } else {
        const classes = key.values.slice(1).map((value) => ({
            inside: value.kind === "string" ? value.inside : [],
            witness: value.kind === "string" ? value.witness : "",
        }));
        const ip = key.compared === "ip";
        const show = (patterns: number[]) =>
            patterns.map((pattern) => (ip ? key.patterns[pattern].text : JSON.stringify(key.patterns[pattern].text)));
        said = describeSet(
            classes,
            present.map((value) => value - 1),
            key.patterns.map((_, index) => index),
            () => true,
        )
            .map(({ inside, outside }) => {
                if (ip) {
                    // aws:SourceIp from addresses in 10.0.0.0/8 but outside 10.1.0.0/16
                    const within = inside.length > 0 ? `in ${show(inside).join(" and ")}` : "";
                    const without = outside.length > 0 ? `outside ${show(outside).join(", ")}` : "";
                    return `${key.key} from addresses ${[within, without].filter(Boolean).join(" but ") || "of any range"}`;
                }
                return inside.length === 0
                    ? outside.length === 0
                        ? `any ${key.key}`
                        : `${key.key} not ${show(outside).join(" or ")}`
                    : `${key.key} ${show(inside).join(" and ")}${outside.length > 0 ? ` but not ${show(outside).join(", ")}` : ""}`;
            })
            .join(" or ");
    }
    return absent ? `${said} or no ${key.key}` : said;
}

/** A multi-valued key's sets, e.g. `aws:TagKeys of ["costcenter", a value not "costcenter" or "stack"] or of []`. */
function describeSets(key: KeyVariable, present: readonly number[]): string {
    const member = (inside: readonly boolean[]) => {
        const held = key.patterns.flatMap((pattern, index) => (inside[index] ? [JSON.stringify(pattern.text)] : []));
        return held.length > 0
            ? held.join(" and ")
            : `a value not ${key.patterns.map((pattern) => JSON.stringify(pattern.text)).join(" or ")}`;
    };
    const sets = present.flatMap((index) => {
        const value = key.values[index];
        return value.kind === "set" ? [`[${value.members.map(member).join(", ")}]`] : [];
    });
    return `${key.key} of ${sets.join(" or of ")}`;
}

/** Whether some resource (or key value) of the class could be in the pattern with a policy variable. */
function mayHold(space: RequestSpace, entry: VariablePattern, classes: readonly number[], cube: Cube): boolean {
    if (entry.place === "resource") {
        return classes.some((subjectClass) => space.subjectClasses[subjectClass].inside[entry.wildcard]);
    }
    const key = space.keys[space.index.keys.get(entry.place)!];
    return cube[keyVariableNumber(space.index.keys.get(entry.place)!)].some((index) => {
        const value = key.values[index];
        return value.kind === "string" && value.inside[entry.wildcard];
    });
}

/**
 * Whether the resource (or a key's value) is in a pattern with a policy variable, in words:
 * `for the resource named after the caller (arn:aws:s3:::b/home/${aws:username}/*)`.
 */
function describeVariablePattern(space: RequestSpace, entry: VariablePattern, inside: boolean): string {
    const what = entry.place === "resource" ? "the resource" : space.keys[space.index.keys.get(entry.place)!].key;
    const variables = [...new Set(variablesIn(entry.text).map((variable) => variable.key))];
    const caller = variables.every((key) => /^aws:(username|userid)$/i.test(key));
    const by = caller ? "named after the caller" : `set by the request's ${variables.join(", ")}`;
    return inside ? `for ${what} ${by} (${entry.text})` : `for ${what} not ${by} (${entry.text})`;
}

/**
 * A number or date key's values as intervals between the thresholds the
 * policies name, e.g. `aws:CurrentTime after 2027-01-01` or
 * `aws:MultiFactorAuthAge < 3600`. The points alternate: below the first
 * threshold, the threshold, between it and the next, ..., above the last.
 */
function describeOrdered(key: KeyVariable, present: readonly number[]): string {
    const points = key.values.flatMap((value, index) =>
        value.kind === "number" ? [{ index, number: value.number }] : [],
    );
    const chosen = points.map((point) => present.includes(point.index));
    const date = key.compared === "date";
    const show = (position: number) =>
        date ? formatIamDate(points[position].number) : String(points[position].number);
    const words = date
        ? { ">": "after", ">=": "at or after", "<": "before", "<=": "at or before", "=": "at" }
        : { ">": ">", ">=": "≥", "<": "<", "<=": "≤", "=": "=" };
    const runs: string[] = [];
    for (let start = 0; start < points.length; start++) {
        if (!chosen[start]) {
            continue;
        }
        let end = start;
        while (end + 1 < points.length && chosen[end + 1]) {
            end++;
        }
        const bounds: string[] = [];
        if (start === end && start % 2 === 1) {
            bounds.push(`${words["="]} ${show(start)}`);
        } else {
            if (start > 0) {
                bounds.push(start % 2 === 1 ? `${words[">="]} ${show(start)}` : `${words[">"]} ${show(start - 1)}`);
            }
            if (end < points.length - 1) {
                bounds.push(end % 2 === 1 ? `${words["<="]} ${show(end)}` : `${words["<"]} ${show(end + 1)}`);
            }
        }
        runs.push(`${key.key} ${bounds.join(" and ")}`);
        start = end;
    }
    if (present.some((value) => key.values[value].kind === "string")) {
        runs.push(`${key.key} not a number`);
    }
    return runs.join(" or ");
}
