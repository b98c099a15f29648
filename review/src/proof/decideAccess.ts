// The question the proof answers: which requests does one side allow that
// the other denies, for every request, not a sample. The policies are read
// (policyStatements.ts), the requests made finite (requestSpace.ts), and Z3
// finds every class of requests in the difference, in its own process
// (solverProcess.ts), or proves there is none. A policy whose text is not
// known may say anything about each request: what holds whatever it says is
// proved, what depends on it is listed apart. Anything the proof cannot
// decide is said to be so, with the reason: it never answers "none" by default.
import { and, forEvery, Formula, not } from "./formula";
import { PolicyKind } from "./policyStatements";
import { OutsideFragmentError, PolicySide, RequestScope, RequestSpace, UnknownPolicy } from "./requestSpace";
import type { OpenReading } from "./openReadings";
import { keyVariableNumber } from "./requestVariables";
import { classesOf, RequestClass } from "./requestClasses";
import { confirmedWithValues } from "./variableWitnesses";
import { SolverSession } from "./solverProcess";

/** Two sides of one kind of policy to compare, on every request or those of a scope. */
export interface AccessQuestion {
    readonly kind: PolicyKind;
    readonly before: PolicySide;
    readonly after: PolicySide;
    readonly scope?: RequestScope;
    /** Whether to find the newly denied requests too; true unless only what is newly allowed matters. */
    readonly newlyDenied?: boolean;
}

/** The requests of a difference, as classes; `complete` unless the limit on classes was reached. */
export interface FoundRequests {
    readonly classes: readonly RequestClass[];
    readonly complete: boolean;
}

/** What the proof found: decided for every request, or not decided, and why. */
export type AccessDecision =
    | {
          readonly decided: true;
          /** Allowed after and denied before, whatever the unknown policies say. */
          readonly newlyAllowed: FoundRequests;
          /** Allowed before and denied after, whatever the unknown policies say. */
          readonly newlyDenied: FoundRequests;
          /** Newly allowed for some texts of the unknown policies, not for all. */
          readonly possiblyNewlyAllowed: FoundRequests;
          /** Newly denied for some texts of the unknown policies, not for all. */
          readonly possiblyNewlyDenied: FoundRequests;
          /** The policies of either side whose text is not known. */
          readonly unknown: readonly UnknownPolicy[];
          /** What the proof takes as given about requests. */
          readonly assumptions: readonly string[];
          /** The open readings of IAM the question touches (openReadings.ts): "possibly" may depend on them. */
          readonly readings: readonly OpenReading[];
      }
    | { readonly decided: false; readonly reason: string };

/** At most this many classes per difference; more are counted as incomplete. */
const MAX_CLASSES = 60;

/** At most this many unknown policies in one question: each doubles the formulas twice. */
const MAX_UNKNOWN = 4;

const NONE: FoundRequests = { classes: [], complete: true };

type QueryId = "allowed" | "denied" | "possiblyAllowed" | "possiblyDenied";

