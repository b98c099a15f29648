// What decides the export role's access, before and after an update: its
// permission policy, its trust policy and its permissions boundary, taken from
// the steps of the Policy and the Role under the same ExportRole.
import { PropertyValue } from "../diff/decideStep";
import { PlanStep } from "../diff/planSteps";
import { inputValue } from "../diff/wireValues";

/** The documents that decide what one export role may do. */
export interface RoleAccess {
    readonly permissionPolicy: PropertyValue;
    readonly trustPolicy: PropertyValue;
    readonly permissionsBoundary: PropertyValue;
}

/** One export role's access before and after the update. */
export interface AccessPair {
    /** The role, as its step names it, e.g. `pinpoint-export-role`. */
    readonly role: string;
    readonly before: RoleAccess;
    readonly after: RoleAccess;
}

const POLICY = "aws:iam/policy:Policy";
const ROLE = "aws:iam/role:Role";

/**
 * The access of every export role, before and after, grouped by the
 * component that owns the Policy and the Role. A component the program no
 * longer registers and one it registers anew (a rename without an alias) are
 * taken as the same role when each is the only one of its kind.
 */
export function accessPairs(steps: readonly PlanStep[]): AccessPair[] {
    const groups = new Map<string, PlanStep[]>();
    for (const step of steps.filter((candidate) => candidate.type === POLICY || candidate.type === ROLE)) {
        const owner = step.after?.parent ?? step.before?.parent ?? "";
        groups.set(owner, [...(groups.get(owner) ?? []), step]);
    }
    const owned = [...groups.values()];
    const onlyBefore = owned.filter((group) => group.every((step) => step.after === undefined));
    const onlyAfter = owned.filter((group) => group.every((step) => step.before === undefined));
    const merged =
        onlyBefore.length === 1 && onlyAfter.length === 1
            ? [
                  ...owned.filter((group) => group !== onlyBefore[0] && group !== onlyAfter[0]),
                  [...onlyBefore[0], ...onlyAfter[0]],
              ]
            : owned;
    return merged.map((group) => {
        const role = group.find((step) => step.type === ROLE && step.after) ?? group.find((step) => step.type === ROLE);
        const access = (side: "before" | "after"): RoleAccess => {
            const inputsOf = (type: string) => group.find((step) => step.type === type && step[side])?.[side]?.inputs;
            return {
                permissionPolicy: inputValue(inputsOf(POLICY)?.policy),
                trustPolicy: inputValue(inputsOf(ROLE)?.assumeRolePolicy),
                permissionsBoundary: inputValue(inputsOf(ROLE)?.permissionsBoundary),
            };
        };
        return { role: role?.name ?? "the export role", before: access("before"), after: access("after") };
    });
}
