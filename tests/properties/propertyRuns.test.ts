import { strict as assert } from "assert";
import { DEFAULT_PROPERTY_RUNS, isCommonEnough, propertyRuns, QUICK_PROPERTY_RUNS } from "../support/propertyRuns";

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

    it("is a sample in the edit-run loop, unless FAST_CHECK_RUNS asks for more", () => {
        assert.ok(QUICK_PROPERTY_RUNS < DEFAULT_PROPERTY_RUNS);
        assert.equal(propertyRuns({ FAST_CHECK_QUICK: "1" }), QUICK_PROPERTY_RUNS);
        assert.equal(propertyRuns({ FAST_CHECK_QUICK: "0" }), DEFAULT_PROPERTY_RUNS);
        assert.equal(propertyRuns({ FAST_CHECK_QUICK: "1", FAST_CHECK_RUNS: "5000" }), 5000);
    });

    it("refuses a FAST_CHECK_RUNS that is not a whole number", () => {
        assert.throws(() => propertyRuns({ FAST_CHECK_RUNS: "lots" }), /FAST_CHECK_RUNS must be a whole number/);
        assert.throws(() => propertyRuns({ FAST_CHECK_RUNS: "1e5" }), /FAST_CHECK_RUNS must be a whole number/);
    });

    it("holds a full run, not the edit-run loop's sample, to how common each outcome must be", () => {
        assert.equal(isCommonEnough(99, DEFAULT_PROPERTY_RUNS, 1 / 20), false);
        assert.equal(isCommonEnough(100, DEFAULT_PROPERTY_RUNS, 1 / 20), true);
        assert.equal(isCommonEnough(0, QUICK_PROPERTY_RUNS, 1 / 20), true);
    });
});
