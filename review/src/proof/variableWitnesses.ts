// A class found with policy variables is kept only when a concrete request of
// it is in the difference: the variables get values (from the witness's
// resource or key, where a pattern with a variable must hold, else a value no
// pattern names), the policies get those values in place of the variables,
// and the same rules decide the request again, with nothing left symbolic.
import { and, forEvery, Formula, holdsAt, not } from "./formula";
import { ParsedPolicy, ParsedStatement } from "./policyStatements";
import { valuesMatching, variablesIn, withValues } from "./policyVariables";
import type { PolicySide, RequestScope, RequestSpace } from "./requestSpace";
import type { WitnessRequest } from "./requestClasses";
import { matchesPattern } from "./stringPattern";

/** A value for a variable that no pattern asks for: what a caller the policies do not name has. */
const UNNAMED_VALUE = "someone";

/**
 * The witness's resource and context with a value for each policy variable the
 * space's patterns read, chosen so that each pattern the point says holds does.
 */
export function bindVariables(
    space: RequestSpace,
    point: readonly number[],
    resource: string | undefined,
    context: Record<string, string | string[]>,
): { resource: string | undefined; context: Record<string, string | string[]> } {
    if (space.variablePatterns.length === 0) {
        return { resource, context };
    }
    const values = new Map<string, string>();
    for (const entry of space.variablePatterns) {
        if (point[entry.variable] !== 1) {
            continue;
        }
        const keyName = entry.place === "resource" ? undefined : space.keys[space.index.keys.get(entry.place)!].key;
        const found0 = keyName === undefined ? resource : context[keyName];
        const held = typeof found0 === "string" ? found0 : undefined;
        const found = held === undefined ? undefined : valuesMatching(entry.text, held);
        for (const [key, value] of found ?? []) {
            if (!values.has(key)) {
                values.set(key, value);
            }
        }
    }
    const bound = { ...context };
    for (const variable of space.variablePatterns.flatMap((entry) => variablesIn(entry.text))) {
        const lower = variable.key.toLowerCase();
        if (!values.has(lower)) {
            values.set(lower, UNNAMED_VALUE);
        }
        const written = Object.keys(bound).find((key) => key.toLowerCase() === lower) ?? variable.key;
        bound[written] = values.get(lower)!;
    }
    // A resource or key that must be in a pattern with a variable and is not, with the values chosen: made so.
    let boundResource = resource;
    for (const entry of space.variablePatterns) {
        if (point[entry.variable] !== 1) {
            continue;
        }
        const keyName = entry.place === "resource" ? undefined : space.keys[space.index.keys.get(entry.place)!].key;
        const value = keyName === undefined ? boundResource : bound[keyName];
        const current = typeof value === "string" ? value : "";
        const held = valuesMatching(entry.text, current);
        const agrees = held !== undefined && [...held].every(([key, value]) => values.get(key) === value);
        const wanted = withValues(entry.text, values)?.replace(/\*/g, "x").replace(/\?/g, "x");
        if (!agrees && wanted !== undefined) {
            if (keyName === undefined) {
                boundResource = wanted;
            } else {
                bound[keyName] = wanted;
            }
        }
    }
    return { resource: boundResource, context: bound };
}

/** The values the witness gives the variables of `space`'s patterns, by key lower-cased. */
function valuesOf(space: RequestSpace, witness: WitnessRequest): Map<string, string> {
    const values = new Map<string, string>();
    for (const variable of space.variablePatterns.flatMap((entry) => variablesIn(entry.text))) {
        const lower = variable.key.toLowerCase();
        const found = Object.entries(witness.context).find(([key]) => key.toLowerCase() === lower);
        if (found && typeof found[1] === "string") {
            values.set(lower, found[1]);
        }
    }
    return values;
}

