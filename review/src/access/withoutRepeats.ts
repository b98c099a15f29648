// The proof's classes of one difference, so that none repeats another. The
// proof splits requests by the regions of the resources, so it may say "44
// actions on Exports/* but not Exports/daily/*" and then "43 of them on
// Exports/*": the second already holds those 43 actions on the first's
// region. Here the first keeps only the actions the second does not have.
import type { RequestClass } from "../proof/requestClasses";

/** What the first class of a pair becomes: its actions less `actions`, with a witness among those left. */
function without(found: RequestClass, actions: ReadonlySet<string>): RequestClass | undefined {
    const left = found.actions.filter((action) => !actions.has(action));
    if (left.length === 0) {
        return undefined;
    }
    // A class is every action of it on every resource of its region, so another of its actions on the
    // witness's resource, with its context, is in the class too.
    const action = left.includes(found.witness.action) ? found.witness.action : left[0];
    // Whatever else the class says stays; it no longer holds every action of its service.
    const kept: { -readonly [key in keyof RequestClass]?: RequestClass[key] } = { ...found };
    delete kept.everyActionOf;
    return {
        ...(kept as RequestClass),
        actions: left,
        actionCount: left.length,
        witness: { ...found.witness, action },
    };
}

/** Whether `list` names actions one by one, not `service:*` or `*`, so that it can be taken apart. */
function explicit(actions: readonly string[]): boolean {
    return actions.every((action) => !action.endsWith("*"));
}

/**
 * `classes` with every class A of the form "P but not Q" stripped of the
 * actions of a class B on all of "P" (with the same context and dependence):
 * B already holds them on A's region. A class left with no action goes.
 */
export function withoutRepeats(classes: readonly RequestClass[]): RequestClass[] {
    return classes.flatMap((found) => {
        const [inside, ...outside] = found.scope.split(" but not ");
        if (outside.length === 0 || !explicit(found.actions)) {
            return [found];
        }
        const covering = classes.filter(
            (other) =>
                other !== found &&
                other.scope === inside &&
                other.context === found.context &&
                other.dependsOn === found.dependsOn &&
                explicit(other.actions) &&
                other.actions.every((action) => found.actions.includes(action)),
        );
        if (covering.length === 0) {
            return [found];
        }
        const stripped = without(found, new Set(covering.flatMap((other) => other.actions)));
        return stripped ? [stripped] : [];
    });
}
