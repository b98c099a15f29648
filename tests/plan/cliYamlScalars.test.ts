// How the plan reads a stack file's plain scalars: as go-yaml v3 resolves them
// in the Pulumi CLI, then as text for the program. The expected texts are the
// real CLI's (`pulumi config --json`, v3.248.0); tests/engine/configCorpus.test.ts
// checks a hundred more against the CLI itself.
import { strict as assert } from "assert";
import { cliScalarText, resolvePlainScalar } from "../../plan/cliYamlScalars";

/** The text the program receives for a plain scalar written as `written`. */
const programText = (written: string) => cliScalarText(resolvePlainScalar(written));

describe("a stack file's plain scalars, read as the Pulumi CLI reads them", () => {
    it("reads the issue's examples as `pulumi config --json` shows them", () => {
        assert.equal(programText("012345678901"), "12345678901");
        assert.equal(programText("0755"), "493");
        assert.equal(programText("1e3"), "1000");
        assert.equal(programText("0x1F"), "31");
        assert.equal(programText("07200"), "3712");
        assert.equal(programText("01234567890123456789012345678901"), "1.2345678901234568e+30");
        assert.equal(programText("2024-01-01"), "2024-01-01 00:00:00 +0000 UTC");
    });

    it("reads YAML 1.2's octal, binary, underscores, signs and exponents as Go's strconv does", () => {
        assert.equal(programText("0o17"), "15");
        assert.equal(programText("0b101"), "5");
        assert.equal(programText("0B101"), "5");
        assert.equal(programText("-0x1F"), "-31");
        assert.equal(programText("1_000"), "1000");
        assert.equal(programText("+12"), "12");
        assert.equal(programText("1.50"), "1.5");
        assert.equal(programText("-0.0"), "0");
        assert.equal(programText(".5_5"), "0.55");
        assert.equal(programText("1e-7"), "1e-7");
        assert.equal(programText("1e21"), "1e+21");
        // Beyond int64, an unsigned 64-bit int; beyond that, a float.
        assert.equal(programText("18446744073709551615"), "18446744073709551615");
        assert.equal(programText("18446744073709551616"), "18446744073709552000");
    });

    it("keeps as text what no rule of go-yaml v3 matches: YAML 1.1's yes and no, sexagesimals, bad octal", () => {
        for (const text of [
            "yes",
            "No",
            "on",
            "off",
            "1:30",
            "0o19",
            "0x",
            "1e400",
            "2024-13-01",
            "2024-01-01T10:00:00",
        ]) {
            assert.deepEqual(resolvePlainScalar(text), { kind: "str", value: text }, text);
        }
    });

    it("reads booleans, nulls and timestamps with their offsets and fractions as Go prints them", () => {
        assert.equal(programText("True"), "true");
        assert.equal(programText("FALSE"), "false");
        for (const text of ["", "~", "null", "Null", "NULL"]) {
            assert.equal(programText(text), "", text);
        }
        assert.equal(programText("2001-12-14t21:59:43.10-05:00"), "2001-12-14 21:59:43.1 -0500 -0500");
        assert.equal(programText("2024-1-2 3:04:05"), "2024-01-02 03:04:05 +0000 UTC");
        assert.equal(programText("2024-02-29T00:00:00Z"), "2024-02-29 00:00:00 +0000 UTC");
        assert.deepEqual(resolvePlainScalar("2023-02-29"), { kind: "str", value: "2023-02-29" });
    });

    it("has no text for NaN and the infinities, which the CLI cannot write as JSON", () => {
        for (const text of [".nan", ".inf", "-.Inf", "+.INF"]) {
            assert.equal(programText(text), undefined, text);
        }
    });
});
