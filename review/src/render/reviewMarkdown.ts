// The review as Markdown for a pull request comment or `$GITHUB_STEP_SUMMARY`:
// the verdict and a table of roles first, then a table per role, with the
// witnesses folded away in <details>.
import type { Review, RoleReview } from "../verdict/reviewRoles";
import { actionsSaid, shownClasses } from "./reviewClasses";
import { replacedSaid, summaryLines, verdictLine } from "./verdictWords";

/** Text safe inside a Markdown table cell. */
function cell(text: string): string {
    return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\n/g, " ").replace(/\*/g, "\\*");
}

/** The review as Markdown. */
export function reviewAsMarkdown(review: Review): string {
    const lines = [`### pinpoint-export-review`, "", `**${verdictLine(review)}**`, ""];
    if (review.roles.length > 0) {
        lines.push("| Role | Newly allowed | Replaced | Accepted |", "| --- | --- | --- | --- |");
        for (const role of review.roles) {
            const name = role.component ? `\`${role.role}\` (${cell(role.component)})` : `\`${role.role}\``;
            const accepted = role.accepted.length > 0 ? (role.broadensUnaccepted ? "in part" : "all") : "-";
            lines.push(`| ${name} | ${role.newlyAllowed} | ${replacedSaid(role)} | ${accepted} |`);
        }
        lines.push("");
    }
    lines.push(...summaryLines(review).map((line) => `- ${line}`));
    for (const role of review.roles) {
        lines.push("", ...roleSection(role));
    }
    return `${lines.join("\n")}\n`;
}

function roleSection(role: RoleReview): string[] {
    const lines = [`#### \`${role.role}\``, "", `<sub>${role.urn}</sub>`, ""];
    if (role.lifecycle !== "kept") {
        const said = {
            created: "Created: everything it allows is newly allowed.",
            deleted: "Deleted: everything it allowed is newly denied.",
            replaced: "Replaced: it gets a new ARN; whatever names the old one must be updated.",
        }[role.lifecycle];
        lines.push(`**${said}**`, "");
    }
    const shown = shownClasses(role);
    if (shown.length > 0) {
        lines.push("| | Actions | Resource or principal | In words | Accepted |", "| --- | --- | --- | --- | --- |");
        for (const each of shown) {
            const scope = [each.scope, each.context && `when ${each.context}`, each.dependsOn && `if ${each.dependsOn}`]
                .filter(Boolean)
                .join("; ");
            const accepted = each.acceptedBy ? cell(each.acceptedBy.reason) : "";
            lines.push(
                `| ${each.mark} | ${cell(actionsSaid(each))} | ${cell(scope)} | ${cell(each.words)} | ${accepted} |`,
            );
        }
        lines.push("", "<details><summary>Witnesses</summary>", "");
        for (const each of shown) {
            for (const witness of each.witnesses) {
                lines.push(`- ${each.mark} \`${witness.request}\`: ${witness.check}`);
            }
        }
        lines.push("", "</details>");
    }
    for (const reason of role.access.unevaluated) {
        lines.push(`- **Not decided:** ${reason}`);
    }
    for (const note of [...role.access.narrowing.map((n) => `Narrows: ${n}`), ...role.access.notes]) {
        lines.push(`- ${note}`);
    }
    if (role.access.assumptions.length > 0) {
        lines.push("", "<details><summary>The proof assumes</summary>", "");
        lines.push(...role.access.assumptions.map((assumption) => `- ${assumption}`), "", "</details>");
    }
    return lines;
}
