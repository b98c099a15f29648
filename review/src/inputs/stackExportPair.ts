// Two `pulumi stack export` files, before and after a change, as steps: the
// resources matched by URN, a resource whose id changed taken as replaced.
import { isDeepStrictEqual } from "util";
import { BaselineResource } from "./baseline";
import type { ReviewStep } from "./previewFile";

/** The steps that lead from the resources of `before` to those of `after`. */
export function exportSteps(before: readonly BaselineResource[], after: readonly BaselineResource[]): ReviewStep[] {
    const old = new Map(before.map((resource) => [resource.urn, resource]));
    const steps: ReviewStep[] = after.map((next) => {
        const previous = old.get(next.urn);
        old.delete(next.urn);
        const same = previous && isDeepStrictEqual(previous.inputs, next.inputs);
        const op = !previous
            ? "create"
            : previous.id !== undefined && next.id !== undefined && previous.id !== next.id
              ? "replace"
              : same
                ? "same"
                : "update";
        return {
            op,
            urn: next.urn,
            type: next.type,
            name: next.urn.split("::").slice(3).join("::"),
            before: previous,
            after: {
                urn: next.urn,
                type: next.type,
                name: next.urn.split("::").slice(3).join("::"),
                custom: next.custom,
                parent: next.parent,
                inputs: next.inputs,
                aliases: [],
                propertyDependencies: next.propertyDependencies ?? {},
            },
            afterOutputs: next.outputs,
            changes: [],
            deleteBeforeReplace: false,
            engine: { ops: [op], replaceReasons: [], diffReasons: [] },
        };
    });
    for (const previous of old.values()) {
        steps.push({
            op: "delete",
            urn: previous.urn,
            type: previous.type,
            name: previous.urn.split("::").slice(3).join("::"),
            before: previous,
            changes: [],
            deleteBeforeReplace: false,
            engine: { ops: ["delete"], replaceReasons: [], diffReasons: [] },
        });
    }
    return steps;
}
