// A concrete request as a point of a request space: the values its variables
// take. With it, a test reads what a space's formulas say of one request by
// evaluating them (holdsAt), with no solver.
import { and, Formula, holdsAt } from "../../review/src/proof/formula";
import { PolicyKind, parsePolicy } from "../../review/src/proof/policyStatements";
import { KeyVariable, PolicySide, RequestSpace } from "../../review/src/proof/requestSpace";
import { matchesPattern } from "../../review/src/proof/stringPattern";

/** A request as AWS would evaluate it. */
export interface ConcreteRequest {
    readonly action: string;
    /** The resource's ARN (identity policies) or the principal (trust policies). */
    readonly subject: string;
    /** The condition keys it carries; a key not listed is absent. */
    readonly context?: Readonly<Record<string, string>>;
    /** What each unknown policy (by id) says of it; neither, when not listed. */
    readonly unknown?: Readonly<Record<string, { allows?: boolean; denies?: boolean }>>;
}

/**
 * The point of `space` that `request` is: its action's group (among those its
 * subject fits), its subject's class, each key's value. Throws when the space
 * holds no such request, or the request breaks the space's constraints: a
 * test that asks about such a request asks about nothing.
 */
export function pointOf(space: RequestSpace, request: ConcreteRequest): number[] {
    const inside = space.subjectPatterns.map((entry) => matchesPattern(entry.pattern, request.subject));
    const subject = space.subjectClasses.findIndex((candidate) =>
        candidate.inside.every((bit, index) => bit === inside[index]),
    );
    if (subject < 0) {
        throw new Error(`no class of the space holds ${request.subject}`);
    }
    const group = space.groups.findIndex(
        (candidate, index) =>
            candidate.targets.some((target) => target.action.toLowerCase() === request.action.toLowerCase()) &&
            space.fits(index, subject),
    );
    if (group < 0) {
        throw new Error(`no action group of the space holds ${request.action} on ${request.subject}`);
    }
    const context = new Map(Object.entries(request.context ?? {}).map(([key, value]) => [key.toLowerCase(), value]));
    const keys = space.keys.map((key) => keyValueOf(key, context.get(key.key.toLowerCase())));
    const unknowns = space.unknowns.flatMap((unknown) => {
        const said = request.unknown?.[unknown.policy.id] ?? {};
        return [said.allows ? 1 : 0, said.denies ? 1 : 0];
    });
    // The open readings off, and no pattern with a policy variable holding: the plain reading.
    const point = [
        group,
        subject,
        ...keys,
        ...unknowns,
        ...space.readings.map(() => 0),
        ...space.variablePatterns.map(() => 0),
    ];
    if (!holdsAt(and(...space.constraints), point)) {
        throw new Error(`${JSON.stringify(request)} breaks the space's constraints: AWS never makes it`);
    }
    return point;
}

/** The value of a key's variable that `value` is: 0 when absent. */
function keyValueOf(key: KeyVariable, value: string | undefined): number {
    if (value === undefined) {
        return 0;
    }
    if (key.numeric) {
        const number = Number(value);
        if (!Number.isFinite(number) || value.trim() === "") {
            return 1;
        }
        // The key's numbers are a point below the thresholds, then each threshold and a point
        // above it: the one that compares with every threshold as this number does.
        const numbers = key.values.flatMap((candidate) => (candidate.kind === "number" ? [candidate.number] : []));
        const thresholds = numbers.filter((_, index) => index % 2 === 1);
        return found(
            key,
            value,
            key.values.findIndex(
                (candidate) =>
                    candidate.kind === "number" &&
                    thresholds.every(
                        (threshold) => Math.sign(candidate.number - threshold) === Math.sign(number - threshold),
                    ),
            ),
        );
    }
    const inside = key.patterns.map((pattern) => matchesPattern(pattern, value));
    return found(
        key,
        value,
        key.values.findIndex(
            (candidate) => candidate.kind === "string" && candidate.inside.every((bit, index) => bit === inside[index]),
        ),
    );
}

function found(key: KeyVariable, value: string, index: number): number {
    if (index < 0) {
        throw new Error(`no value of ${key.key}'s variable holds ${JSON.stringify(value)}`);
    }
    return index;
}

/** A side of policy texts, with an optional boundary, as the proof reads them. */
export interface SideTexts {
    readonly policies: readonly string[];
    readonly boundary?: readonly string[];
    readonly unknown?: readonly string[];
}

/** The side `texts`, read as `kind`; unknown policies are named by their ids. */
export function sideOf(kind: PolicyKind, texts: SideTexts | string): PolicySide {
    const side = typeof texts === "string" ? { policies: [texts] } : texts;
    const unknown = (side.unknown ?? []).map((id) => ({ id, name: `the policy ${id}`, reason: "a test's" }));
    return {
        policies: side.policies.map((text, index) => parsePolicy(`policy ${index + 1}`, text, kind)),
        ...(unknown.length > 0 ? { unknown } : {}),
        ...(side.boundary
            ? { boundary: { policies: side.boundary.map((text) => parsePolicy("the boundary", text, kind)) } }
            : {}),
    };
}

/**
 * Whether `formula` holds at the point of `request`. A catalogue action the space leaves out
 * (no pattern names it, and every statement names its actions: actionGroups.ts) is allowed by
 * no statement, so a formula of what the policies allow does not hold for it.
 */
export function holdsFor(space: RequestSpace, formula: Formula, request: ConcreteRequest): boolean {
    const action = request.action.toLowerCase();
    const held = space.groups.some((group) => group.targets.some((target) => target.action.toLowerCase() === action));
    if (!held && space.catalogue.some((target) => target.action.toLowerCase() === action)) {
        return false;
    }
    return holdsAt(formula, pointOf(space, request));
}
