// The question the proof answers: which requests does one side allow that
// the other denies, for every request, not a sample. The policies are read
// (policyStatements.ts), the requests made finite (requestSpace.ts), and Z3
// finds every class of requests in the difference, in its own process
// (solverProcess.ts), or proves there is none. Anything the proof cannot
// decide is said to be so, with the reason: it never answers "none" by default.
import { and, Formula, not } from "./formula";
import { PolicyKind } from "./policyStatements";
import { OutsideFragmentError, PolicySide, RequestScope, RequestSpace } from "./requestSpace";
import { classOf, RequestClass } from "./requestClasses";
import { SolverSession } from "./solverProcess";

/** Two sides of one kind of policy to compare, on every request or those of a scope. */
export interface AccessQuestion {
    readonly kind: PolicyKind;
    readonly before: PolicySide;
    readonly after: PolicySide;
    readonly scope?: RequestScope;
}

/** The requests of a difference, as classes; `complete` unless the solver's limit on classes was reached. */
export interface FoundRequests {
    readonly classes: readonly RequestClass[];
    readonly complete: boolean;
}

/** What the proof found: decided for every request, or not decided, and why. */
export type AccessDecision =
    | {
          readonly decided: true;
          /** Allowed after, denied before. */
          readonly newlyAllowed: FoundRequests;
          /** Allowed before, denied after. */
          readonly newlyDenied: FoundRequests;
          /** What the proof takes as given about requests. */
          readonly assumptions: readonly string[];
      }
    | { readonly decided: false; readonly reason: string };

/** At most this many classes per difference; more are counted as incomplete. */
const MAX_CLASSES = 60;

/** Decides `question` with the solver of `session`. */
export async function decideAccess(question: AccessQuestion, session: SolverSession): Promise<AccessDecision> {
    let space: RequestSpace;
    try {
        space = await RequestSpace.build(question.kind, [question.before, question.after], question.scope);
    } catch (error) {
        if (error instanceof OutsideFragmentError) {
            return { decided: false, reason: `outside what the proof encodes: ${error.reasons.join("; ")}` };
        }
        throw error;
    }
    const before = space.allowedBy(question.before);
    const after = space.allowedBy(question.after);
    const scope = space.scope();
    const targets: Record<"allowed" | "denied", Formula> = {
        allowed: and(scope, after, not(before)),
        denied: and(scope, before, not(after)),
    };
    const constraints = space.constraints;
    const outcome = await session.solve({
        variables: space.variables,
        constraints,
        queries: [
            { id: "allowed", target: targets.allowed },
            { id: "denied", target: targets.denied },
        ],
        maxCubes: MAX_CLASSES,
    });
    if (!outcome.ok) {
        return { decided: false, reason: outcome.reason };
    }
    const found: Partial<Record<"allowed" | "denied", FoundRequests>> = {};
    for (const answer of outcome.answers) {
        const id = answer.id as "allowed" | "denied";
        if (answer.status === "unknown") {
            return { decided: false, reason: answer.reason };
        }
        const wanted = and(...constraints, targets[id]);
        found[id] =
            answer.status === "none"
                ? { classes: [], complete: true }
                : { classes: answer.cubes.map((cube) => classOf(space, cube, wanted)), complete: answer.complete };
    }
    if (!found.allowed || !found.denied) {
        return { decided: false, reason: "the solver did not answer every question" };
    }
    return { decided: true, newlyAllowed: found.allowed, newlyDenied: found.denied, assumptions: space.assumptions };
}