/** A side with each policy variable replaced by its value (a pattern or value that cannot be made is dropped). */
function substituted(side: PolicySide, values: ReadonlyMap<string, string>): PolicySide {
    const policy = (parsed: ParsedPolicy): ParsedPolicy => ({
        ...parsed,
        statements: parsed.statements.flatMap((statement): ParsedStatement[] => {
            const resources = statement.resources && {
                ...statement.resources,
                patterns: statement.resources.patterns.flatMap((pattern) => withValues(pattern, values) ?? []),
            };
            if (resources && !resources.not && resources.patterns.length === 0) {
                return []; // no Resource left: it matches nothing
            }
            return [
                {
                    ...statement,
                    ...(resources ? { resources } : {}),
                    conditions: statement.conditions.map((test) => ({
                        ...test,
                        values: test.values.flatMap((value) => withValues(value, values) ?? []),
                    })),
                },
            ];
        }),
    });
    return {
        ...side,
        policies: side.policies.map(policy),
        ...(side.boundary ? { boundary: { ...side.boundary, policies: side.boundary.policies.map(policy) } } : {}),
    };
}

/** The abstract request of `space` that `witness` is; undefined when the space has no such point. */
function pointOf(space: RequestSpace, witness: WitnessRequest): number[] | undefined {
    const subject = witness.resource ?? witness.principal ?? "";
    const inside = space.subjectPatterns.map((entry) => matchesPattern(entry.pattern, subject));
    const subjectClass = space.subjectClasses.findIndex((candidate) =>
        candidate.inside.every((value, index) => value === inside[index]),
    );
    const group = space.groups.findIndex(
        (candidate, index) =>
            candidate.targets.some((target) => target.action === witness.action) &&
            subjectClass !== -1 &&
            space.fits(index, subjectClass),
    );
    if (subjectClass === -1 || group === -1) {
        return undefined;
    }
    const point = [group, subjectClass];
    for (const key of space.keys) {
        const held = Object.entries(witness.context).find(
            ([name]) => name.toLowerCase() === key.key.toLowerCase(),
        )?.[1];
        let value: number;
        if (held === undefined) {
            value = 0;
        } else if (typeof held !== "string") {
            const list = JSON.stringify([...held].sort());
            value = key.values.findIndex(
                (candidate) => candidate.kind === "set" && JSON.stringify([...candidate.witness].sort()) === list,
            );
        } else if (key.numeric || key.compared === "ip") {
            value = key.values.findIndex((candidate) => candidate.kind !== "absent" && candidate.witness === held);
        } else {
            const matches = key.patterns.map((pattern) => matchesPattern(pattern, held));
            value = key.values.findIndex(
                (candidate) =>
                    candidate.kind === "string" && candidate.inside.every((bit, index) => bit === matches[index]),
            );
        }
        if (value === -1) {
            return undefined;
        }
        point.push(value);
    }
    return point;
}

/**
 * Whether `witness`, with the values it gives the variables, is newly `newly` from `before` to
 * `after`, by the policies with those values in place of the variables: for every text of the
 * unknown policies and every open reading, or, when `possibly`, for some and not all.
 */
export async function confirmedWithValues(
    space: RequestSpace,
    witness: WitnessRequest,
    answer: { readonly newly: "allowed" | "denied"; readonly possibly: boolean },
    sides: { before: PolicySide; after: PolicySide; scope?: RequestScope },
    build: (sides: readonly PolicySide[], scope?: RequestScope) => Promise<RequestSpace>,
): Promise<boolean> {
    const values = valuesOf(space, witness);
    const before = substituted(sides.before, values);
    const after = substituted(sides.after, values);
    let concrete: RequestSpace;
    try {
        concrete = await build([before, after], sides.scope);
    } catch {
        return false;
    }
    const point = pointOf(concrete, witness);
    if (!point) {
        return false;
    }
    const [gaining, losing] = answer.newly === "allowed" ? [after, before] : [before, after];
    const difference = and(concrete.scope(), concrete.allowedBy(gaining), not(concrete.allowedBy(losing)));
    // The unknown policies' and the readings' variables are decided for all their values (or some).
    const quantified = concrete.unknownVariables;
    const sizes = concrete.variables.map((variable) => variable.size);
    const always = forEvery(difference, quantified, sizes);
    const sometimes = not(forEvery(not(difference), quantified, sizes));
    const wanted: Formula = and(...concrete.constraints, answer.possibly ? and(sometimes, not(always)) : always);
    // The quantified variables no longer occur in `wanted`: any value will do at the point.
    return holdsAt(wanted, [...point, ...quantified.map(() => 0)]);
}
