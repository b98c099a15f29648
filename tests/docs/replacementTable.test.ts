// docs/plan.md's "Replacements" table says what the plan decides by
// review/src/diff/providerRules.ts: one fact, written for readers there and
// for the plan here. This holds the two to each other.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { providerRules, typesWithRules } from "../../review/src/diff/providerRules";
import { PROJECT_DIR } from "../../tools/projectDir";

interface TableRow {
    readonly type: string;
    readonly replaced: string;
    readonly updated: string;
}

/** The rows of the table under `## Replacements`. */
function replacementTable(): TableRow[] {
    const text = fs.readFileSync(path.join(PROJECT_DIR, "docs", "plan.md"), "utf8");
    const section = text.split(/^## Replacements$/m)[1]?.split(/^## /m)[0] ?? "";
    return section
        .split("\n")
        .filter((line) => line.startsWith("| `"))
        .map((line) => {
            const [type, replaced, updated] = line
                .split("|")
                .slice(1, -1)
                .map((cell) => cell.trim());
            return { type: type.replace(/`/g, ""), replaced, updated };
        });
}

/** The names in backticks of a cell, e.g. `name`, `path`. */
function names(cell: string): string[] {
    return [...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1]).sort();
}

describe("docs/plan.md's replacement table", () => {
    const rows = replacementTable();

    it("has a row for each resource type the provider rules cover, and no other", () => {
        assert.deepEqual(rows.map((row) => row.type).sort(), typesWithRules().sort());
    });

    for (const type of typesWithRules()) {
        it(`says what replaces ${type}, as the rules do`, () => {
            const row = rows.find((candidate) => candidate.type === type)!;
            const rules = providerRules(type);
            if (rules.replacedOnChangeOf === "all") {
                assert.match(row.replaced, /it has no update/);
                assert.equal(row.updated, "—");
            } else {
                assert.deepEqual(names(row.replaced), [...rules.replacedOnChangeOf].sort());
                for (const input of names(row.updated)) {
                    assert.ok(!rules.replacedOnChangeOf.has(input), `${input} is said to update in place`);
                }
                for (const document of rules.policyDocuments) {
                    assert.ok(names(row.updated).includes(document), `${document} updates in place`);
                }
            }
        });
    }
});
