// `npm run mutate` breaks each rule the proof encodes by an edit to the file
// that encodes it. An edit whose text has moved would break nothing, so each
// must still apply, once, and change what the file compiles to.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { PROJECT_DIR } from "../../tools/projectDir";
import { applyEdits, RULE_MUTATIONS } from "../../tools/mutate/ruleMutations";

describe("the rule mutations of `npm run mutate`", () => {
    it("each have an id of their own", () => {
        const ids = RULE_MUTATIONS.map((mutation) => mutation.id);
        assert.deepEqual(ids, [...new Set(ids)]);
    });

    for (const mutation of RULE_MUTATIONS) {
        it(`still apply to the proof: ${mutation.broken} (${mutation.id})`, () => {
            const source = fs.readFileSync(path.join(PROJECT_DIR, mutation.file), "utf8");
            const broken = applyEdits(source, mutation);
            assert.notEqual(broken, source);
            for (const edit of mutation.edits) {
                assert.notEqual(edit.from, edit.to);
            }
        });
    }
});
