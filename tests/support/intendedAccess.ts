// What each access profile is meant to let the role do, stated from the guide
// and the issue rather than from the policy builder, so that the evaluator's
// decisions on the built policies can be checked against it.
//
// documented (AWS's guide):
//   - any S3 action on an object whose key starts with the folder's prefix;
//   - s3:ListBucket on the bucket for a prefix under the folder, and, with the
//     delimiter "/", for the root ("") and every level above the folder;
//   - s3:GetBucketLocation on any bucket (and s3:ListAllMyBuckets, which is
//     not modelled: see tests/evaluation/documentedPolicy.test.ts).
// writeOnly (the issue):
//   - s3:PutObject and s3:AbortMultipartUpload on objects under the folder;
//   - s3:ListBucket on the bucket for a prefix under the folder;
//   - s3:GetBucketLocation on the bucket.
// Both, given a KMS key (the issue):
//   - kms:GenerateDataKey and kms:Decrypt on that key, through S3 in the key's
//     region (kms:ViaService = s3.<key region>.amazonaws.com).
// Nothing else, in either.
import { AccessProfile } from "../../components/policies/accessProfile";
import { RoleRequest } from "../../review/src/access/iamEvaluator";
import { ExportLocation } from "./validInputs";

const WRITE_ONLY_OBJECT_ACTIONS = ["s3:PutObject", "s3:AbortMultipartUpload"];

/** Whether `profile`, for `location` and the KMS key `kmsKeyArn` if any, is meant to allow `request`. */
export function intendedToAllow(
    profile: AccessProfile,
    location: ExportLocation,
    kmsKeyArn: string | undefined,
    request: RoleRequest,
): boolean {
    if (request.action.startsWith("kms:")) {
        const throughS3 = `s3.${kmsKeyArn?.split(":")[3]}.amazonaws.com`;
        return (
            kmsKeyArn !== undefined &&
            request.resource === kmsKeyArn &&
            ["kms:GenerateDataKey", "kms:Decrypt"].includes(request.action) &&
            request.context?.["kms:ViaService"] === throughS3
        );
    }
    const prefix = `${location.folder.replace(/^\/+/, "").replace(/\/+$/, "")}/`;
    const target = parseS3Arn(request.resource);
    if (target === undefined) {
        return false;
    }
    const ownBucket = target.bucket === location.bucket;
    if (target.key !== undefined) {
        const inFolder = ownBucket && target.key.startsWith(prefix);
        return inFolder && (profile === "documented" || WRITE_ONLY_OBJECT_ACTIONS.includes(request.action));
    }
    switch (request.action) {
        case "s3:ListBucket": {
            const listed = request.context?.["s3:prefix"];
            if (!ownBucket || typeof listed !== "string") {
                return false;
            }
            const aboveFolder = listed === "" || (listed.endsWith("/") && prefix.startsWith(listed));
            const delimited = request.context?.["s3:delimiter"] === "/";
            return listed.startsWith(prefix) || (profile === "documented" && aboveFolder && delimited);
        }
        case "s3:GetBucketLocation":
            return profile === "documented" || ownBucket;
        default:
            return false;
    }
}

/** The bucket and, for an object, the key of an S3 ARN. */
function parseS3Arn(arn: string): { bucket: string; key?: string } | undefined {
    const match = /^arn:aws:s3:::([^/]+)(?:\/(.*))?$/s.exec(arn);
    return match ? { bucket: match[1], key: match[2] } : undefined;
}
