// The verdict in words, shared by the text and Markdown renderers.
import { broadensUnaccepted, Review, RoleReview } from "../verdict/reviewRoles";

/** How the role's own identity changes, for the REPLACED column. */
export function replacedSaid(role: RoleReview): string {
    switch (role.lifecycle) {
        case "replaced":
            return "yes";
        case "deleted":
            return "deleted";
        case "created":
            return "new role";
        default:
            return "no";
    }
}

/** The first line: what the gate decides, in one sentence. */
export function verdictLine(review: Review): string {
    const widening = review.roles.filter((role) => role.newlyAllowed === "yes").length;
    const undecided = review.roles.filter((role) => role.newlyAllowed === "not decided").length;
    const verdict = broadensUnaccepted(review)
        ? "BROADENS ACCESS"
        : widening + undecided > 0
          ? "broadens access only as accepted"
          : "does not broaden access";
    const parts = [
        `${review.roles.length} role${review.roles.length === 1 ? "" : "s"} changed`,
        `${widening} newly allow${widening === 1 ? "s" : ""} requests`,
        ...(undecided > 0 ? [`${undecided} not decided`] : []),
        `${review.replacements.length} role or policy replaced or deleted`,
    ];
    return `Verdict: ${verdict} (${parts.join(", ")}).`;
}

/** What stands under the table: replacements, the witness engine, the accept list. */
export function summaryLines(review: Review): string[] {
    const lines: string[] = [];
    if (review.unchangedRoles > 0) {
        lines.push(`${review.unchangedRoles} other role(s): nothing that decides their access changes.`);
    }
    for (const replacement of review.replacements) {
        lines.push(
            `${replacement.op === "replace" ? "Replaced" : "Deleted"}: ${replacement.type} "${replacement.name}"` +
                (replacement.op === "replace" ? " (its ARN changes)" : ""),
        );
    }
    lines.push(
        review.witnessEngine === "none"
            ? "Witnesses: not re-checked; install @cloud-copilot/iam-simulate (AGPL-3.0) to re-check them."
            : `Witnesses: re-checked by ${review.witnessEngine}.`,
    );
    for (const entry of review.expired) {
        lines.push(
            `Accept list ${review.acceptFile}: the entry for ${entry.role} (${entry.actions.join(", ")}) expired on ` +
                `${entry.expires} and no longer applies.`,
        );
    }
    return lines;
}
