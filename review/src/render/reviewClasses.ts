// The classes of a role's review as the renderers show them: classes that say
// the same resources, context and dependence merged into one, so that no
// line repeats another, each with its words and what accepts it.
import { AccessEntry, describeWitness } from "../access/accessChanges";
import type { AcceptedEntry } from "../verdict/acceptList";
import { inWords } from "../verdict/plainWords";
import type { RoleReview } from "../verdict/reviewRoles";

/** One line of a role's details. */
export interface ShownClass {
    /** `+` newly allowed, `-` newly denied, `?+` and `?-` possibly, depending on unknown text. */
    readonly mark: "+" | "-" | "?+" | "?-";
    /** Permissions, or who may assume the role. */
    readonly kind: "permissions" | "trust";
    readonly actions: readonly string[];
    readonly actionCount: number;
    /** The resources, or the principals for the trust policy. */
    readonly scope: string;
    readonly context: string;
    readonly dependsOn?: string;
    readonly words: string;
    /** The witnesses of the merged classes, with what the second engine said of each. */
    readonly witnesses: readonly { readonly request: string; readonly check: string }[];
    readonly acceptedBy?: AcceptedEntry;
}

function checkSaid(entry: AccessEntry): string {
    const check = entry.evaluator;
    return check.outcome === "agrees"
        ? "re-checked: agrees"
        : check.outcome === "disagrees"
          ? `re-checked: DISAGREES (${check.said})`
          : `not re-checked: ${check.why}`;
}

/** Every class of the role, merged, in the order: newly allowed, newly denied, possibly allowed, possibly denied. */
export function shownClasses(role: RoleReview): ShownClass[] {
    const shown: ShownClass[] = [];
    const lists = [
        ["+", "permissions", role.access.permissions.newlyAllowed],
        ["+", "trust", role.access.trust.newlyAllowed],
        ["-", "permissions", role.access.permissions.newlyDenied],
        ["-", "trust", role.access.trust.newlyDenied],
        ["?+", "permissions", role.access.permissions.possiblyNewlyAllowed],
        ["?+", "trust", role.access.trust.possiblyNewlyAllowed],
        ["?-", "permissions", role.access.permissions.possiblyNewlyDenied],
        ["?-", "trust", role.access.trust.possiblyNewlyDenied],
    ] as const;
    for (const [mark, kind, list] of lists) {
        const merged = new Map<string, ShownClass>();
        for (const entry of list) {
            const acceptedBy = role.accepted.find((accepted) => accepted.entry === entry)?.by;
            const scope = entry.resource ?? entry.principal ?? "";
            const key = JSON.stringify([scope, entry.context, entry.dependsOn ?? "", acceptedBy?.reason ?? ""]);
            const witness = { request: describeWitness(entry.witness), check: checkSaid(entry) };
            const before = merged.get(key);
            if (before) {
                const actions = [...new Set([...before.actions, ...entry.actions])];
                merged.set(key, {
                    ...before,
                    actions,
                    actionCount: before.actionCount + entry.actionCount,
                    words: inWords({ ...entry, actions }),
                    witnesses: [...before.witnesses, witness],
                });
            } else {
                merged.set(key, {
                    mark,
                    kind,
                    actions: entry.actions,
                    actionCount: entry.actionCount,
                    scope,
                    context: entry.context,
                    ...(entry.dependsOn ? { dependsOn: entry.dependsOn } : {}),
                    words: inWords(entry),
                    witnesses: [witness],
                    ...(acceptedBy ? { acceptedBy } : {}),
                });
            }
        }
        shown.push(...merged.values());
    }
    return shown;
}

/** At most this many actions are named in text and Markdown; the JSON names them all. */
export const SHOWN_ACTIONS = 6;

/** The actions of a class, at most `SHOWN_ACTIONS` named, with a count of the rest. */
export function actionsSaid(shown: ShownClass): string {
    const named = shown.actions.slice(0, SHOWN_ACTIONS).join(", ");
    const more = shown.actions.length - SHOWN_ACTIONS;
    return more > 0 ? `${named} and ${more} more` : named;
}
