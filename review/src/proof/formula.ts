// Boolean formulas over finite variables: what the solver decides. Each
// variable of an abstract request (its action group, the string class of its
// resource or principal, each condition key's class or absence) takes one
// of finitely many values, and every test a policy makes is "this variable's
// value is one of these". Plain data, so that it crosses to the solver's
// process as JSON.

/** A formula over variables numbered from 0, each with values 0 to its size less one. */
export type Formula =
    | { readonly op: "const"; readonly value: boolean }
    | { readonly op: "in"; readonly variable: number; readonly values: readonly number[] }
    | { readonly op: "not"; readonly arg: Formula }
    | { readonly op: "and" | "or"; readonly args: readonly Formula[] };

export const TRUE: Formula = { op: "const", value: true };
export const FALSE: Formula = { op: "const", value: false };

/** The variable's value is one of `values`. */
export function isIn(variable: number, values: Iterable<number>): Formula {
    const list = [...new Set(values)].sort((a, b) => a - b);
    return list.length === 0 ? FALSE : { op: "in", variable, values: list };
}

export function not(arg: Formula): Formula {
    if (arg.op === "const") {
        return arg.value ? FALSE : TRUE;
    }
    return arg.op === "not" ? arg.arg : { op: "not", arg };
}

export function and(...args: Formula[]): Formula {
    const kept = args.filter((arg) => !(arg.op === "const" && arg.value));
    if (kept.some((arg) => arg.op === "const" && !arg.value)) {
        return FALSE;
    }
    return kept.length === 0 ? TRUE : kept.length === 1 ? kept[0] : { op: "and", args: kept };
}

export function or(...args: Formula[]): Formula {
    const kept = args.filter((arg) => !(arg.op === "const" && !arg.value));
    if (kept.some((arg) => arg.op === "const" && arg.value)) {
        return TRUE;
    }
    return kept.length === 0 ? FALSE : kept.length === 1 ? kept[0] : { op: "or", args: kept };
}

export function implies(premise: Formula, conclusion: Formula): Formula {
    return or(not(premise), conclusion);
}

/** The formula's value when variable `i` has the value `point[i]`. */
export function holdsAt(formula: Formula, point: readonly number[]): boolean {
    switch (formula.op) {
        case "const":
            return formula.value;
        case "in":
            return formula.values.includes(point[formula.variable]);
        case "not":
            return !holdsAt(formula.arg, point);
        case "and":
            return formula.args.every((arg) => holdsAt(arg, point));
        case "or":
            return formula.args.some((arg) => holdsAt(arg, point));
    }
}

/**
 * A set of abstract requests that is a product: for each variable, the
 * values it may take. Every request of a cube the solver reports satisfies
 * the formula it was asked about.
 */
export type Cube = readonly (readonly number[])[];

/** A variable of the abstract request. */
export interface FiniteVariable {
    /** E.g. `action`, `resource`, `s3:prefix`. */
    readonly name: string;
    readonly size: number;
}

/** What the solver is asked: the requests that satisfy `constraints` and `target`, as cubes. */
export interface SolverQuery {
    readonly id: string;
    readonly target: Formula;
}

/** One problem for the solver: the variables, what every real request satisfies, and the questions. */
export interface SolverProblem {
    readonly variables: readonly FiniteVariable[];
    /** What every request satisfies: its resource is of its action's type, its keys are its action's. */
    readonly constraints: readonly Formula[];
    readonly queries: readonly SolverQuery[];
    /** The order in which a found request is widened into a cube; the variables' own order when absent. */
    readonly widenOrder?: readonly number[];
    /** At most this many cubes per query; the answer says whether they are all. */
    readonly maxCubes: number;
    /** For the fault tests only: make the solver process hang or crash. */
    readonly fault?: "hang" | "crash";
}

/** The solver's answer to one query. */
export type SolverAnswer =
    | { readonly id: string; readonly status: "none" }
    | { readonly id: string; readonly status: "cubes"; readonly cubes: readonly Cube[]; readonly complete: boolean }
    | { readonly id: string; readonly status: "unknown"; readonly reason: string };

/** The formula with `variable` fixed to `value`: each test of it becomes a constant. */
export function assign(formula: Formula, variable: number, value: number): Formula {
    switch (formula.op) {
        case "const":
            return formula;
        case "in":
            return formula.variable === variable ? { op: "const", value: formula.values.includes(value) } : formula;
        case "not":
            return not(assign(formula.arg, variable, value));
        case "and":
            return and(...formula.args.map((arg) => assign(arg, variable, value)));
        case "or":
            return or(...formula.args.map((arg) => assign(arg, variable, value)));
    }
}

/**
 * What holds whatever values `variables` take: the formula under every
 * assignment of them, each variable of size `sizes[i]`, joined by `and`.
 */
export function forEvery(formula: Formula, variables: readonly number[], sizes: readonly number[]): Formula {
    return variables.reduce(
        (current, variable) =>
            and(...Array.from({ length: sizes[variable] }, (_, value) => assign(current, variable, value))),
        formula,
    );
}
