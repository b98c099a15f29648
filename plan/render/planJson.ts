// The plan in the shape of `pulumi preview --json`.
import { PlanStep } from "../../review/src/diff/planSteps";
import { changeSummary, Plan, stackUrn } from "../plan";
import { verdict } from "./accessText";
import { stepWarnings } from "./stepWarnings";

/**
 * The plan as `pulumi preview --json` shapes it: `config` (a secret as
 * `[secret]`; with our own `unreadConfig`, the secret keys, the ESC
 * environments and the keys they may set, which are unknown), and one step per
 * resource with its `op`, `urn` and, where they exist, `oldState` and
 * `newState` (`urn`, `custom`, `type`, `parent`, `inputs`, and the
 * dependencies of each input). Update and replace steps carry `diffReasons`,
 * `replaceReasons` and `detailedDiff`, as the CLI's do, and replace steps our
 * own `deleteBeforeReplace`, and a step whose consequences go beyond the
 * resource our own `warnings` (a replaced role's new ARN). Beside `steps` are `outputs` (the stack outputs;
 * the CLI itself has no such key), `changeSummary` (every op, `same`
 * included) and, against a baseline, `statementChanges` and `accessChanges`.
 * Unknown values are Pulumi's unknown sentinel, as in the CLI's own output.
 */
export function planAsJson(plan: Plan): object {
    const root = stackUrn(plan.stackConfig.project, plan.stackConfig.stack);
    const { config, secretKeys, environments, unseenKeys } = plan.stackConfig;
    return {
        // A secret as the CLI's JSON shows it: never its value, nor its ciphertext.
        config: Object.fromEntries(
            Object.entries(config).map(([key, value]) => [key, secretKeys.includes(key) ? "[secret]" : value]),
        ),
        ...(secretKeys.length > 0 || environments.length > 0
            ? { unreadConfig: { secretKeys, environments, unseenKeys } }
            : {}),
        steps: plan.steps.map((step) => stepAsJson(step, root)),
        outputs: plan.record.outputs,
        changeSummary: changeSummary(plan.steps),
        ...(plan.proofs ? { proofs: plan.proofs } : {}),
        ...(plan.abilities ? { abilities: plan.abilities } : {}),
        ...(plan.documentChanges ? { statementChanges: plan.documentChanges } : {}),
        ...(plan.access
            ? {
                  accessChanges: {
                      broadening: plan.access.broadening,
                      decidedBy: plan.access.decidedBy,
                      verdict: verdict(plan.access),
                      permissions: plan.access.permissions,
                      trust: plan.access.trust,
                      unevaluated: plan.access.unevaluated,
                      narrowing: plan.access.narrowing,
                      notes: plan.access.notes,
                      assumptions: plan.access.assumptions,
                  },
              }
            : {}),
    };
}

function stepAsJson(step: PlanStep, root: string): object {
    const { before, after } = step;
    const changed = step.op === "update" || step.op === "replace";
    const replaceReasons = step.changes.filter((change) => change.kind.endsWith("-replace"));
    const dependencies = after && Object.entries(after.propertyDependencies).filter(([, urns]) => urns.length > 0);
    const warnings = stepWarnings(step);
    return {
        op: step.op,
        urn: step.urn,
        ...(before
            ? {
                  oldState: {
                      urn: before.urn,
                      custom: before.custom,
                      type: before.type,
                      ...(before.id !== undefined ? { id: before.id } : {}),
                      parent: before.parent ?? root,
                      inputs: before.inputs,
                      ...(before.outputs ? { outputs: before.outputs } : {}),
                      // As the CLI's oldState does: the review joins a baseline's unknown values by them.
                      ...(before.propertyDependencies ? { propertyDependencies: before.propertyDependencies } : {}),
                  },
              }
            : {}),
        ...(after
            ? {
                  newState: {
                      urn: after.urn,
                      custom: after.custom,
                      type: after.type,
                      parent: after.parent ?? root,
                      inputs: after.inputs,
                      ...(dependencies && dependencies.length > 0
                          ? {
                                dependencies: [...new Set(dependencies.flatMap(([, urns]) => urns))],
                                propertyDependencies: Object.fromEntries(dependencies),
                            }
                          : {}),
                      ...(after.aliases.length > 0 ? { aliases: after.aliases } : {}),
                  },
              }
            : {}),
        ...(changed
            ? {
                  diffReasons: step.changes.map((change) => change.property),
                  ...(step.op === "replace"
                      ? {
                            replaceReasons: replaceReasons.map((change) => change.property),
                            deleteBeforeReplace: step.deleteBeforeReplace,
                        }
                      : {}),
                  detailedDiff: Object.fromEntries(
                      step.changes.map((change) => [change.property, { kind: change.kind, inputDiff: true }]),
                  ),
              }
            : {}),
        ...(warnings.length > 0 ? { warnings } : {}),
    };
}
