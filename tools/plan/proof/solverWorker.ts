// The solver's own process: Z3 (its official WebAssembly build, z3-solver)
// decides the formulas of formula.ts. It runs apart from the plan because Z3
// does not always keep to its own time limit and its WebAssembly can crash
// the process that hosts it; the plan kills this one when it takes too long
// (solverProcess.ts), and a crash costs only the answer.
//
// Protocol: one problem per line of JSON on stdin, one line `ANSWER <json>`
// (the answers, in the queries' order) on stdout per problem. Z3 starts
// loading at once, so that it is ready by the time the plan has a problem.
import * as readline from "readline";
import type { Arith, Bool as Z3Bool, Context as Z3Context, IntNum as Z3IntNum } from "z3-solver";
import { Cube, Formula, holdsAt, SolverAnswer, SolverProblem } from "./formula";

type Context = Z3Context<"main">;
type Bool = Z3Bool<"main">;
type Int = Arith<"main">;
type IntNum = Z3IntNum<"main">;

const ready = (async (): Promise<Context> => {
    const { init } = await import("z3-solver");
    const { Context } = await init();
    return Context("main");
})();

/** Z3's Boolean for a formula over the variables `vars`. */
function encode(z3: Context, vars: readonly Int[], formula: Formula): Bool {
    switch (formula.op) {
        case "const":
            return z3.Bool.val(formula.value);
        case "in": {
            // Runs of consecutive values as ranges: the sets are mostly runs.
            const variable = vars[formula.variable];
            const tests: Bool[] = [];
            const values = formula.values;
            for (let start = 0; start < values.length;) {
                let end = start;
                while (end + 1 < values.length && values[end + 1] === values[end] + 1) {
                    end++;
                }
                tests.push(
                    start === end
                        ? variable.eq(values[start])
                        : z3.And(variable.ge(values[start]), variable.le(values[end])),
                );
                start = end + 1;
            }
            return tests.length === 1 ? tests[0] : z3.Or(...tests);
        }
        case "not":
            return z3.Not(encode(z3, vars, formula.arg));
        case "and":
            return z3.And(...formula.args.map((arg) => encode(z3, vars, arg)));
        case "or":
            return z3.Or(...formula.args.map((arg) => encode(z3, vars, arg)));
    }
}

function cubeFormula(cube: Cube): Formula {
    return { op: "and", args: cube.map((values, variable) => ({ op: "in", variable, values })) };
}

/**
 * Every request that satisfies the constraints and the target, as cubes:
 * Z3 finds one, which is widened variable by variable to the values that
 * keep it a request that satisfies the target, the widened cube is checked
 * by Z3 to hold only such requests (else the one request is the cube), and
 * excluded from the next search, until Z3 finds none: then the cubes are all.
 */
async function cubesOf(
    z3: Context,
    problem: SolverProblem,
    vars: readonly Int[],
    target: Formula,
    id: string,
): Promise<SolverAnswer> {
    const search = new z3.Solver();
    const checker = new z3.Solver();
    for (const solver of [search, checker]) {
        problem.variables.forEach((variable, index) => {
            solver.add(vars[index].ge(0), vars[index].lt(variable.size));
        });
        for (const constraint of problem.constraints) {
            solver.add(encode(z3, vars, constraint));
        }
    }
    search.add(encode(z3, vars, target));
    const wanted: Formula = { op: "and", args: [...problem.constraints, target] };
    const cubes: Cube[] = [];
    for (;;) {
        const result = await search.check();
        if (result === "unsat") {
            return cubes.length === 0 ? { id, status: "none" } : { id, status: "cubes", cubes, complete: true };
        }
        if (result === "unknown") {
            return { id, status: "unknown", reason: `Z3 answered unknown: ${search.reasonUnknown()}` };
        }
        if (cubes.length >= problem.maxCubes) {
            return { id, status: "cubes", cubes, complete: false };
        }
        const model = search.model();
        const point = vars.map((variable) => Number((model.eval(variable, true) as IntNum).value()));
        let cube: Cube = point.map((value, variable) =>
            Array.from({ length: problem.variables[variable].size }, (_, candidate) => candidate).filter(
                (candidate) =>
                    candidate === value ||
                    holdsAt(
                        wanted,
                        point.map((other, index) => (index === variable ? candidate : other)),
                    ),
            ),
        );
        checker.push();
        checker.add(encode(z3, vars, cubeFormula(cube)), z3.Not(encode(z3, vars, target)));
        const wider = await checker.check();
        checker.pop();
        if (wider !== "unsat") {
            cube = point.map((value) => [value]);
        }
        cubes.push(cube);
        search.add(z3.Not(encode(z3, vars, cubeFormula(cube))));
    }
}

async function answer(problem: SolverProblem): Promise<SolverAnswer[]> {
    if (problem.fault === "crash") {
        process.abort();
    }
    if (problem.fault === "hang") {
        await new Promise<never>(() => setInterval(() => undefined, 1 << 30));
    }
    const z3 = await ready;
    const vars = problem.variables.map((_, index) => z3.Int.const(`v${index}`));
    const answers: SolverAnswer[] = [];
    for (const query of problem.queries) {
        answers.push(await cubesOf(z3, problem, vars, query.target, query.id));
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
lines.on("close", () => {
    // Z3's threads keep the process alive: end it once every answer is written.
    void queue.then(() => process.exit(0));
});
