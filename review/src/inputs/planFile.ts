import { BaselineError, BaselineResource, isEngineResource } from "./baseline";

interface PlannedState {
    readonly urn?: unknown;
    readonly type?: unknown;
    readonly custom?: unknown;
    readonly parent?: unknown;
    readonly inputs?: unknown;
    readonly propertyDependencies?: unknown;
}

/**
 * The resources a plan written by `npm run plan -- --json` says the stack
 * holds after its update: the `newState` of every step but a delete, and
 * not the stack resource or providers, should the file list them. A plan
 * knows no ids or outputs, and its inputs are the program's own, with
 * unknowns where AWS or the engine would supply the value.
 */
export function readPlanFile(file: string, document: { steps: unknown[] }): BaselineResource[] {
    return document.steps.flatMap((step, index) => {
        const { op, newState } = (step ?? {}) as { op?: unknown; newState?: PlannedState };
        if (op === "delete") {
            return [];
        }
        if (
            typeof newState?.urn !== "string" ||
            typeof newState.type !== "string" ||
            typeof newState.inputs !== "object" ||
            newState.inputs === null
        ) {
            throw new BaselineError(
                `The baseline ${file} has a step without a newState of urn, type and inputs (steps[${index}]): ` +
                    "it is not a plan written by `npm run plan -- --json`.",
            );
        }
        if (isEngineResource(newState.type)) {
            return [];
        }
        return [
            {
                urn: newState.urn,
                type: newState.type,
                custom: newState.custom === true,
                parent: typeof newState.parent === "string" ? newState.parent : undefined,
                inputs: newState.inputs as Record<string, unknown>,
                propertyDependencies: newState.propertyDependencies as Record<string, string[]> | undefined,
            },
        ];
    });
}
