// What the writeOnly permission policy lets the role do, as a real IAM
// evaluator decides it. That it never allows more than the documented profile
// is a property, in tests/properties/validInputStaysInFolder.test.ts.
import { strict as assert } from "assert";
import { buildExportPolicy } from "../../components/policies/exportPolicy";
import { PolicyDocument } from "../../components/policies/policyDocument";
import { expectRoleDecisions } from "../support/expectDecisions";
import { warmUpEvaluator } from "../../review/src/access/iamEvaluator";
import { BUCKET_WRITE_ACTIONS, bucketRequest, listRequest, OBJECT_ACTIONS, objectRequest } from "../support/s3Requests";

/** The Allow statements whose Action element covers `action`, wildcards and all. */
function statementsGranting(policy: PolicyDocument, action: string): string[] {
    return policy.Statement.filter((statement) =>
        [statement.Action].flat().some((pattern) =>
            new RegExp(
                `^${pattern
                    .replace(/[.+^$()|[\]\\{}]/g, "\\$&")
                    .replace(/\*/g, ".*")
                    .replace(/\?/g, ".")}$`,
                "i",
            ).test(action),
        ),
    ).map((statement) => statement.Sid ?? JSON.stringify(statement));
}

describe("the writeOnly permission policy, evaluated", () => {
    const policy = buildExportPolicy({
        partition: "aws",
        bucket: "example-bucket",
        folder: "pinpoint/exports",
        accessProfile: "writeOnly",
    });
    const inside = ["pinpoint/exports/a.csv", "pinpoint/exports/2026/b.csv.gz", "pinpoint/exports/"];

    before(warmUpEvaluator);

    it("allows writing objects into the folder and aborting multipart uploads there", async () => {
        const requests = ["s3:PutObject", "s3:AbortMultipartUpload"].flatMap((action) =>
            inside.map((key) => objectRequest(action, "example-bucket", key)),
        );
        await expectRoleDecisions(policy, requests, "Allowed");
    });

    it("denies reading, deleting, and changing the ACL of objects, even in the folder", async () => {
        const requests = ["s3:GetObject", "s3:DeleteObject", "s3:PutObjectAcl", "s3:ListMultipartUploadParts"].flatMap(
            (action) => inside.map((key) => objectRequest(action, "example-bucket", key)),
        );
        await expectRoleDecisions(policy, requests, "ImplicitlyDenied");
    });

    it("denies every object action outside the folder", async () => {
        const outside = ["a.csv", "pinpoint/a.csv", "pinpoint/exportsEvil/a.csv", "pinpoint/exports"];
        const requests = OBJECT_ACTIONS.flatMap((action) => [
            ...outside.map((key) => objectRequest(action, "example-bucket", key)),
            objectRequest(action, "example-bucket-2", "pinpoint/exports/a.csv"),
        ]);
        await expectRoleDecisions(policy, requests, "ImplicitlyDenied");
    });

    it("allows listing the folder, and nothing above or beside it", async () => {
        await expectRoleDecisions(
            policy,
            [
                listRequest("example-bucket", "pinpoint/exports/", "/"),
                listRequest("example-bucket", "pinpoint/exports/2026/", undefined),
            ],
            "Allowed",
        );
        await expectRoleDecisions(
            policy,
            [
                listRequest("example-bucket", "", "/"),
                listRequest("example-bucket", "pinpoint/", "/"),
                listRequest("example-bucket", "pinpoint/exportsEvil/", "/"),
                listRequest("example-bucket", undefined, "/"),
                listRequest("example-bucket-2", "pinpoint/exports/", "/"),
            ],
            "ImplicitlyDenied",
        );
    });

    it("allows locating the bucket, and no other", async () => {
        await expectRoleDecisions(policy, [bucketRequest("s3:GetBucketLocation", "example-bucket")], "Allowed");
        await expectRoleDecisions(
            policy,
            [bucketRequest("s3:GetBucketLocation", "example-bucket-2"), bucketRequest("s3:GetBucketLocation", "other")],
            "ImplicitlyDenied",
        );
    });

    it("denies bucket-level writes", async () => {
        await expectRoleDecisions(
            policy,
            BUCKET_WRITE_ACTIONS.map((action) => bucketRequest(action, "example-bucket")),
            "ImplicitlyDenied",
        );
    });

    // The evaluator lets only Resource "*" grant s3:ListAllMyBuckets, so its
    // "denied" alone would miss a statement granting it on arn:aws:s3:::*, as
    // the documented profile does. No statement may name the action at all.
    it("denies s3:ListAllMyBuckets: the evaluator says so, and no statement names the action", async () => {
        await expectRoleDecisions(policy, [{ action: "s3:ListAllMyBuckets", resource: "*" }], "ImplicitlyDenied");
        assert.deepEqual(statementsGranting(policy, "s3:ListAllMyBuckets"), []);
        const documented = buildExportPolicy({
            partition: "aws",
            bucket: "example-bucket",
            folder: "pinpoint/exports",
        });
        // The check does see the action where it is named, by name or by s3:*.
        assert.deepEqual(statementsGranting(documented, "s3:ListAllMyBuckets"), [
            "AllowUserToSeeBucketListInTheConsole",
            "AllowAllS3ActionsInUserFolder",
        ]);
    });
});
