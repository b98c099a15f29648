import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { SETTING_RULES, SettingName } from "../../components/validation/exportRoleProblems";

import { PROJECT_DIR } from "../../tools/projectDir";

interface ConfigDeclaration {
    type?: string;
    description?: string;
}

describe("Pulumi.yaml", () => {
    const project = yaml.load(fs.readFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), "utf8")) as {
        name: string;
        runtime: unknown;
        config: Record<string, ConfigDeclaration>;
    };

    it("names the project pinpoint-export, the config namespace the program reads", () => {
        assert.equal(project.name, "pinpoint-export");
    });

    it("declares every setting but tags, with a type and a description", () => {
        // Pulumi's project config declares strings, integers, booleans and arrays only: no maps.
        const declarable = (Object.keys(SETTING_RULES) as SettingName[]).filter((setting) => setting !== "tags");
        assert.deepEqual(Object.keys(project.config).sort(), [...declarable].sort());
        for (const setting of declarable) {
            const declaration = project.config[setting];
            assert.equal(declaration.type, setting === "maxSessionDuration" ? "integer" : "string", setting);
            assert.ok((declaration.description ?? "").length > 20, `${setting} needs a description`);
        }
    });
});
