// The review as JSON, for tools: the verdict first, then every role with
// every class, all actions named.
import { broadensUnaccepted, Review } from "../verdict/reviewRoles";
import { shownClasses } from "./reviewClasses";
import { verdictLine } from "./verdictWords";

/** The review as a JSON value. */
export function reviewAsJson(review: Review): object {
    return {
        verdict: verdictLine(review),
        broadensUnaccepted: broadensUnaccepted(review),
        roles: review.roles.map((role) => ({
            role: role.role,
            ...(role.component ? { component: role.component } : {}),
            urn: role.urn,
            newlyAllowed: role.newlyAllowed,
            lifecycle: role.lifecycle,
            broadensUnaccepted: role.broadensUnaccepted,
            classes: shownClasses(role),
            notDecided: role.access.unevaluated,
            narrowing: role.access.narrowing,
            notes: role.access.notes,
            assumptions: role.access.assumptions,
        })),
        unchangedRoles: review.unchangedRoles,
        replacements: review.replacements,
        witnessEngine: review.witnessEngine,
        ...(review.acceptFile ? { acceptFile: review.acceptFile, expired: review.expired } : {}),
    };
}
