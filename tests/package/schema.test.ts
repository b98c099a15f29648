import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { ACCESS_PROFILES } from "../../components/policies/accessProfile";
import { EXPORT_ROLE_TYPE } from "../../components/exportRole";
import { ExportRoleProvider } from "../../components/exportRoleProvider";
import { PROJECT_DIR } from "../../tools/projectDir";
import {
    PackageSchema,
    packageSchema,
    PropertySchema,
    ResourceSchema,
    SCHEMA_FILE,
} from "../../tools/schema/packageSchema";

// What the schema must say of each argument: its type, whether it is
// required, and words its description must contain (the words a user of
// another language reads in the generated SDK).
const ARGUMENTS: readonly [name: string, type: PropertySchema, required: boolean, describedAs: string][] = [
    ["bucket", { type: "string" }, true, "existing S3 bucket"],
    ["folder", { type: "string" }, true, "folder (key prefix)"],
    ["applicationId", { type: "string" }, false, "Default: any project of the account in the region"],
    ["accountId", { type: "string" }, false, "Default: the account of the AWS provider's credentials"],
    ["region", { type: "string" }, false, "Default: the AWS provider's region"],
    ["roleName", { type: "string" }, false, "explicit name for the IAM role"],
    ["policyName", { type: "string" }, false, "explicit name for the IAM managed policy"],
    ["path", { type: "string" }, false, "IAM path of both the role and the policy"],
    ["permissionsBoundary", { type: "string" }, false, "permissions boundary"],
    ["maxSessionDuration", { type: "number" }, false, "from 3600 to 43200"],
    ["description", { type: "string" }, false, "description of the role"],
    [
        "tags",
        { type: "object", additionalProperties: { type: "string" } },
        false,
        "Tags for both the role and the policy",
    ],
    ["accessProfile", { $ref: "#/types/pinpoint-export:index:AccessProfile" }, false, "`writeOnly`"],
    ["kmsKeyArn", { type: "string" }, false, "KMS key that encrypts the bucket"],
];

const AWS_SCHEMA = (version: string) => `/aws/v${version}/schema.json#/resources/`;

// Every output, with its type (children are references to the AWS package's resources).
const OUTPUTS: readonly [name: string, type: (awsVersion: string) => PropertySchema, describedAs: string][] = [
    ["role", (v) => ({ $ref: `${AWS_SCHEMA(v)}aws:iam%2Frole:Role` }), "IAM role that Pinpoint assumes"],
    ["policy", (v) => ({ $ref: `${AWS_SCHEMA(v)}aws:iam%2Fpolicy:Policy` }), "IAM managed policy"],
    [
        "attachment",
        (v) => ({ $ref: `${AWS_SCHEMA(v)}aws:iam%2FrolePolicyAttachment:RolePolicyAttachment` }),
        "attachment of the policy to the role",
    ],
    ["roleArn", () => ({ type: "string" }), "`RoleArn` of CreateExportJob"],
    ["roleName", () => ({ type: "string" }), "name of the role"],
    ["policyArn", () => ({ type: "string" }), "ARN of the permission policy"],
    ["s3UrlPrefix", () => ({ type: "string" }), "`S3UrlPrefix` of CreateExportJob"],
];

/** A property's type, without its description and optionality. */
function typeOf(property: PropertySchema): PropertySchema {
    const { type, $ref, additionalProperties, items } = property;
    return JSON.parse(JSON.stringify({ type, $ref, additionalProperties, items })) as PropertySchema;
}

