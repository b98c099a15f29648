import { strict as assert } from "assert";
import { DEFAULT_PROPERTY_RUNS, propertyRuns } from "../support/propertyRuns";

describe("the number of cases each property runs", () => {
    it("is at least 2,000 by default", () => {
        assert.ok(DEFAULT_PROPERTY_RUNS >= 2000);
        assert.equal(propertyRuns({}), DEFAULT_PROPERTY_RUNS);
        assert.equal(propertyRuns({ FAST_CHECK_RUNS: "" }), DEFAULT_PROPERTY_RUNS);
    });

    it("is raised by FAST_CHECK_RUNS, but never lowered", () => {
        assert.equal(propertyRuns({ FAST_CHECK_RUNS: "50000" }), 50000);
        assert.equal(propertyRuns({ FAST_CHECK_RUNS: "10" }), DEFAULT_PROPERTY_RUNS);
    });

    it("refuses a FAST_CHECK_RUNS that is not a whole number", () => {
        assert.throws(() => propertyRuns({ FAST_CHECK_RUNS: "lots" }), /FAST_CHECK_RUNS must be a whole number/);
        assert.throws(() => propertyRuns({ FAST_CHECK_RUNS: "1e5" }), /FAST_CHECK_RUNS must be a whole number/);
    });
});
