// The review of a change, one role at a time: for every role, what the change
// newly allows and denies (proved, for every request), whether it is created,
// deleted or replaced, and which of its broadening a reviewed accept list
// covers. The verdict of the gate follows from these alone.
import { AccessChanges, AccessEntry, compareAccess } from "../access/accessChanges";
import { accessPairs } from "../access/roleAccess";
import type { WitnessEngine } from "../access/witnessEngine";
import type { PlanStep } from "../diff/planSteps";
import type { SolverSession } from "../proof/solverProcess";
import { AcceptedEntry, acceptingEntry, AcceptList } from "./acceptList";

/** Whether a role's change newly allows requests. */
export type NewlyAllowed = "yes" | "no" | "not decided";

/** What happens to the role itself. */
export type Lifecycle = "created" | "deleted" | "replaced" | "kept";

/** A newly allowed class that an entry of the accept list covers. */
export interface AcceptedClass {
    readonly entry: AccessEntry;
    readonly by: AcceptedEntry;
}

/** The review of one role. */
export interface RoleReview {
    /** The role resource's name, e.g. `exports-role`. */
    readonly role: string;
    /** The name of the component it belongs to, e.g. `exports`; absent for a role at the stack's root. */
    readonly component?: string;
    readonly urn: string;
    readonly lifecycle: Lifecycle;
    readonly newlyAllowed: NewlyAllowed;
    readonly access: AccessChanges;
    /** The newly allowed classes (proved or possible) that the accept list covers. */
    readonly accepted: readonly AcceptedClass[];
    /** Whether the role broadens access beyond what the accept list covers (or may, undecided). */
    readonly broadensUnaccepted: boolean;
}

/** A role or policy that the change replaces or deletes: its ARN changes or goes. */
export interface Replacement {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly op: "replace" | "delete";
}

/** The review of a whole change. */
export interface Review {
    /** Every role whose access may change, or that is created, deleted or replaced. */
    readonly roles: readonly RoleReview[];
    /** How many roles the change leaves as they are, documents and all. */
    readonly unchangedRoles: number;
    readonly replacements: readonly Replacement[];
    /** The engine that re-checked the witnesses, e.g. `@cloud-copilot/iam-simulate 0.1.173`, or `none`. */
    readonly witnessEngine: string;
    /** The accept list's expired entries, which no longer apply. */
    readonly expired: readonly AcceptedEntry[];
    /** The accept file, when one was given. */
    readonly acceptFile?: string;
}

/** What the review needs besides the steps. */
export interface ReviewContext {
    readonly session: SolverSession;
    readonly engine: WitnessEngine;
    readonly accept?: AcceptList;
}

const REPLACEABLE = new Set(["aws:iam/role:Role", "aws:iam/policy:Policy", "aws:iam/rolePolicy:RolePolicy"]);

/** The name in a URN: its last part. */
function nameOf(urn: string): string {
    return urn.split("::").slice(3).join("::");
}

/** Reviews every role of `steps`. */
export async function reviewSteps(steps: readonly PlanStep[], context: ReviewContext): Promise<Review> {
    const byUrn = new Map(steps.map((step) => [step.urn, step]));
    const roles: RoleReview[] = [];
    let unchangedRoles = 0;
    for (const pair of accessPairs(steps, { pairRenames: false })) {
        const step = byUrn.get(pair.urn!)!;
        const access = await compareAccess([pair], context.session, context.engine.check);
        const lifecycle: Lifecycle = !pair.before
            ? "created"
            : !pair.after
              ? "deleted"
              : step.op === "replace"
                ? "replaced"
                : "kept";
        if (lifecycle === "kept" && access.questions === 0 && access.unevaluated.length === 0) {
            unchangedRoles++;
            continue;
        }
        const parent = (step.after ?? step.before)?.parent;
        const component = parent && !parent.includes("::pulumi:pulumi:Stack::") ? nameOf(parent) : undefined;
        const names = { role: pair.role, component, urn: step.urn };
        const widening = [...allowedClasses(access.permissions), ...allowedClasses(access.trust)];
        const accepted = widening.flatMap((entry) => {
            const by = acceptingEntry(context.accept, names, entry);
            return by ? [{ entry, by }] : [];
        });
        const proved = access.permissions.newlyAllowed.length + access.trust.newlyAllowed.length > 0;
        // A reason that only says listed classes are possibly newly allowed the accept list may cover;
        // any other (not decided, a dependency that disagrees, the engines disagreeing) it cannot.
        const otherReasons = access.unevaluated.filter((reason) => !access.possiblyBroadening.includes(reason)).length;
        const complete = access.permissions.complete && access.trust.complete;
        roles.push({
            ...names,
            lifecycle,
            newlyAllowed: proved ? "yes" : access.unevaluated.length > 0 ? "not decided" : "no",
            access,
            accepted,
            broadensUnaccepted:
                accepted.length < widening.length || otherReasons > 0 || (!complete && widening.length > 0),
        });
    }
    const replacements = steps
        .filter((step) => REPLACEABLE.has(step.type) && (step.op === "replace" || step.op === "delete"))
        .map((step) => ({ urn: step.urn, type: step.type, name: step.name, op: step.op as "replace" | "delete" }));
    return {
        roles,
        unchangedRoles,
        replacements,
        witnessEngine: context.engine.name,
        expired: context.accept?.expired ?? [],
        ...(context.accept ? { acceptFile: context.accept.file } : {}),
    };
}

function allowedClasses(changes: AccessChanges["permissions"]): AccessEntry[] {
    return [...changes.newlyAllowed, ...changes.possiblyNewlyAllowed];
}

/** Whether any role broadens access beyond the accept list, or may. */
export function broadensUnaccepted(review: Review): boolean {
    return review.roles.some((role) => role.broadensUnaccepted);
}
