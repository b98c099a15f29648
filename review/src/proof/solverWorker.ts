// The solver's own process: Z3 (its official WebAssembly build, z3-solver)
// decides the formulas of formula.ts. It runs apart from the plan because Z3
// does not always keep to its own time limit and its WebAssembly can crash
// the process that hosts it; the plan kills this one when it takes too long
// (solverProcess.ts), and a crash costs only the answer.
//
// Protocol: one problem per line of JSON on stdin, one line `ANSWER <json>`
// (the answers, in the queries' order) or `FAILED <json>` on stdout per
// problem, and `READY` once Z3 is loaded. Z3 starts loading at once, so that
// it is ready by the time the plan has a problem.
import * as readline from "readline";
import type { Bool as Z3Bool, Context as Z3Context, Model as Z3Model, Solver as Z3Solver } from "z3-solver";
import { and, Cube, FiniteVariable, Formula, holdsAt, implies, SolverAnswer, SolverProblem } from "./formula";

type Context = Z3Context<"main">;
type Bool = Z3Bool<"main">;
type Model = Z3Model<"main">;
type Solver = Z3Solver<"main">;

const ready = (async (): Promise<Context> => {
    const { init } = await import("z3-solver");
    const { Context } = await init();
    const z3 = Context("main");
    // Z3's first check costs more than the rest: pay it while the plan is still running the program.
    const warm = new z3.Solver();
    warm.add(z3.Or(z3.Bool.const("warm"), z3.Bool.const("up")));
    await warm.check();
    return z3;
})();

/**
 * The variables as Z3 sees them: one Boolean per value of each ("the action
 * is group 3"), exactly one of them true. A formula over finite variables is
 * then plain propositional logic, which Z3's SAT core decides far faster than
 * the same tests over integers.
 */
class OneHot {
    private readonly values: Bool[][];
    /** Each test "this variable is one of these values" encoded once: formulas repeat them often. */
    private readonly tests = new Map<string, Bool>();

    constructor(
        private readonly z3: Context,
        variables: readonly FiniteVariable[],
    ) {
        this.values = variables.map((variable, index) =>
            Array.from({ length: variable.size }, (_, value) => z3.Bool.const(`v${index}_${value}`)),
        );
    }

    /** That each variable takes exactly one value. */
    domain(): Bool[] {
        return this.values.map((values) =>
            values.length === 1
                ? values[0]
                : this.z3.And(this.z3.Or(...values), this.z3.AtMost(values as [Bool, ...Bool[]], 1)),
        );
    }

    /** Z3's Boolean for `formula`. */
    encode(formula: Formula): Bool {
        const z3 = this.z3;
        switch (formula.op) {
            case "const":
                return z3.Bool.val(formula.value);
            case "in": {
                const key = `${formula.variable}:${formula.values.join(",")}`;
                let test = this.tests.get(key);
                if (!test) {
                    const values = this.values[formula.variable];
                    test =
                        formula.values.length === values.length
                            ? z3.Bool.val(true)
                            : formula.values.length === 1
                              ? values[formula.values[0]]
                              : z3.Or(...formula.values.map((value) => values[value]));
                    this.tests.set(key, test);
                }
                return test;
            }
            case "not":
                return z3.Not(this.encode(formula.arg));
            case "and":
                return z3.And(...formula.args.map((arg) => this.encode(arg)));
            case "or":
                return z3.Or(...formula.args.map((arg) => this.encode(arg)));
        }
    }

    /** The value of `variable` in `model`. */
    valueIn(model: Model, variable: number): number {
        const value = this.values[variable].findIndex((option) =>
            model.eval(option, true).eqIdentity(this.z3.Bool.val(true)),
        );
        if (value === -1) {
            throw new Error(`the model gives variable ${variable} no value`);
        }
        return value;
    }
}

/** The problem's solvers: one that finds requests, and one, made on first need, that checks a cube. */
interface Solvers {
    readonly search: Solver;
    readonly checker: () => Solver;
}

function cubeFormula(cube: Cube): Formula {
    return { op: "and", args: cube.map((values, variable) => ({ op: "in", variable, values })) };
}

/**
 * Every request that satisfies the constraints and the target, as cubes:
 * Z3 finds one request, which is widened one variable at a time, in the
 * problem's order, to every value that keeps each request of the cube one
 * that satisfies the target. Where the cube is small, each request of it is
 * checked here; else Z3 names a request of the wider cube that does not, and
 * its value is dropped, until none is left. The cube is then excluded from
 * the next search, until Z3 finds none: then the cubes are all. A cube that
 * lies inside a later, wider one is dropped.
 */
