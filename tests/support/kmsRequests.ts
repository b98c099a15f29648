// The KMS requests S3 makes with the export role's credentials when it writes
// to a bucket encrypted with a KMS key (SSE-KMS), and the key policy they meet.
import { RoleRequest } from "../../review/src/access/iamEvaluator";

/**
 * AWS's default key policy for a key of `account`: it lets the account's IAM
 * policies grant the use of the key. Without a key policy that does, no IAM
 * policy can grant it, so the tests give every key this one.
 */
export function defaultKeyPolicy(account: string): object {
    return {
        Version: "2012-10-17",
        Id: "key-default-1",
        Statement: [
            {
                Sid: "Enable IAM User Permissions",
                Effect: "Allow",
                Principal: { AWS: `arn:aws:iam::${account}:root` },
                Action: "kms:*",
                Resource: "*",
            },
        ],
    };
}

/**
 * `action` on the key `keyArn`, made through `viaService` (S3 sends
 * `s3.<region>.amazonaws.com`), or directly when it is absent.
 */
export function kmsRequest(action: string, keyArn: string, viaService?: string): RoleRequest {
    return {
        action,
        resource: keyArn,
        context: viaService === undefined ? {} : { "kms:ViaService": viaService },
        resourcePolicy: defaultKeyPolicy(keyArn.split(":")[4]),
    };
}
