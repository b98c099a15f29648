// The statement that lets S3 use the bucket's KMS key for the role, as a real
// IAM evaluator decides it, and IAM's size quota with that statement included.
//
// The region in kms:ViaService is the key's, not the Pinpoint project's: an
// SSE-KMS bucket must use a key of its own region, and S3 calls KMS from the
// bucket's region, so S3 always comes to the key as s3.<key region>. A
// project may export to a bucket in another region; deriving the region from
// the project would then deny every export.
import { strict as assert } from "assert";
import { ExportRole } from "../../components/exportRole";
import { AccessProfile } from "../../components/policies/accessProfile";
import { buildExportPolicy } from "../../components/policies/exportPolicy";
import { PolicyDocument } from "../../components/policies/policyDocument";
import { findProblems } from "../../components/validation/exportRoleProblems";
import { describeProblem } from "../../components/validation/violation";
import { expectRoleDecisions } from "../support/expectDecisions";
import { ROLE_ACCOUNT, warmUpEvaluator } from "../../review/src/access/iamEvaluator";
import { kmsRequest } from "../support/kmsRequests";
import { resourceNamed, useMocks } from "../support/mocks";
import { promiseOf } from "../support/outputs";

const KEY = `arn:aws:kms:eu-west-1:${ROLE_ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const S3_IN_KEY_REGION = "s3.eu-west-1.amazonaws.com";
const USE_ACTIONS = ["kms:GenerateDataKey", "kms:Decrypt"];

function policyWith(accessProfile: AccessProfile, kmsKeyArn: string | undefined): PolicyDocument {
    return buildExportPolicy({
        partition: "aws",
        bucket: "example-bucket",
        folder: "Exports",
        accessProfile,
        kmsKeyArn,
    });
}

describe("the KMS key statement, evaluated", () => {
    before(warmUpEvaluator);

    for (const accessProfile of ["documented", "writeOnly"] as const) {
        describe(`in the ${accessProfile} profile`, () => {
            const policy = policyWith(accessProfile, KEY);

            it("allows kms:GenerateDataKey and kms:Decrypt on the key, through S3 in the key's region", async () => {
                await expectRoleDecisions(
                    policy,
                    USE_ACTIONS.map((action) => kmsRequest(action, KEY, S3_IN_KEY_REGION)),
                    "Allowed",
                );
            });

            it("denies them without kms:ViaService, or through S3 elsewhere or another service", async () => {
                const via = [
                    undefined,
                    "s3.us-east-1.amazonaws.com",
                    "s3.amazonaws.com",
                    "sqs.eu-west-1.amazonaws.com",
                    "dynamodb.eu-west-1.amazonaws.com",
                ];
                await expectRoleDecisions(
                    policy,
                    USE_ACTIONS.flatMap((action) => via.map((service) => kmsRequest(action, KEY, service))),
                    "ImplicitlyDenied",
                );
            });

            it("denies them on any other key, even through S3", async () => {
                const others = [
                    `arn:aws:kms:eu-west-1:${ROLE_ACCOUNT}:key/ffffffff-12ab-34cd-56ef-1234567890ab`,
                    `arn:aws:kms:us-east-1:${ROLE_ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
                ];
                await expectRoleDecisions(
                    policy,
                    USE_ACTIONS.flatMap((action) =>
                        others.map((key) => kmsRequest(action, key, `s3.${key.split(":")[3]}.amazonaws.com`)),
                    ),
                    "ImplicitlyDenied",
                );
            });

            it("denies every other KMS action on the key, even through S3", async () => {
                const actions = [
                    "kms:Encrypt",
                    "kms:ReEncryptFrom",
                    "kms:GenerateDataKeyWithoutPlaintext",
                    "kms:CreateGrant",
                    "kms:DescribeKey",
                    "kms:ScheduleKeyDeletion",
                    "kms:PutKeyPolicy",
                ];
                await expectRoleDecisions(
                    policy,
                    actions.map((action) => kmsRequest(action, KEY, S3_IN_KEY_REGION)),
                    "ImplicitlyDenied",
                );
            });

            it("is absent without a key: no KMS use is allowed at all", async () => {
                await expectRoleDecisions(
                    policyWith(accessProfile, undefined),
                    USE_ACTIONS.map((action) => kmsRequest(action, KEY, S3_IN_KEY_REGION)),
                    "ImplicitlyDenied",
                );
            });
        });
    }

    it("takes its region from the key, not from the Pinpoint project's region", async () => {
        const record = await useMocks();
        const component = new ExportRole("kms", {
            bucket: "example-bucket",
            folder: "Exports",
            accountId: ROLE_ACCOUNT,
            region: "us-east-1",
            kmsKeyArn: KEY,
        });
        await promiseOf(component.policy.urn);
        const sent = resourceNamed(record, "aws:iam/policy:Policy", "kms-policy").inputs as { policy: string };
        const policy = JSON.parse(sent.policy) as PolicyDocument;
        await expectRoleDecisions(
            policy,
            USE_ACTIONS.map((action) => kmsRequest(action, KEY, S3_IN_KEY_REGION)),
            "Allowed",
        );
        await expectRoleDecisions(
            policy,
            USE_ACTIONS.map((action) => kmsRequest(action, KEY, "s3.us-east-1.amazonaws.com")),
            "ImplicitlyDenied",
        );
    });
});

describe("IAM's size quota, with the KMS key statement", () => {
    const settings = { bucket: "example-bucket", region: "us-east-1", accountId: ROLE_ACCOUNT };
    const folderOf = (levels: number) => Array.from({ length: levels }, () => "aaa").join("/");
    const deepestFitting = (kmsKeyArn?: string) => {
        let levels = 1;
        while (findProblems({ ...settings, folder: folderOf(levels + 1), kmsKeyArn }).length === 0) {
            levels++;
        }
        return levels;
    };

    it("counts the statement: a folder that just fits without a key is refused with one", () => {
        const withoutKey = deepestFitting(undefined);
        const withKey = deepestFitting(KEY);
        assert.ok(withKey < withoutKey, `deepest fitting folder: ${withKey} levels with a key, ${withoutKey} without`);
        const problems = findProblems({ ...settings, folder: folderOf(withoutKey), kmsKeyArn: KEY });
        assert.equal(problems.length, 1);
        assert.match(
            describeProblem(problems[0]),
            /^folder: .* makes the permission policy [\d,]+ characters long without whitespace; IAM allows 6,144\.$/,
        );
    });
});
