// The solver's cubes as classes of requests a person can read: the actions,
// the resource (or principal) and the context they cover, and one concrete
// request of the class, its witness, which the evaluator then checks too.
import { Cube, Formula, holdsAt } from "./formula";
import { KeyVariable, RequestSpace } from "./requestSpace";
import { isWithin, StringRegion } from "./stringRegions";

/** A concrete request. */
export interface WitnessRequest {
    readonly action: string;
    /** The resource ARN, for an identity policy's request. */
    readonly resource?: string;
    /** Who asks, for a trust policy's request. */
    readonly principal?: string;
    /** The condition keys it carries, each with its value; a key not listed is absent. */
    readonly context: Readonly<Record<string, string>>;
}

/** Requests alike to every policy of the question. */
export interface RequestClass {
    /** Every action of the class, as AWS spells it. */
    readonly actions: readonly string[];
    /** The resources (or principals) of the class, e.g. `arn:aws:s3:::b/Exports/* but not arn:aws:s3:::b/Exports/daily/*`. */
    readonly scope: string;
    /** The condition keys the class depends on, e.g. `s3:prefix "Exports/", no s3:delimiter`; empty when it depends on none. */
    readonly context: string;
    readonly witness: WitnessRequest;
}

/** A cube as a class, with a witness that satisfies `wanted` (the constraints and the question's target). */
export function classOf(space: RequestSpace, cube: Cube, wanted: Formula): RequestClass {
    const witnessPoint = pointIn(cube, wanted);
    const group = space.groups[witnessPoint[0]];
    const region = space.subjectRegions[witnessPoint[1]];
    const context: Record<string, string> = {};
    space.keys.forEach((key, index) => {
        const value = key.values[witnessPoint[2 + index]];
        if (value.kind !== "absent") {
            context[key.key] = value.witness;
        }
    });
    // The cube may hold combinations no request has (a bucket action on an object's ARN):
    // the class is said by those a request can have.
    const groups = cube[0].filter((g) => cube[1].some((r) => space.fits(g, r)));
    const regions = cube[1].filter((r) => groups.some((g) => space.fits(g, r)));
    const actions = [...new Set(groups.flatMap((index) => space.groups[index].targets.map((target) => target.action)))];
    return {
        actions: actions.sort(),
        scope: describeSubject(space, regions, (r) => groups.some((g) => space.fits(g, r))),
        context: space.keys
            .flatMap((key, index) => {
                const values = cube[2 + index];
                const carried = groups.some((g) => space.keyApplies(g, index));
                return values.length === key.values.length || !carried ? [] : [describeKey(key, values)];
            })
            .join(", "),
        witness: {
            action: group.targets[0].action,
            ...(space.kind === "identity" ? { resource: region.witness } : { principal: region.witness }),
            context,
        },
    };
}

/** The first point of the cube, in its own order, that satisfies `wanted`. */
function pointIn(cube: Cube, wanted: Formula): number[] {
    const point = cube.map((values) => values[0]);
    const search = (variable: number): boolean => {
        if (variable === cube.length) {
            return holdsAt(wanted, point);
        }
        for (const value of cube[variable]) {
            point[variable] = value;
            if (search(variable + 1)) {
                return true;
            }
        }
        return false;
    };
    if (!search(0)) {
        throw new Error("a cube the solver reported holds no request of the question");
    }
    return point;
}

/** The regions `indices` of a variable through the policies' own patterns: inside all of `inside`, and none of `outside`. */
function describeRegions(
    regions: readonly StringRegion[],
    indices: readonly number[],
    candidates: readonly number[],
    possible: (region: number) => boolean = () => true,
): { inside: number[]; outside: number[] } {
    const chosen = indices.map((index) => regions[index]);
    const positives = candidates.filter((pattern) => chosen.every((region) => region.inside[pattern]));
    const same = (a: number, b: number) => isWithin(regions, a, b) && isWithin(regions, b, a);
    const inside = positives.filter(
        (pattern) =>
            !positives.some(
                (other) =>
                    other !== pattern &&
                    isWithin(regions, other, pattern) &&
                    (!same(other, pattern) || other < pattern),
            ),
    );
    const within = (region: StringRegion) => inside.every((pattern) => region.inside[pattern]);
    const negatives = candidates.filter(
        (pattern) =>
            chosen.every((region) => !region.inside[pattern]) &&
            regions.some((region, index) => possible(index) && within(region) && region.inside[pattern]),
    );
    const outside = negatives.filter(
        (pattern) =>
            !negatives.some(
                (other) =>
                    other !== pattern &&
                    isWithin(regions, pattern, other) &&
                    (!same(other, pattern) || other < pattern),
            ),
    );
    return { inside, outside };
}

function describeSubject(
    space: RequestSpace,
    indices: readonly number[],
    possible: (region: number) => boolean,
): string {
    const candidates = space.subjectPatterns.flatMap((entry, index) => (entry.fromPolicy ? [index] : []));
    const { inside, outside } = describeRegions(space.subjectRegions, indices, candidates, possible);
    const show = (patterns: number[]) =>
        patterns.map((pattern) => space.subjectPatterns[pattern].pattern.text).join(", ");
    if (inside.length === 0) {
        return outside.length === 0 ? `any ${space.subjectName}` : `any ${space.subjectName} but ${show(outside)}`;
    }
    const said = inside.map((pattern) => space.subjectPatterns[pattern].pattern.text).join(" and ");
    return outside.length === 0 ? said : `${said} but not ${show(outside)}`;
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
        said = `${key.key} ${present.map((value) => describeNumber(key.values[value])).join(" or ")}`;
    } else {
        const regions = key.values.slice(1).map((value) => ({
            inside: value.kind === "string" ? value.inside : [],
            witness: value.kind === "string" ? value.witness : "",
        }));
        const { inside, outside } = describeRegions(
            regions,
            present.map((value) => value - 1),
            key.patterns.map((_, index) => index),
        );
        const show = (patterns: number[]) => patterns.map((pattern) => JSON.stringify(key.patterns[pattern].text));
        said =
            inside.length === 0
                ? `${key.key} not ${show(outside).join(" or ")}`
                : `${key.key} ${show(inside).join(" and ")}${outside.length > 0 ? ` but not ${show(outside).join(", ")}` : ""}`;
    }
    return absent ? `${said} or no ${key.key}` : said;
}

function describeNumber(value: KeyVariable["values"][number]): string {
    return value.kind === "number" ? String(value.number) : value.kind === "string" ? "not a number" : "";
}