async function cubesOf(
    z3: Context,
    problem: SolverProblem,
    variables: OneHot,
    solvers: Solvers,
    target: Formula,
    id: string,
): Promise<SolverAnswer> {
    const { search } = solvers;
    const encoded = variables.encode(target);
    search.push();
    let checker: Solver | undefined;
    /** The solver that looks for a request of a cube that does not satisfy the target: made on first need. */
    const checking = () => {
        if (!checker) {
            checker = solvers.checker();
            checker.push();
            checker.add(z3.Not(encoded));
        }
        return checker;
    };
    try {
        search.add(encoded);
        const wanted = implies(and(...problem.constraints), target);
        const order = problem.widenOrder ?? problem.variables.map((_, index) => index);
        const cubes: Cube[] = [];
        for (;;) {
            const result = await search.check();
            if (result === "unsat") {
                const kept = withoutInner(cubes);
                return kept.length === 0
                    ? { id, status: "none" }
                    : { id, status: "cubes", cubes: kept, complete: true };
            }
            if (result === "unknown") {
                return { id, status: "unknown", reason: `Z3 answered unknown: ${search.reasonUnknown()}` };
            }
            if (cubes.length >= problem.maxCubes) {
                return { id, status: "cubes", cubes: withoutInner(cubes), complete: false };
            }
            const model = search.model();
            const cube: number[][] = problem.variables.map((_, variable) => [variables.valueIn(model, variable)]);
            for (const variable of order) {
                if (widenByEnumeration(cube, variable, problem, wanted)) {
                    continue;
                }
                const candidates = new Set(
                    Array.from({ length: problem.variables[variable].size }, (_, value) => value).filter(
                        (value) => value !== cube[variable][0],
                    ),
                );
                const checker = checking();
                while (candidates.size > 0) {
                    checker.push();
                    checker.add(
                        variables.encode(
                            cubeFormula(cube.map((values, index) => (index === variable ? [...candidates] : values))),
                        ),
                    );
                    const outside = await checker.check();
                    if (outside === "unsat") {
                        checker.pop();
                        cube[variable] = [...cube[variable], ...candidates].sort((a, b) => a - b);
                        break;
                    }
                    if (outside === "unknown") {
                        checker.pop();
                        break; // keep the values proved so far
                    }
                    candidates.delete(variables.valueIn(checker.model(), variable));
                    checker.pop();
                }
            }
            cubes.push(cube);
            search.add(z3.Not(variables.encode(cubeFormula(cube))));
        }
    } finally {
        search.pop();
        checker?.pop();
    }
}

/** At most this many requests are enumerated to widen a cube by one variable; past it, Z3 widens it. */
const ENUMERATION_LIMIT = 50_000;

/**
 * Widens `cube` in `variable` to each value for which every request of the
 * wider cube satisfies `wanted` (the constraints imply the target), by
 * enumerating them; false, leaving the cube as it is, when there are too many.
 */
function widenByEnumeration(cube: number[][], variable: number, problem: SolverProblem, wanted: Formula): boolean {
    const others = cube.reduce((count, values, index) => (index === variable ? count : count * values.length), 1);
    const size = problem.variables[variable].size;
    if (others * size > ENUMERATION_LIMIT) {
        return false;
    }
    const kept: number[] = [];
    for (let value = 0; value < size; value++) {
        const slice = cube.map((values, index) => (index === variable ? [value] : values));
        if (value === cube[variable][0] || everyPoint(slice, (point) => holdsAt(wanted, point))) {
            kept.push(value);
        }
    }
    cube[variable] = kept;
    return true;
}

/** Whether `test` holds at every point of the cube. */
function everyPoint(cube: readonly (readonly number[])[], test: (point: readonly number[]) => boolean): boolean {
    const point = cube.map((values) => values[0]);
    const visit = (variable: number): boolean => {
        if (variable === cube.length) {
            return test(point);
        }
        for (const value of cube[variable]) {
            point[variable] = value;
            if (!visit(variable + 1)) {
                return false;
            }
        }
        return true;
    };
    return visit(0);
}

/** The cubes, but those that lie inside another. */
function withoutInner(cubes: readonly Cube[]): Cube[] {
    const within = (inner: Cube, outer: Cube) =>
        inner.every((values, variable) => values.every((value) => outer[variable].includes(value)));
    return cubes.filter(
        (cube, index) =>
            !cubes.some(
                (other, otherIndex) =>
                    otherIndex !== index && within(cube, other) && (!within(other, cube) || otherIndex < index),
            ),
    );
}

async function answer(problem: SolverProblem): Promise<SolverAnswer[]> {
    if (problem.fault === "crash") {
        process.abort();
    }
    if (problem.fault === "hang") {
        await new Promise<never>(() => setInterval(() => undefined, 1 << 30));
    }
    const z3 = await ready;
    const variables = new OneHot(z3, problem.variables);
    // What every request satisfies, encoded once; each query then in a scope of its own.
    const base = [...variables.domain(), ...problem.constraints.map((constraint) => variables.encode(constraint))];
    const withBase = () => {
        const solver = new z3.Solver();
        solver.add(...base);
        return solver;
    };
    let checker: Solver | undefined;
    const solvers: Solvers = { search: withBase(), checker: () => (checker ??= withBase()) };
    const answers: SolverAnswer[] = [];
    for (const query of problem.queries) {
        answers.push(await cubesOf(z3, problem, variables, solvers, query.target, query.id));
    }
    return answers;
}

const lines = readline.createInterface({ input: process.stdin });
let queue = Promise.resolve();
lines.on("line", (line) => {
    queue = queue.then(async () => {
        try {
            const answers = await answer(JSON.parse(line) as SolverProblem);
            process.stdout.write(`ANSWER ${JSON.stringify(answers)}\n`);
        } catch (error) {
            process.stdout.write(`FAILED ${JSON.stringify(String((error as Error)?.stack ?? error))}\n`);
        }
    });
});
// Say when Z3 is loaded: the plan's limit on each problem runs from then.
ready.then(
    () => process.stdout.write("READY\n"),
    () => undefined, // each problem's answer says why
);
lines.on("close", () => {
    // Z3's threads hold process.exit for twenty seconds: once every answer is written (writes to a
    // pipe are synchronous on Linux, and the plan reads nothing after it closes stdin), go at once.
    void queue.then(() => process.kill(process.pid, "SIGKILL"));
});
