import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { DEFAULT_ACCESS_PROFILE } from "../../components/policies/accessProfile";
import { REQUIRED_SETTINGS, SETTING_RULES, SettingName } from "../../components/validation/exportRoleProblems";
import { readStackSettings } from "../../program/stackSettings";

import { PROJECT_DIR } from "../../tools/projectDir";

interface ConfigDeclaration {
    type?: string;
    description?: string;
    default?: string | number | boolean;
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
        // tags is left out: declared, it would need a default to stay optional (see Pulumi.yaml).
        const declarable = (Object.keys(SETTING_RULES) as SettingName[]).filter((setting) => setting !== "tags");
        assert.deepEqual(Object.keys(project.config).sort(), [...declarable].sort());
        for (const setting of declarable) {
            const declaration = project.config[setting];
            assert.equal(declaration.type, setting === "maxSessionDuration" ? "integer" : "string", setting);
            assert.ok((declaration.description ?? "").length > 20, `${setting} needs a description`);
        }
    });

    it("leaves only bucket and folder without a default: Pulumi makes every stack set those", () => {
        const withoutDefault = Object.keys(project.config).filter((key) => !("default" in project.config[key]));
        assert.deepEqual(withoutDefault.sort(), [...REQUIRED_SETTINGS].sort());
    });

    it("has defaults that give the component's own defaults", () => {
        const config: Record<string, string> = {
            "pinpoint-export:bucket": "example-bucket",
            "pinpoint-export:folder": "Exports",
        };
        for (const [key, declaration] of Object.entries(project.config)) {
            if (declaration.default !== undefined) {
                config[`pinpoint-export:${key}`] = String(declaration.default);
            }
        }
        assert.deepEqual(readStackSettings(config, "dev").settings, {
            bucket: "example-bucket",
            folder: "Exports",
            path: "/",
            maxSessionDuration: 3600,
            accessProfile: DEFAULT_ACCESS_PROFILE,
        });
    });
});
