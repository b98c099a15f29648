// The S3 requests the tests ask the evaluator about, written the way AWS
// builds their authorization context: object actions on an object ARN, bucket
// actions on a bucket ARN, and s3:ListBucket with the s3:prefix and
// s3:delimiter keys only when the request carries those parameters.
import { RoleRequest } from "../../review/src/access/iamEvaluator";

/** Actions on objects: reading, writing, deleting, and changing an object's ACL. */
export const OBJECT_ACTIONS = [
    "s3:GetObject",
    "s3:PutObject",
    "s3:DeleteObject",
    "s3:PutObjectAcl",
    "s3:AbortMultipartUpload",
    "s3:ListMultipartUploadParts",
] as const;

/** Actions on a bucket that no export needs, and that would hurt if granted. */
export const BUCKET_WRITE_ACTIONS = ["s3:DeleteBucket", "s3:PutBucketPolicy", "s3:PutBucketAcl"] as const;

/** `action` on the object `key` of `bucket`, in the `aws` partition. */
export function objectRequest(action: string, bucket: string, key: string): RoleRequest {
    return { action, resource: `arn:aws:s3:::${bucket}/${key}` };
}

/** `action` on the bucket itself. */
export function bucketRequest(action: string, bucket: string): RoleRequest {
    return { action, resource: `arn:aws:s3:::${bucket}` };
}

/**
 * A ListObjects request on `bucket`: `prefix` and `delimiter` are its request
 * parameters, and each one that is absent is absent from the context too.
 */
export function listRequest(bucket: string, prefix?: string, delimiter?: string): RoleRequest {
    const context: Record<string, string> = {};
    if (prefix !== undefined) {
        context["s3:prefix"] = prefix;
    }
    if (delimiter !== undefined) {
        context["s3:delimiter"] = delimiter;
    }
    return { action: "s3:ListBucket", resource: `arn:aws:s3:::${bucket}`, context };
}
