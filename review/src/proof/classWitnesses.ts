// A witness of a class of requests: one concrete request of the cube that
// satisfies the question, with a resource that fits its action's ARN template
// wherever one can be found, and the policy variables' values it needs.
import { Cube, Formula, holdsAt } from "./formula";
import type { TypedTargets, WitnessRequest } from "./requestClasses";
import { RequestSpace } from "./requestSpace";
import { keyVariableNumber } from "./requestVariables";
import { bindVariables } from "./variableWitnesses";

/** How many points of a cube are tried for a witness whose resource fits its action. */
const WITNESS_TRIES = 20;

/** How many of a group's ARN templates are tried for each point. */
const WITNESS_TEMPLATES = 8;

/**
 * A request of the cube that satisfies `wanted`, with a resource that fits its
 * action: one of an action whose resource type the space holds, if the cube
 * has one, else one whose resource is made to fit the action's ARN template.
 */
export function witnessOf(
    space: RequestSpace,
    cube: Cube,
    wanted: Formula,
    typed: TypedTargets,
): WitnessRequest | undefined {
    let fallback: WitnessRequest | undefined;
    let tries = 0;
    // Resources in a partition the policies name first: arn:aws:s3:::x, not arn:z:s3:::x.
    const classes = [
        ...cube[1].filter((subjectClass) => space.inNamedPartition(subjectClass)),
        ...cube[1].filter((subjectClass) => !space.inNamedPartition(subjectClass)),
    ];
    for (const point of pointsIn([cube[0], classes, ...cube.slice(2)], wanted)) {
        const context: Record<string, string | string[]> = {};
        space.keys.forEach((key, index) => {
            const value = key.values[point[keyVariableNumber(index)]];
            if (value.kind !== "absent") {
                context[key.key] = value.kind === "set" ? [...value.witness] : value.witness;
            }
        });
        // The policy variables' values, where the point says a pattern with one holds.
        const bind = (resource: string | undefined) => bindVariables(space, point, resource, context).context;
        const bound = (resource: string) => bindVariables(space, point, resource, context).resource!;
        const ofGroup = typed.targets.filter((entry) => entry.group === point[0]).map((entry) => entry.target);
        const subjectClass = space.subjectClasses[point[1]];
        if (space.kind === "trust") {
            return { action: ofGroup[0].action, principal: subjectClass.witness, context: bind(undefined) };
        }
        if (typed.format !== undefined) {
            const resource = space.readableResource(point[1]);
            return { action: ofGroup[0].action, resource: bound(resource), context: bind(resource) };
        }
        // One of the first actions of different ARN templates whose template a resource of the class fits.
        const templates = [...new Map(ofGroup.map((target) => [target.arnTemplate, target])).values()];
        for (const target of templates.slice(0, WITNESS_TEMPLATES)) {
            const resource = space.resourceFor(point[1], target);
            if (resource !== undefined) {
                return { action: target.action, resource: bound(resource), context: bind(resource) };
            }
        }
        fallback ??= { action: ofGroup[0].action, resource: subjectClass.witness, context: bind(subjectClass.witness) };
        if (++tries >= WITNESS_TRIES) {
            break;
        }
    }
    return fallback;
}

/** The points of the cube, in its own order, that satisfy `wanted`. */
function* pointsIn(cube: Cube, wanted: Formula): Generator<number[]> {
    const point = cube.map((values) => values[0]);
    function* search(variable: number): Generator<number[]> {
        if (variable === cube.length) {
            if (holdsAt(wanted, point)) {
                yield [...point];
            }
            return;
        }
        for (const value of cube[variable]) {
            point[variable] = value;
            yield* search(variable + 1);
        }
    }
    yield* search(0);
}
