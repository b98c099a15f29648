// The classes of a string variable: every combination of "in" and "not in"
// its patterns that some string has, each with a shortest string. The proof
// is only as sound as this split is complete and its witnesses are true.
import { strict as assert } from "assert";
import { ClassLimitError, isWithin, stringClasses } from "../../../review/src/proof/stringClasses";
import { exactPattern, globPattern, matchesPattern, StringPattern } from "../../../review/src/proof/stringPattern";
import { resourcePattern } from "../../../review/src/proof/subjectPatterns";

/** The classes as "in"/"not in" signatures ("10": in the first pattern only), sorted. */
function signatures(patterns: readonly StringPattern[]): string[] {
    return stringClasses(patterns)
        .map((found) => found.inside.map((bit) => (bit ? "1" : "0")).join(""))
        .sort();
}

describe("the string classes of a variable, without a solver", () => {
    it("finds every combination a string can have, and no other", () => {
        // A string in Exports/daily is in Exports/*; one can be in neither, or in the glob alone.
        assert.deepEqual(signatures([globPattern("Exports/*"), exactPattern("Exports/daily")]), ["00", "10", "11"]);
        // Two globs that overlap without either holding the other: all four combinations.
        assert.deepEqual(signatures([globPattern("a*"), globPattern("*z")]), ["00", "01", "10", "11"]);
        // Two values no string can both be.
        assert.deepEqual(signatures([exactPattern("a"), exactPattern("b")]), ["00", "01", "10"]);
    });

    it("gives each class a witness that is in exactly the patterns its class says", () => {
        const patterns = [
            resourcePattern("arn:aws:s3:::b/Exports/*"),
            resourcePattern("arn:aws:s3:::b/Exports/daily/*"),
            resourcePattern("arn:*:s3:::*"),
            globPattern("*${*}*"),
        ];
        const classes = stringClasses(patterns);
        assert.ok(classes.length >= 5, `only ${classes.length} classes`);
        for (const found of classes) {
            assert.deepEqual(
                patterns.map((pattern) => matchesPattern(pattern, found.witness)),
                found.inside,
                `the witness ${JSON.stringify(found.witness)}`,
            );
        }
    });

    it("gives the shortest witness, in readable characters, a name after a trailing slash", () => {
        const [outside, inside] = stringClasses([globPattern("Exports/*")]).sort(
            (a, b) => Number(a.inside[0]) - Number(b.inside[0]),
        );
        assert.equal(outside.witness, "");
        // The filler is the first of x, y, z... that no pattern names: Exports names x.
        assert.equal(inside.witness, "Exports/y");
        const nonEmpty = stringClasses([globPattern("x*"), exactPattern("")]).find(
            (found) => !found.inside[0] && !found.inside[1],
        )!;
        assert.equal(nonEmpty.witness, "y");
    });

    it("reads one pattern within another off the classes", () => {
        const patterns = [globPattern("Exports/*"), globPattern("Exports/daily/*"), globPattern("Imports/*")];
        const classes = stringClasses(patterns);
        assert.equal(isWithin(classes, 1, 0), true);
        assert.equal(isWithin(classes, 0, 1), false);
        assert.equal(isWithin(classes, 2, 0), false);
    });

    it("refuses a split past its limit with ClassLimitError, not a hang", () => {
        const patterns = Array.from({ length: 12 }, (_, index) => globPattern(`*${"ab"[index % 2]}${index}*`));
        assert.throws(() => stringClasses(patterns, 50), ClassLimitError);
    });
});
