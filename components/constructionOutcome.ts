import * as pulumi from "@pulumi/pulumi";

// How the construction of each component ended, kept beside the component
// rather than on it, so that it is neither part of the component's API nor of
// the schema Pulumi's analyzer reads from the class.
const outcomes = new WeakMap<pulumi.ComponentResource, Promise<void>>();

/**
 * Records how the construction of `component` ends: resolved once its late
 * values passed their checks and its children are registered, rejected with
 * the one error that says what went wrong.
 *
 * In a TypeScript program nobody awaits it, so a failure is an unhandled
 * rejection, which the program runner prints, once, as the program's error. A
 * component provider awaits it instead (exportRoleProvider.ts), and answers
 * the engine with it.
 */
export function recordOutcome(component: pulumi.ComponentResource, outcome: Promise<void>): void {
    outcomes.set(component, outcome);
}

/** How the construction of `component` ends, as {@link recordOutcome} recorded it. */
export function outcomeOf(component: pulumi.ComponentResource): Promise<void> {
    const outcome = outcomes.get(component);
    if (!outcome) {
        throw new Error(`No outcome was recorded for ${component.constructor.name}`);
    }
    return outcome;
}
