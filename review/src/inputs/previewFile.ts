// The steps of `pulumi preview --json`, of any program in any language: the
// engine's own answer to what `pulumi up` will do. The shape is the CLI's
// PreviewDigest (pkg/backend/display/json.go of pulumi/pulumi v3.248.0):
// `steps` of `op`, `urn`, `oldState` and `newState` (each a ResourceV3 with
// `inputs`, `outputs` and `propertyDependencies`), `diffReasons`,
// `replaceReasons` and `detailedDiff`. Secrets are the string "[secret]" and
// values known only after apply are Pulumi's unknown sentinel. The offline
// plan's `npm run plan -- --json` has the same shape.
import { BaselineResource, isEngineResource } from "./baseline";
import type { PlanStep } from "../diff/planSteps";
import type { StepOp } from "../diff/decideStep";

/** What the engine says of one resource's step, beyond its states. */
export interface EngineStep {
    /** Every op the engine gives the resource, e.g. `create-replacement`, `replace`, `delete-replaced`. */
    readonly ops: readonly string[];
    /** The properties whose change makes the step replace the resource. */
    readonly replaceReasons: readonly string[];
    /** The properties that differ. */
    readonly diffReasons: readonly string[];
}

/** A step of the review: one resource, as the engine will change it. */
export type ReviewStep = PlanStep & { readonly engine: EngineStep };

/** A file that is not the output of `pulumi preview --json`. */
export class PreviewError extends Error {}

/** A ResourceV3 of the engine's JSON, as far as the review reads it. */
interface EngineState {
    readonly urn: string;
    readonly type: string;
    readonly custom?: boolean;
    readonly id?: string;
    readonly parent?: string;
    readonly inputs?: Record<string, unknown>;
    readonly outputs?: Record<string, unknown>;
    readonly propertyDependencies?: Record<string, string[]>;
}

interface EngineStepJson {
    readonly op?: unknown;
    readonly urn?: unknown;
    readonly oldState?: EngineState;
    readonly newState?: EngineState;
    readonly diffReasons?: unknown;
    readonly replaceReasons?: unknown;
}

/** The ops that replace a resource: the engine gives a replacement up to three steps. */
const REPLACING = new Set(["replace", "create-replacement", "delete-replaced", "import-replacement"]);

/** Ops that change nothing the review reads: a refresh, or the engine's own bookkeeping. */
const IGNORED = new Set(["refresh", "discard-replaced", "remove-pending-replace", "read-discard"]);

/** The op the review takes a resource's ops for. */
function reviewOp(ops: readonly string[]): StepOp {
    if (ops.some((op) => REPLACING.has(op))) {
        return "replace";
    }
    for (const op of ["delete", "create", "update"] as const) {
        if (ops.includes(op)) {
            return op;
        }
    }
    // An import adopts a resource whose state AWS holds and the stack does not: taken as a create,
    // so that everything it allows is shown.
    if (ops.includes("import")) {
        return "create";
    }
    return "same";
}

/** The last part of a URN: the resource's name. */
function nameOf(urn: string): string {
    return urn.split("::").slice(3).join("::");
}

function asResource(state: EngineState): BaselineResource {
    return {
        urn: state.urn,
        type: state.type,
        custom: state.custom === true,
        parent: state.parent,
        id: state.id,
        inputs: state.inputs ?? {},
        outputs: state.outputs,
        propertyDependencies: state.propertyDependencies,
    };
}

function strings(value: unknown): string[] {
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

/**
 * The steps of a preview, one per resource, in the order the engine first
 * names them: the ops of a replacement merged into one `replace`, the old
 * state from the first step that has one and the new state likewise. The
 * stack resource and the providers are left out.
 */
export function previewSteps(document: unknown, file: string): ReviewStep[] {
    const object = (typeof document === "object" && document !== null ? document : {}) as Record<string, unknown>;
    if (!("steps" in object) && ("changeSummary" in object || "config" in object)) {
        return []; // a preview with nothing to do: the CLI leaves `steps` out when it is empty
    }
    if (!Array.isArray(object.steps)) {
        throw new PreviewError(
            `${file} has no "steps": it is not the output of \`pulumi preview --json\`. ` +
                "Write it with `pulumi preview --json > preview.json`.",
        );
    }
    const byUrn = new Map<
        string,
        { ops: string[]; old?: EngineState; new?: EngineState; reasons: Set<string>; diffs: Set<string> }
    >();
    object.steps.forEach((raw: EngineStepJson, index) => {
        if (typeof raw?.op !== "string" || typeof raw.urn !== "string") {
            throw new PreviewError(`${file} has a step without an op and a urn (steps[${index}]).`);
        }
        for (const state of [raw.oldState, raw.newState]) {
            if (state !== undefined && (typeof state?.urn !== "string" || typeof state.type !== "string")) {
                throw new PreviewError(`${file} has a state without a urn and a type (steps[${index}]).`);
            }
        }
        if (IGNORED.has(raw.op)) {
            return;
        }
        let entry = byUrn.get(raw.urn);
        if (!entry) {
            entry = { ops: [], reasons: new Set(), diffs: new Set() };
            byUrn.set(raw.urn, entry);
        }
        entry.ops.push(raw.op);
        entry.old ??= raw.oldState;
        entry.new ??= raw.op === "delete" || raw.op === "delete-replaced" ? undefined : raw.newState;
        strings(raw.replaceReasons).forEach((reason) => entry.reasons.add(reason));
        strings(raw.diffReasons).forEach((reason) => entry.diffs.add(reason));
    });
    const steps: ReviewStep[] = [];
    for (const [urn, entry] of byUrn) {
        const type = (entry.new ?? entry.old)?.type ?? urn.split("::")[2]?.split("$").pop() ?? "";
        if (isEngineResource(type)) {
            continue;
        }
        let op = reviewOp(entry.ops);
        // A read resource is one the program looks up, not one it manages: its state is the same on both sides.
        const readOnly = entry.ops.every((each) => each === "read" || each === "read-replacement");
        const before = entry.old ? asResource(entry.old) : readOnly && entry.new ? asResource(entry.new) : undefined;
        const afterState = op === "delete" ? undefined : entry.new;
        if (op === "create" && before) {
            op = "replace"; // an import over a resource the stack held
        }
        steps.push({
            op,
            urn,
            type,
            name: nameOf(urn),
            before: op === "create" ? undefined : before,
            after: afterState && {
                urn: afterState.urn,
                type: afterState.type,
                name: nameOf(afterState.urn),
                custom: afterState.custom === true,
                parent: afterState.parent,
                inputs: afterState.inputs ?? {},
                aliases: [],
                propertyDependencies: afterState.propertyDependencies ?? {},
            },
            afterOutputs: afterState?.outputs,
            changes: [],
            deleteBeforeReplace: false,
            engine: { ops: entry.ops, replaceReasons: [...entry.reasons], diffReasons: [...entry.diffs] },
        });
    }
    return steps;
}
