// The steps of an update: each registration of the program matched with the
// resource the baseline holds under its URN (or one of its aliases), its step
// decided as it registers, and a delete for every resource of the baseline the
// program no longer registers.
import { BaselineResource } from "../inputs/baseline";
import type { EngineAnswer, Registration } from "./registration";
import { decideStep, Dependency, PropertyChange, StepOp } from "./decideStep";
import { containsUnknown } from "./wireValues";

/** The step `pulumi up` would take for one resource. */
export interface PlanStep {
    readonly op: StepOp;
    readonly urn: string;
    readonly type: string;
    /** The resource's name in the program, the last part of its URN. */
    readonly name: string;
    /** The resource as the baseline holds it; absent for a create. */
    readonly before?: BaselineResource;
    /** The resource as the program registers it; absent for a delete. */
    readonly after?: Registration;
    /** The resource's outputs after the step, where they are known (a preview's `newState`); absent in the offline plan. */
    readonly afterOutputs?: Readonly<Record<string, unknown>>;
    /** The properties that change, for an update or replace. */
    readonly changes: readonly PropertyChange[];
    /** For a replace: whether the old resource is deleted before the new one is created. */
    readonly deleteBeforeReplace: boolean;
}

/** The last part of a URN: the resource's name. */
export function nameInUrn(urn: string): string {
    return urn.split("::").slice(3).join("::");
}

/** `aws:iam/role:Role "pinpoint-export-role"`: how a resource is named in messages. */
export function describeResource(type: string, name: string): string {
    return `${type} "${name}"`;
}

/**
 * Decides the steps of an update from `baseline` as the program registers its
 * resources, and answers each registration as the engine would in a preview:
 * a resource that stays (same or update) has the id and outputs the baseline
 * gives it, a new or replaced one has none yet (unknown).
 */
export class StepPlanner {
    private readonly steps: PlanStep[] = [];
    private readonly byUrn = new Map<string, PlanStep>();
    private readonly unmatched: Map<string, BaselineResource>;
    /** The URN the program uses now for each URN of the baseline it matched. */
    private readonly renamed = new Map<string, string>();

    constructor(baseline: readonly BaselineResource[]) {
        this.unmatched = new Map(baseline.map((resource) => [resource.urn, resource]));
    }

    /** Decides the step of one registration, and gives the engine's answer to it. */
    register(registration: Registration): EngineAnswer {
        const before = [registration.urn, ...registration.aliases]
            .map((urn) => this.unmatched.get(urn))
            .find((resource) => resource !== undefined);
        if (before) {
            this.unmatched.delete(before.urn);
            this.renamed.set(before.urn, registration.urn);
        }
        const decision = decideStep(
            registration.type,
            before && {
                inputs: before.inputs,
                propertyDependencies: before.propertyDependencies && this.translated(before.propertyDependencies),
            },
            registration,
            (urn) => this.dependency(urn),
        );
        const step: PlanStep = {
            ...decision,
            urn: registration.urn,
            type: registration.type,
            name: registration.name,
            before,
            after: registration,
        };
        this.steps.push(step);
        this.byUrn.set(step.urn, step);
        return answerFor(step);
    }

    /** Every step, in the order of registration, then the deletes, as the engine orders them. */
    finish(): PlanStep[] {
        const deletes = [...this.unmatched.values()].map((before): PlanStep => ({
            op: "delete",
            urn: before.urn,
            type: before.type,
            name: nameInUrn(before.urn),
            before,
            changes: [],
            deleteBeforeReplace: false,
        }));
        return [...this.steps, ...deletes];
    }

    private dependency(urn: string): Dependency | undefined {
        const step = this.byUrn.get(urn);
        return step && { op: step.op, description: `the ${describeResource(step.type, step.name)}` };
    }

    /** Dependencies recorded in the baseline, under the URNs the program uses now. */
    private translated(dependencies: Readonly<Record<string, readonly string[]>>): Record<string, string[]> {
        return Object.fromEntries(
            Object.entries(dependencies).map(([property, urns]) => [
                property,
                urns.map((urn) => this.renamed.get(urn) ?? urn),
            ]),
        );
    }
}

/**
 * What the engine would tell the program about a resource in a preview of the
 * update: a resource that stays keeps its id and outputs (those of its inputs
 * that change take their new values); a new or replaced one has none yet.
 */
function answerFor(step: PlanStep): EngineAnswer {
    if ((step.op !== "same" && step.op !== "update") || step.before === undefined) {
        return { id: undefined, state: {} };
    }
    const state: Record<string, unknown> = { ...step.before.outputs };
    for (const change of step.changes) {
        state[change.property] = change.after.state === "known" ? change.after.value : undefined;
    }
    // An absent output is unknown to the program, as in a preview.
    return {
        id: step.before.id,
        state: Object.fromEntries(
            Object.entries(state).filter(([, value]) => value !== undefined && !containsUnknown(value)),
        ),
    };
}
