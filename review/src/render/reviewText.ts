// The review as text for a terminal or a CI log: the verdict first, one line
// per role, then each role's details. No line is wider than 100 columns.
import type { Review, RoleReview } from "../verdict/reviewRoles";
import { actionsSaid, shownClasses } from "./reviewClasses";
import { verdictLine, replacedSaid, summaryLines } from "./verdictWords";
import { WIDTH, wrapLines } from "./wrapLines";

const HEADINGS: Record<string, string> = {
    "+": "newly allowed",
    "-": "newly denied",
    "?+": "possibly newly allowed (depends on text the review does not know)",
    "?-": "possibly newly denied (depends on text the review does not know)",
};

/** The review as lines of text. */
export function reviewAsText(review: Review): string {
    const lines = [...wrapLines(verdictLine(review), "")];
    if (review.roles.length > 0) {
        const rows = [
            ["ROLE", "NEWLY ALLOWED", "REPLACED", "ACCEPTED"],
            ...review.roles.map((role) => [
                role.component ? `${role.role} (${role.component})` : role.role,
                role.newlyAllowed,
                replacedSaid(role),
                role.accepted.length > 0 ? (role.broadensUnaccepted ? "in part" : "all") : "-",
            ]),
        ];
        const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
        // The role's column gives way so that a row fits in 100 columns.
        const others = widths.slice(1).reduce((sum, width) => sum + width + 2, 0);
        widths[0] = Math.min(widths[0], WIDTH - 2 - others);
        for (const row of rows) {
            const cells = row.map((cell, column) =>
                cell.length > widths[column] ? `${cell.slice(0, widths[column] - 1)}…` : cell.padEnd(widths[column]),
            );
            lines.push(`  ${cells.join("  ")}`.trimEnd());
        }
    }
    lines.push(...summaryLines(review).flatMap((line) => wrapLines(line, "")));
    for (const role of review.roles) {
        lines.push("", ...roleDetails(role));
    }
    return `${lines.join("\n")}\n`;
}

function roleDetails(role: RoleReview): string[] {
    const lines = wrapLines(`${role.role}: ${role.urn}`, "", "    ");
    if (role.lifecycle === "created") {
        lines.push(...wrapLines("created: everything it allows is newly allowed", "  "));
    } else if (role.lifecycle === "deleted") {
        lines.push(...wrapLines("deleted: everything it allowed is newly denied", "  "));
    } else if (role.lifecycle === "replaced") {
        lines.push(
            ...wrapLines(
                "replaced: it gets a new ARN (and role id); whatever names the old one (an export job's RoleArn, " +
                    "a trust policy elsewhere) must be updated",
                "  ",
                "    ",
            ),
        );
    }
    let heading = "";
    for (const shown of shownClasses(role)) {
        const title = `${HEADINGS[shown.mark]}${shown.kind === "trust" ? " (trust policy)" : ""}:`;
        if (title !== heading) {
            lines.push(`  ${title}`);
            heading = title;
        }
        const subject = shown.kind === "trust" ? "by" : "on";
        lines.push(...wrapLines(`${shown.mark} ${actionsSaid(shown)} ${subject} ${shown.scope}`, "    ", "        "));
        if (shown.context) {
            lines.push(...wrapLines(`when ${shown.context}`, "      ", "        "));
        }
        if (shown.dependsOn) {
            lines.push(...wrapLines(`if ${shown.dependsOn}`, "      ", "        "));
        }
        lines.push(...wrapLines(`in words: ${shown.words}`, "      ", "        "));
        for (const witness of shown.witnesses) {
            lines.push(...wrapLines(`witness: ${witness.request} (${witness.check})`, "      ", "        "));
        }
        if (shown.acceptedBy) {
            const until = shown.acceptedBy.expires ? `, until ${shown.acceptedBy.expires}` : "";
            lines.push(...wrapLines(`accepted: ${shown.acceptedBy.reason}${until}`, "      ", "        "));
        }
    }
    for (const reason of role.access.unevaluated) {
        lines.push(...wrapLines(`not decided: ${reason}`, "  ", "    "));
    }
    for (const note of role.access.narrowing) {
        lines.push(...wrapLines(`narrows: ${note}`, "  ", "    "));
    }
    for (const note of role.access.notes) {
        lines.push(...wrapLines(`note: ${note}`, "  ", "    "));
    }
    if (role.access.assumptions.length > 0) {
        lines.push("  the proof assumes:");
        for (const assumption of role.access.assumptions) {
            lines.push(...wrapLines(`- ${assumption}`, "    ", "      "));
        }
    }
    return lines;
}