/** Decides `question` with the solver of `session`. */
export async function decideAccess(question: AccessQuestion, session: SolverSession): Promise<AccessDecision> {
    const sides = [question.before, question.after];
    const unknownCount = new Set(
        sides.flatMap((side) =>
            [...(side.unknown ?? []), ...(side.boundary?.unknown ?? [])].map((policy) => policy.id),
        ),
    ).size;
    if (unknownCount > MAX_UNKNOWN) {
        return {
            decided: false,
            reason: `${unknownCount} policies of unknown text, more than the ${MAX_UNKNOWN} the proof takes`,
        };
    }
    if (sides.every((side) => allowsNothing(side))) {
        return { decided: true, ...emptyDecision() };
    }
    let space: RequestSpace;
    try {
        space = await RequestSpace.build(question.kind, sides, question.scope);
    } catch (error) {
        if (error instanceof OutsideFragmentError) {
            return { decided: false, reason: `outside what the proof encodes: ${error.reasons.join("; ")}` };
        }
        throw error;
    }
    const before = space.allowedBy(question.before);
    const after = space.allowedBy(question.after);
    const scope = space.scope();
    const sizes = space.variables.map((variable) => variable.size);
    const unknownVariables = space.unknownVariables;
    const allowed = and(scope, after, not(before));
    const denied = and(scope, before, not(after));
    const targets: Partial<Record<QueryId, Formula>> = { allowed: forEvery(allowed, unknownVariables, sizes) };
    if (unknownVariables.length > 0) {
        targets.possiblyAllowed = and(allowed, not(targets.allowed!));
    }
    if (question.newlyDenied ?? true) {
        targets.denied = forEvery(denied, unknownVariables, sizes);
        if (unknownVariables.length > 0) {
            targets.possiblyDenied = and(denied, not(targets.denied));
        }
    }
    const constraints = space.constraints;
    const keyVariables = space.keys.map((_, index) => keyVariableNumber(index));
    const outcome = await session.solve({
        variables: space.variables,
        constraints,
        queries: Object.entries(targets).map(([id, target]) => ({ id, target })),
        // The unknown policies' say first, then the context, so that a class names as few keys
        // as it can; then its actions and resources.
        widenOrder: [...unknownVariables, ...keyVariables, 0, 1],
        maxCubes: MAX_CLASSES,
    });
    if (!outcome.ok) {
        return { decided: false, reason: outcome.reason };
    }
    const found: Partial<Record<QueryId, FoundRequests>> = {};
    for (const answer of outcome.answers) {
        const id = answer.id as QueryId;
        if (answer.status === "unknown") {
            return { decided: false, reason: answer.reason };
        }
        const wanted = and(...constraints, targets[id]!);
        if (answer.status === "none") {
            found[id] = NONE;
            continue;
        }
        const classes = merged(answer.cubes.flatMap((cube) => classesOf(space, cube, wanted)));
        if (space.variablePatterns.length > 0) {
            // A class found where policy variables are read as Booleans is kept only once a request of
            // it, with values for the variables, is in the difference (variableWitnesses.ts).
            const newly = id === "allowed" || id === "possiblyAllowed" ? "allowed" : "denied";
            const possibly = id === "possiblyAllowed" || id === "possiblyDenied";
            for (const found of classes) {
                const sides = { before: question.before, after: question.after, scope: question.scope };
                const build = (built: readonly PolicySide[], scope?: RequestScope) =>
                    RequestSpace.build(question.kind, built, scope);
                if (!(await confirmedWithValues(space, found.witness, { newly, possibly }, sides, build))) {
                    return {
                        decided: false,
                        reason: `a class of requests found with policy variables (${found.actions.slice(0, 3).join(", ")} on ${found.scope}) has no request with values for them that the proof could confirm`,
                    };
                }
            }
        }
        if (classes.length === 0) {
            // The solver found requests, and none is one a reader can be shown: never say "none".
            return { decided: false, reason: "the solver found requests that the plan cannot name as classes" };
        }
        found[id] = { classes, complete: answer.complete };
    }
    if (!found.allowed || ((question.newlyDenied ?? true) && !found.denied)) {
        return { decided: false, reason: "the solver did not answer every question" };
    }
    return {
        decided: true,
        newlyAllowed: found.allowed,
        newlyDenied: found.denied ?? NONE,
        possiblyNewlyAllowed: found.possiblyAllowed ?? NONE,
        possiblyNewlyDenied: found.possiblyDenied ?? NONE,
        unknown: space.unknowns.map((unknown) => unknown.policy),
        assumptions: space.assumptions,
        readings: space.readings.map((entry) => entry.reading),
    };
}

/**
 * The classes, those that read the same joined: cubes that differ only in
 * what the unknown policies say (or in what no description tells apart) are
 * one class for a reader, which holds if any of their conditions does.
 */
function merged(classes: readonly RequestClass[]): RequestClass[] {
    const byReading = new Map<string, RequestClass>();
    for (const found of classes) {
        const key = JSON.stringify([found.actions, found.scope, found.context]);
        const known = byReading.get(key);
        if (!known) {
            byReading.set(key, found);
        } else if (
            known.dependsOn !== "" &&
            found.dependsOn !== "" &&
            !known.dependsOn.split(" or ").includes(found.dependsOn)
        ) {
            byReading.set(key, { ...known, dependsOn: `${known.dependsOn} or ${found.dependsOn}` });
        } else if (found.dependsOn === "") {
            byReading.set(key, { ...known, dependsOn: "" });
        }
        const joined = byReading.get(key)!;
        if (joined !== found && joined.readingDependence !== found.readingDependence) {
            // Under one reading by one cube, under the other by another: under both, so on neither.
            byReading.set(key, { ...joined, readingDependence: "" });
        }
    }
    return [...byReading.values()].map((found) => ({
        ...found,
        dependsOn: [plainDependence(found.dependsOn), found.readingDependence].filter(Boolean).join(" and "),
    }));
}

/** `P does not allow it or P denies it` as `P does not grant it`; `P allows it and P does not deny it` as `P grants it`. */
function plainDependence(dependsOn: string): string {
    return dependsOn
        .replace(
            /(the [^,]+?) does not allow it or \1 denies it|(the [^,]+?) denies it or \2 does not allow it/g,
            (_, a: string | undefined, b: string | undefined) => `${a ?? b} does not grant it`,
        )
        .replace(/(the [^,]+?) allows it and \1 does not deny it/g, "$1 grants it");
}

/** A side with no Allow statement and no policy of unknown text allows no request. */
function allowsNothing(side: PolicySide): boolean {
    return (
        (side.unknown ?? []).length === 0 &&
        side.policies.every(
            (policy) =>
                policy.outsideFragment.length === 0 &&
                policy.statements.every((statement) => statement.effect === "Deny"),
        )
    );
}

function emptyDecision() {
    return {
        newlyAllowed: NONE,
        newlyDenied: NONE,
        possiblyNewlyAllowed: NONE,
        possiblyNewlyDenied: NONE,
        unknown: [],
        assumptions: [],
        readings: [],
    };
}
