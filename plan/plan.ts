import type { AccessChanges } from "../review/src/access/accessChanges";
import type { RoleAbilities } from "./roleAbilities";
import type { StackProof } from "./stackProofs";
import { Baseline } from "../review/src/inputs/baseline";
import { DocumentChange } from "../review/src/diff/documentChanges";
import { PlanStep } from "../review/src/diff/planSteps";
import { ProgramRecord } from "./recordProgram";
import { StackConfig } from "./stackConfig";

/** Everything an offline plan found, for the renderers. */
export interface Plan {
    readonly stackConfig: StackConfig;
    readonly record: ProgramRecord;
    /** One step per resource: the program's, in the order they register, then the deletes. */
    readonly steps: readonly PlanStep[];
    /** What the update starts from; absent when the plan is of a first `pulumi up`. */
    readonly baseline?: Baseline;
    /** The statement changes of the policy documents; with a baseline only. */
    readonly documentChanges?: readonly DocumentChange[];
    /** What changes for Pinpoint's access; with a baseline only. */
    readonly access?: AccessChanges;
    /** What is proved about the stack's own documents; without a baseline only. */
    readonly proofs?: readonly StackProof[];
    /** What each role the program creates can do, in words; without a baseline only. */
    readonly abilities?: readonly RoleAbilities[];
}

/** The URN of the stack resource that `pulumi up` makes the parent of every root resource. */
export function stackUrn(project: string, stack: string): string {
    return `urn:pulumi:${stack}::${project}::pulumi:pulumi:Stack::${project}-${stack}`;
}

/** How many resources each op concerns, in the CLI's order, leaving out ops with none. */
export function changeSummary(steps: readonly PlanStep[]): Record<string, number> {
    const summary: Record<string, number> = {};
    for (const op of ["create", "update", "replace", "delete", "same"] as const) {
        const count = steps.filter((step) => step.op === op).length;
        if (count > 0) {
            summary[op] = count;
        }
    }
    return summary;
}
