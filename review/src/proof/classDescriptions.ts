// A class of requests in words: its resources (or principals) and each
// condition key's values through the policies' own patterns, joined by "or"
// where one description would say more than the class holds.
import { formatIamDate } from "./dateValues";
import { Cube } from "./formula";
import { variablesIn } from "./policyVariables";
import { KeyVariable, RequestSpace, VariablePattern } from "./requestSpace";
import { keyVariableNumber } from "./requestVariables";
import { isWithin, StringClass } from "./stringClasses";

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

/** The subject classes `indices` (of those `possible`) in words, e.g. `arn:aws:s3:::b/* but not arn:aws:s3:::b/x/*`. */
export function describeSubject(
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

/** The values `values` of a condition key in words, e.g. `s3:prefix "Exports/"`, `any s3:prefix` or `no s3:delimiter`. */
export function describeKey(key: KeyVariable, values: readonly number[]): string {
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
export function mayHold(space: RequestSpace, entry: VariablePattern, classes: readonly number[], cube: Cube): boolean {
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
export function describeVariablePattern(space: RequestSpace, entry: VariablePattern, inside: boolean): string {
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
