// How many cases each property test runs: at least 2,000 in `npm test`, more
// for a deep run with FAST_CHECK_RUNS (e.g. `FAST_CHECK_RUNS=100000 npx mocha`),
// and a sample in the edit-run loop (`npm run test:unit` sets FAST_CHECK_QUICK).

/** The cases each property runs by default. */
export const DEFAULT_PROPERTY_RUNS = 2000;

/** The cases each property runs in the edit-run loop: a smoke test of the property, not its proof. */
export const QUICK_PROPERTY_RUNS = 100;

/**
 * The cases each property runs: FAST_CHECK_RUNS when it is set, never fewer
 * than the default; else the quick sample when FAST_CHECK_QUICK is 1; else the default.
 */
export function propertyRuns(environment: NodeJS.ProcessEnv = process.env): number {
    const text = environment.FAST_CHECK_RUNS;
    if (text === undefined || text === "") {
        return environment.FAST_CHECK_QUICK === "1" ? QUICK_PROPERTY_RUNS : DEFAULT_PROPERTY_RUNS;
    }
    if (!/^\d+$/.test(text)) {
        throw new Error(`FAST_CHECK_RUNS must be a whole number of cases, not ${JSON.stringify(text)}`);
    }
    return Math.max(DEFAULT_PROPERTY_RUNS, Number(text));
}

/**
 * Whether an outcome a property saw `count` times in `runs` cases is as common
 * as it must be for the property to prove something: at least `share` of the
 * cases. Only a full run is held to it. The edit-run loop's sample is too small
 * for a share to be safe from chance (an outcome of 10% is seen five times or
 * fewer in 100 cases about once in twenty samples), so there it always passes.
 */
export function isCommonEnough(count: number, runs: number, share: number): boolean {
    return runs < DEFAULT_PROPERTY_RUNS || count >= runs * share;
}
