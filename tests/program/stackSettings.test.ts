import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { ExportRoleInputError } from "../../components/exportRoleInputError";
import { readStackSettings } from "../../program/stackSettings";

/** Sets the stack's whole config, as the CLI does, and reads the settings back through the SDK. */
function settingsFor(config: Record<string, string>, secretKeys: string[] = []) {
    pulumi.runtime.setAllConfig(config);
    return readStackSettings(pulumi.runtime.allConfig(), "dev", new Set(secretKeys)).settings;
}

function problemsFor(config: Record<string, string>, secretKeys: string[] = []): string {
    try {
        settingsFor(config, secretKeys);
    } catch (error) {
        assert.ok(error instanceof ExportRoleInputError, String(error));
        assert.ok(pulumi.RunError.isInstance(error));
        return error.message;
    }
    assert.fail("the config was accepted");
}

const MINIMAL = { "pinpoint-export:bucket": "example-bucket", "pinpoint-export:folder": "Exports" };

describe("the stack's config", () => {
    it("gives every ExportRole argument under the pinpoint-export namespace, decoding numbers and maps", () => {
        assert.deepEqual(
            settingsFor({
                ...MINIMAL,
                "pinpoint-export:applicationId": "0123456789abcdef0123456789abcdef",
                "pinpoint-export:accountId": "123456789012",
                "pinpoint-export:region": "us-west-2",
                "pinpoint-export:roleName": "PinpointExport",
                "pinpoint-export:policyName": "PinpointExportS3",
                "pinpoint-export:path": "/service-role/",
                "pinpoint-export:permissionsBoundary": "arn:aws:iam::123456789012:policy/Boundary",
                "pinpoint-export:maxSessionDuration": "7200",
                "pinpoint-export:description": "Exports",
                "pinpoint-export:tags": '{"team":"growth"}',
                "pinpoint-export:accessProfile": "writeOnly",
                "pinpoint-export:kmsKeyArn": "arn:aws:kms:us-west-2:123456789012:key/abcd",
            }),
            {
                bucket: "example-bucket",
                folder: "Exports",
                applicationId: "0123456789abcdef0123456789abcdef",
                accountId: "123456789012",
                region: "us-west-2",
                roleName: "PinpointExport",
                policyName: "PinpointExportS3",
                path: "/service-role/",
                permissionsBoundary: "arn:aws:iam::123456789012:policy/Boundary",
                maxSessionDuration: 7200,
                description: "Exports",
                tags: { team: "growth" },
                accessProfile: "writeOnly",
                kmsKeyArn: "arn:aws:kms:us-west-2:123456789012:key/abcd",
            },
        );
    });

    it("leaves out what is not set, so the component's defaults apply", () => {
        assert.deepEqual(settingsFor({ ...MINIMAL, "other-project:bucket": "ignored" }), {
            bucket: "example-bucket",
            folder: "Exports",
        });
    });

    it("leaves an optional key that is empty to the component's default, as Pulumi.yaml's defaults do", () => {
        assert.deepEqual(
            settingsFor({
                ...MINIMAL,
                "pinpoint-export:applicationId": "",
                "pinpoint-export:accountId": "",
                "pinpoint-export:region": "",
                "pinpoint-export:kmsKeyArn": "",
                "pinpoint-export:description": "",
                "aws:region": "eu-west-1",
            }),
            { bucket: "example-bucket", folder: "Exports", region: "eu-west-1" },
        );
    });

    it("refuses an empty bucket or folder, which are required", () => {
        const message = problemsFor({ "pinpoint-export:bucket": "", "pinpoint-export:folder": "" });
        assert.match(message, /- pinpoint-export:bucket: "" is 0 characters long/);
        assert.match(message, /- pinpoint-export:folder: "" is empty once/);
    });

    it("takes tag values set as numbers or booleans as text", () => {
        assert.deepEqual(
            settingsFor({ ...MINIMAL, "pinpoint-export:tags": '{"cost":4711,"shared":true,"team":"growth"}' }).tags,
            {
                cost: "4711",
                shared: "true",
                team: "growth",
            },
        );
    });

    it("shows neither the value nor a fix that would quote it for a key the stack keeps secret", () => {
        const message = problemsFor({ ...MINIMAL, "pinpoint-export:accountId": "9999-TOPSECRET" }, [
            "pinpoint-export:accountId",
        ]);
        assert.equal(
            message,
            'The config of stack "dev" is invalid:\n  - pinpoint-export:accountId: [secret] must be exactly 12 digits.',
        );
    });

    it("says which settings the stack keeps secret", () => {
        pulumi.runtime.setAllConfig({ ...MINIMAL, "pinpoint-export:accountId": "123456789012" });
        const { secret } = readStackSettings(
            pulumi.runtime.allConfig(),
            "dev",
            new Set(["pinpoint-export:accountId", "pinpoint-export:roleName"]),
        );
        assert.deepEqual([...secret], ["accountId"]);
    });

    it("takes the region from aws:region unless pinpoint-export:region is set", () => {
        assert.equal(settingsFor({ ...MINIMAL, "aws:region": "eu-west-1" }).region, "eu-west-1");
        assert.equal(
            settingsFor({ ...MINIMAL, "aws:region": "eu-west-1", "pinpoint-export:region": "us-east-1" }).region,
            "us-east-1",
        );
    });

    it("names the key a bad region came from", () => {
        assert.match(
            problemsFor({ ...MINIMAL, "aws:region": "cn-north-1" }),
            /\n {2}- aws:region: "cn-north-1" is in the aws-cn partition/,
        );
        assert.match(
            problemsFor({ ...MINIMAL, "aws:region": "us-east-1", "pinpoint-export:region": "moon-1" }),
            /\n {2}- pinpoint-export:region: "moon-1" is not an AWS region name/,
        );
    });

    it("says how to set a required key that is missing", () => {
        assert.equal(
            problemsFor({ "pinpoint-export:folder": "Exports" }),
            'The config of stack "dev" is invalid:\n' +
                "  - pinpoint-export:bucket: undefined is required but not set. Fix: run `pulumi config set pinpoint-export:bucket <value>`.",
        );
    });

    it("refuses a key of this project that means nothing, suggesting the one meant", () => {
        assert.match(
            problemsFor({ ...MINIMAL, "pinpoint-export:Bucket": "x" }),
            /- pinpoint-export:Bucket: "x" is not a setting of this project\. Fix: did you mean pinpoint-export:bucket\?/,
        );
    });

    it("suggests the key a misspelt one is a letter or two away from, and lists them all when none is", () => {
        assert.match(
            problemsFor({ ...MINIMAL, "pinpoint-export:acessProfile": "writeOnly" }),
            /- pinpoint-export:acessProfile: "writeOnly" is not a setting of this project\. Fix: did you mean pinpoint-export:accessProfile\?$/,
        );
        assert.match(
            problemsFor({ ...MINIMAL, "pinpoint-export:colour": "blue" }),
            /Fix: use one of pinpoint-export:bucket, pinpoint-export:folder, .*, pinpoint-export:kmsKeyArn\.$/,
        );
    });

    it("refuses numbers and maps that do not decode, by key", () => {
        const message = problemsFor({
            ...MINIMAL,
            "pinpoint-export:maxSessionDuration": "1h",
            "pinpoint-export:tags": "team=growth",
        });
        assert.match(message, /- pinpoint-export:maxSessionDuration: "1h" is not a whole number of seconds\./);
        assert.match(message, /- pinpoint-export:tags: "team=growth" is not a map of tag names to values\./);
    });

    it("lists every problem at once", () => {
        const message = problemsFor({
            "pinpoint-export:bucket": "arn:aws:s3:::my-bucket",
            "pinpoint-export:folder": "Exports/*",
            "pinpoint-export:accountId": "12345678901",
        });
        assert.equal(message.split("\n").length, 4, message);
    });
});
