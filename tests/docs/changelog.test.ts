import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { PROJECT_DIR } from "../../tools/projectDir";

describe("CHANGELOG.md", () => {
    it("has a section for the version package.json gives", () => {
        const { version } = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "package.json"), "utf8")) as {
            version: string;
        };
        const changelog = fs.readFileSync(path.join(PROJECT_DIR, "CHANGELOG.md"), "utf8");
        const sections = [...changelog.matchAll(/^## (\S+)/gm)].map(([, heading]) => heading);
        assert.ok(sections.includes(version), `no "## ${version}" section; it has ${sections.join(", ")}`);
    });
});
