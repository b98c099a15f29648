import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { PROJECT_DIR } from "../../tools/projectDir";
import { PHASES } from "../../tools/test/phases";

const SCRIPTS = (
    JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "package.json"), "utf8")) as { scripts: Record<string, string> }
).scripts;

describe("the phases of npm test", () => {
    it("are scripts of package.json, so that `npm run <script>` runs any one alone, as npm test runs it", () => {
        assert.deepEqual(
            PHASES.filter((phase) => SCRIPTS[phase.script] === undefined).map((phase) => phase.script),
            [],
            "phases whose script package.json lacks",
        );
        assert.match(SCRIPTS.test, /tools\/test\/main\.ts$/);
    });

    it("include every check `npm run lint` makes, and no phase twice", () => {
        const scripts = PHASES.map((phase) => phase.script);
        assert.equal(new Set(scripts).size, scripts.length);
        for (const [, part] of SCRIPTS.lint.matchAll(/npm run -s ([\w:]+)/g)) {
            assert.ok(scripts.includes(part), `npm test does not run ${part}, a part of npm run lint`);
        }
    });

    it("wait only for phases that exist", () => {
        const names = new Set(PHASES.map((phase) => phase.name));
        assert.deepEqual(
            PHASES.flatMap((phase) => phase.after.filter((name) => !names.has(name))),
            [],
        );
    });
});
