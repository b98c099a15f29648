import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { EXPORT_ROLE_TYPE } from "../../components/exportRole";
import { PROJECT_DIR } from "../../tools/projectDir";
import { PackageSchema, SCHEMA_FILE } from "../../tools/schema/packageSchema";

// The Python and YAML examples cannot run here (they need the Pulumi CLI to
// generate their SDKs), so they are held to the schema those SDKs are
// generated from: schema.json, which the schema test keeps current.
const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, "utf8")) as PackageSchema;
const exportRole = schema.resources[EXPORT_ROLE_TYPE];
const inputs = Object.keys(exportRole.inputProperties);
const outputs = Object.keys(exportRole.properties);
const required = exportRole.requiredInputs ?? [];
// The values the schema's enum type allows for accessProfile.
const accessProfileRef = exportRole.inputProperties.accessProfile.$ref!.replace(/^#\/types\//, "");
const ACCESS_PROFILES = (schema.types[accessProfileRef] as { enum: { value: string }[] }).enum.map(
    (member) => member.value,
);

function example(...segments: string[]): string {
    return fs.readFileSync(path.join(PROJECT_DIR, "examples", ...segments), "utf8");
}

/** A schema property name as Pulumi's Python SDKs spell it: `s3UrlPrefix` is `s3_url_prefix`. */
function pythonName(name: string): string {
    return name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
}

describe("the examples for other languages", () => {
    it("YAML: each ExportRole has the component's token, known and required arguments, and known outputs", () => {
        const program = yaml.load(example("yaml", "Pulumi.yaml")) as {
            resources: Record<string, { type: string; properties: Record<string, unknown> }>;
            outputs: Record<string, string>;
        };
        const roles = Object.entries(program.resources).filter(([, resource]) =>
            resource.type.startsWith("pinpoint-export:"),
        );
        assert.equal(roles.length, 2);
        for (const [name, resource] of roles) {
            assert.equal(resource.type, EXPORT_ROLE_TYPE, `type of ${name}`);
            const given = Object.keys(resource.properties);
            assert.deepEqual(
                given.filter((argument) => !inputs.includes(argument)),
                [],
                `unknown arguments of ${name}`,
            );
            assert.deepEqual(
                required.filter((argument) => !given.includes(argument)),
                [],
                `missing arguments of ${name}`,
            );
            const profile = resource.properties.accessProfile;
            assert.ok(profile === undefined || ACCESS_PROFILES.includes(profile as never), `accessProfile of ${name}`);
        }
        for (const reference of Object.values(program.outputs)) {
            const [, resource, output] = /^\$\{(\w+)\.(\w+)\}$/.exec(reference) ?? [];
            assert.ok(program.resources[resource], `output ${reference} names a resource`);
            assert.ok(outputs.includes(output), `output ${reference} names an output of ExportRole`);
        }
    });

    it("Python: each ExportRole call uses known and required keyword arguments, and known outputs", () => {
        const source = example("python", "__main__.py");
        const calls = [...source.matchAll(/^(\w+) = pinpoint_export\.ExportRole\(\n([\s\S]*?)^\)/gm)];
        assert.equal(calls.length, 2);
        for (const [, variable, body] of calls) {
            const given = [...body.matchAll(/^\s+(\w+)=/gm)].map(([, keyword]) => keyword);
            assert.deepEqual(
                given.filter((keyword) => !inputs.map(pythonName).includes(keyword)),
                [],
                `unknown keywords of ${variable}`,
            );
            assert.deepEqual(
                required.map(pythonName).filter((keyword) => !given.includes(keyword)),
                [],
                `missing keywords of ${variable}`,
            );
            const used = [...source.matchAll(new RegExp(`\\b${variable}\\.(\\w+)`, "g"))].map(([, name]) => name);
            assert.ok(used.length > 0, `${variable} is used`);
            assert.deepEqual(
                used.filter((name) => !outputs.map(pythonName).includes(name)),
                [],
                `unknown outputs of ${variable}`,
            );
        }
        // The SDK's enum, as a type checker wants it (tests/engine/packageSchema.test.ts runs mypy on it).
        assert.doesNotMatch(source, /access_profile="/, "access_profile takes pinpoint_export.AccessProfile, not text");
        for (const [, member] of source.matchAll(/access_profile=pinpoint_export\.AccessProfile\.(\w+)/g)) {
            const profile = member.toLowerCase().replace(/_(\w)/g, (_, letter: string) => letter.toUpperCase());
            assert.ok(ACCESS_PROFILES.includes(profile), `access_profile AccessProfile.${member}`);
        }
    });
});
