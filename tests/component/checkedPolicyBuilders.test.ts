import { strict as assert } from "assert";
import * as library from "../../components";
import { ExportRoleInputError } from "../../components/exportRoleInputError";
import * as pure from "../../components/policies/exportPolicy";
import * as pureTrust from "../../components/policies/trustPolicy";

/** The keys of the problems `build` throws, and the message; fails if it throws nothing else. */
function refusal(build: () => unknown): { keys: string[]; message: string } {
    try {
        build();
    } catch (error) {
        assert.ok(error instanceof ExportRoleInputError, String(error));
        return { keys: error.problems.map((problem) => problem.key), message: error.message };
    }
    assert.fail("the builder accepted bad inputs");
}

describe("the policy builders the library exports", () => {
    describe("buildExportPolicy", () => {
        it("refuses wildcards for bucket and folder, which would grant s3:* on every object of every bucket", () => {
            const { keys, message } = refusal(() =>
                library.buildExportPolicy({ bucket: "*", folder: "*", partition: "aws" }),
            );
            assert.deepEqual(keys, ["bucket", "folder"]);
            assert.match(message, /^buildExportPolicy has invalid inputs:\n {2}- bucket: "\*" /);
        });

        it("refuses a partition where Pinpoint is not offered, and a missing bucket, in one error", () => {
            const { keys, message } = refusal(() =>
                library.buildExportPolicy({ folder: "Exports", partition: "aws-cn" } as pure.ExportPolicyInputs),
            );
            assert.deepEqual(keys, ["partition", "bucket"]);
            assert.match(message, /- partition: "aws-cn" is not a partition where Amazon Pinpoint is offered/);
            assert.match(message, /- bucket: undefined is required but not set\. Fix: give bucket\./);
        });

        it("refuses a KMS key of another partition, and a folder that makes the policy too big for IAM", () => {
            assert.deepEqual(
                refusal(() =>
                    library.buildExportPolicy({
                        bucket: "example-bucket",
                        folder: "Exports",
                        partition: "aws",
                        kmsKeyArn:
                            "arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                    }),
                ).keys,
                ["kmsKeyArn"],
            );
            const folder = Array.from({ length: 128 }, () => "aaa").join("/");
            assert.match(
                refusal(() => library.buildExportPolicy({ bucket: "example-bucket", folder, partition: "aws" }))
                    .message,
                /- folder: .* makes the permission policy [\d,]+ characters long without whitespace; IAM allows 6,144\.$/,
            );
        });

        it("builds the component's document from good inputs", () => {
            const inputs = { bucket: "example-bucket", folder: "pinpoint/exports", partition: "aws-us-gov" };
            assert.deepEqual(library.buildExportPolicy(inputs), pure.buildExportPolicy(inputs));
        });
    });

    describe("buildTrustPolicy", () => {
        it("refuses a short account id and a wildcard application id, in one error", () => {
            const { keys, message } = refusal(() =>
                library.buildTrustPolicy({
                    partition: "aws",
                    region: "us-east-1",
                    accountId: "1234",
                    applicationId: "*",
                }),
            );
            assert.deepEqual(keys, ["applicationId", "accountId"]);
            assert.match(message, /^buildTrustPolicy has invalid inputs:\n/);
        });

        it("refuses a partition that is not the region's, and names the right one", () => {
            assert.match(
                refusal(() =>
                    library.buildTrustPolicy({ partition: "aws", region: "us-gov-west-1", accountId: "123456789012" }),
                ).message,
                /- partition: "aws" is not the partition of the region us-gov-west-1, which is aws-us-gov\. Fix: use "aws-us-gov"\./,
            );
        });

        it("builds the component's document from good inputs", () => {
            const inputs = {
                partition: "aws",
                region: "eu-west-1",
                accountId: "123456789012",
                applicationId: "0123456789abcdef0123456789abcdef",
            };
            assert.deepEqual(library.buildTrustPolicy(inputs), pureTrust.buildTrustPolicy(inputs));
        });
    });
});