describe("the package schema (what `pulumi package add` generates SDKs from)", function () {
    this.timeout(60000);
    let schema: PackageSchema;
    let exportRole: ResourceSchema;
    let awsVersion: string;
    before(async () => {
        schema = await packageSchema();
        exportRole = schema.resources[EXPORT_ROLE_TYPE];
        awsVersion = (
            JSON.parse(fs.readFileSync(require.resolve("@pulumi/aws/package.json"), "utf8")) as {
                version: string;
            }
        ).version;
    });

    it("is the package pinpoint-export, with the one component pinpoint-export:index:ExportRole", () => {
        assert.equal(schema.name, "pinpoint-export");
        assert.deepEqual(Object.keys(schema.resources), ["pinpoint-export:index:ExportRole"]);
        assert.equal(exportRole.isComponent, true);
        assert.match(exportRole.description ?? "", /^An IAM role that Amazon Pinpoint can assume/);
        assert.deepEqual(Object.keys(schema.types), ["pinpoint-export:index:AccessProfile"]);
    });

    it("has accessProfile as an enum of the profiles, each described, so other languages' SDKs offer them", () => {
        const { type, enum: members } = schema.types["pinpoint-export:index:AccessProfile"] as {
            type: string;
            enum: { name: string; value: string; description?: string }[];
        };
        assert.equal(type, "string");
        assert.deepEqual(
            members.map(({ name, value }) => [name, value]),
            ACCESS_PROFILES.map((profile) => [profile, profile]),
        );
        assert.match(
            members.find((member) => member.value === "documented")?.description ?? "",
            /AWS's Pinpoint guide/,
        );
        assert.match(
            members.find((member) => member.value === "writeOnly")?.description ?? "",
            /not itself documented/,
        );
    });

    it("has exactly the documented arguments, each with its type, requiredness and description", () => {
        assert.deepEqual(
            Object.keys(exportRole.inputProperties),
            ARGUMENTS.map(([name]) => name),
        );
        for (const [name, type, required, describedAs] of ARGUMENTS) {
            const argument = exportRole.inputProperties[name];
            assert.deepEqual(typeOf(argument), type, `type of ${name}`);
            assert.equal(argument.optional === true, !required, `optional flag of ${name}`);
            assert.equal(exportRole.requiredInputs?.includes(name) ?? false, required, `requiredInputs has ${name}`);
            assert.equal(argument.plain, undefined, `${name} takes an Output, so it must not be plain`);
            assert.ok(argument.description?.includes(describedAs), `description of ${name}: ${argument.description}`);
        }
    });

    it("has exactly the documented outputs, all always set, the children as AWS resources", () => {
        // Pulumi makes every class property an output, private ones too: a new
        // field on ExportRole shows up here.
        assert.deepEqual(
            Object.keys(exportRole.properties),
            OUTPUTS.map(([name]) => name),
        );
        assert.deepEqual([...(exportRole.required ?? [])].sort(), OUTPUTS.map(([name]) => name).sort());
        for (const [name, type, describedAs] of OUTPUTS) {
            const output = exportRole.properties[name];
            assert.deepEqual(typeOf(output), type(awsVersion), `type of ${name}`);
            assert.ok(output.description?.includes(describedAs), `description of ${name}: ${output.description}`);
        }
        assert.deepEqual(schema.dependencies, [{ name: "aws", version: awsVersion }]);
    });

    it("is what the plugin's provider serves, and gives its version", () => {
        // The plugin serves schema.json as it is, rather than running the analyzer at every start.
        const provider = new ExportRoleProvider(PROJECT_DIR);
        assert.deepEqual(JSON.parse(provider.schema), schema);
        const { version } = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "package.json"), "utf8")) as {
            version: string;
        };
        assert.equal(provider.version, version);
    });

    it("has descriptions free of TSDoc markup, which other languages' SDKs would show verbatim", () => {
        const descriptions = [
            exportRole.description,
            ...Object.values(exportRole.inputProperties).map((property) => property.description),
            ...Object.values(exportRole.properties).map((property) => property.description),
            ...(schema.types["pinpoint-export:index:AccessProfile"] as { enum: { description?: string }[] }).enum.map(
                (member) => member.description,
            ),
        ];
        for (const description of descriptions) {
            assert.ok(description && !/\{@|^@\w/m.test(description), `description: ${description}`);
        }
    });

    it("is the schema committed in schema.json", () => {
        const committed = JSON.parse(fs.readFileSync(SCHEMA_FILE, "utf8")) as unknown;
        assert.deepEqual(
            schema,
            committed,
            "schema.json is out of date: run `npm run schema` and commit schema.json with the change.",
        );
    });
});
