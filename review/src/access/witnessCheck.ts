// Each witness the proof gives is asked again of a second engine, the IAM
// evaluator, on both sides: a newly allowed request must be denied by the old
// documents and allowed by the new, a newly denied one the reverse. Where the
// two engines disagree, one of them misreads IAM, and the plan says so.
import type { WitnessRequest } from "../proof/requestClasses";
import type { Decision } from "./iamEvaluator";

/** The documents of one side, as the evaluator takes them; undefined where a text is not known. */
export type EvaluatedSide =
    | { readonly kind: "identity"; readonly policies: readonly string[]; readonly boundary?: string }
    | { readonly kind: "trust"; readonly trustPolicy?: string };

/** What the evaluator said of a witness. */
export type WitnessCheck =
    /** It decided as the proof did on every side whose text is known. */
    | { readonly outcome: "agrees"; readonly before?: Decision; readonly after?: Decision }
    /** It decided otherwise on some side. */
    | { readonly outcome: "disagrees"; readonly said: string }
    /** It could not evaluate the request, or no side's text is known. */
    | { readonly outcome: "not checked"; readonly why: string };

/**
 * Asks the evaluator about `witness` on each side whose documents are known
 * (`undefined`: a side with a policy of unknown text), expecting it allowed
 * after and not before when `newly` is `allowed`, the reverse for `denied`.
 */
export async function checkWitness(
    witness: WitnessRequest,
    newly: "allowed" | "denied",
    before: EvaluatedSide | undefined,
    after: EvaluatedSide | undefined,
): Promise<WitnessCheck> {
    if (!before && !after) {
        return { outcome: "not checked", why: "neither side's text is known" };
    }
    let decisions: { before?: Decision; after?: Decision };
    try {
        decisions = {
            before: before && (await decide(before, witness)),
            after: after && (await decide(after, witness)),
        };
    } catch (error) {
        return { outcome: "not checked", why: `the evaluator could not evaluate it: ${(error as Error).message}` };
    }
    const expected = { before: newly === "denied", after: newly === "allowed" };
    const wrong = (["before", "after"] as const).filter(
        (side) => decisions[side] !== undefined && (decisions[side] === "Allowed") !== expected[side],
    );
    if (wrong.length === 0) {
        return { outcome: "agrees", ...decisions };
    }
    return {
        outcome: "disagrees",
        said: wrong
            .map(
                (side) =>
                    `the evaluator finds it ${decisions[side]} ${side === "before" ? "by the baseline's" : "by the new"} documents, ` +
                    `where the proof finds it ${expected[side] ? "allowed" : "denied"}`,
            )
            .join("; "),
    };
}

/** The evaluator loads only when there is a witness to check. */
async function decide(side: EvaluatedSide, witness: WitnessRequest): Promise<Decision> {
    const { decideByTrust, decideForPolicies } = await import("./iamEvaluator");
    if (side.kind === "trust") {
        if (side.trustPolicy === undefined) {
            return "ImplicitlyDenied";
        }
        return decideByTrust(
            side.trustPolicy,
            { principal: witness.principal!, context: witness.context },
            witness.action,
        );
    }
    return decideForPolicies(
        side.policies,
        // The proof's requests are made by the resource's own account: a witness on a resource of
        // another account is not a cross-account request, which its resource policy would decide.
        { action: witness.action, resource: witness.resource!, context: witness.context, fromResourceAccount: true },
        side.boundary,
    );
}
