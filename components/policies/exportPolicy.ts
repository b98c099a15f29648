import { AccessProfile, DEFAULT_ACCESS_PROFILE } from "./accessProfile";
import { ancestorPrefixes, folderPrefix } from "./exportLocation";
import { POLICY_VERSION, PolicyDocument, PolicyStatement } from "./policyDocument";

/** The plain values that decide the permission policy. */
export interface ExportPolicyInputs {
    /** The ARN partition, e.g. `aws`. */
    readonly partition: string;
    /** The bucket name. */
    readonly bucket: string;
    /** The folder, with or without slashes at either end. */
    readonly folder: string;
    /** Which statements to grant; `documented` when absent. */
    readonly accessProfile?: AccessProfile;
    /** The ARN of the KMS key that encrypts the bucket (SSE-KMS), if any. */
    readonly kmsKeyArn?: string;
}

/**
 * The permission policy of AWS's Pinpoint export guide, for one folder of one
 * bucket, in any partition, for folders of any depth.
 *
 * The guide lists the bucket root and `Exports/` only; a nested folder `a/b`
 * also needs `a/` to be listable, so every ancestor prefix is allowed.
 */
export function buildExportPolicy(inputs: ExportPolicyInputs): PolicyDocument {
    const bucketArn = `arn:${inputs.partition}:s3:::${inputs.bucket}`;
    const prefix = folderPrefix(inputs.folder);
    const objectsArn = `${bucketArn}/${prefix}*`;
    const listFolder: PolicyStatement = {
        Sid: "AllowListingOfUserFolder",
        Effect: "Allow",
        Action: ["s3:ListBucket"],
        Resource: [bucketArn],
        Condition: { StringLike: { "s3:prefix": [`${prefix}*`] } },
    };

    const statements: PolicyStatement[] =
        (inputs.accessProfile ?? DEFAULT_ACCESS_PROFILE) === "documented"
            ? [
                  {
                      Sid: "AllowUserToSeeBucketListInTheConsole",
                      Effect: "Allow",
                      Action: ["s3:ListAllMyBuckets", "s3:GetBucketLocation"],
                      Resource: [`arn:${inputs.partition}:s3:::*`],
                  },
                  {
                      Sid: "AllowRootAndHomeListingOfBucket",
                      Effect: "Allow",
                      Action: ["s3:ListBucket"],
                      Resource: [bucketArn],
                      Condition: {
                          StringEquals: {
                              "s3:delimiter": ["/"],
                              "s3:prefix": ["", ...ancestorPrefixes(inputs.folder)],
                          },
                      },
                  },
                  listFolder,
                  {
                      Sid: "AllowAllS3ActionsInUserFolder",
                      Effect: "Allow",
                      Action: ["s3:*"],
                      Resource: [objectsArn],
                  },
              ]
            : [
                  {
                      Sid: "AllowLocatingTheExportBucket",
                      Effect: "Allow",
                      Action: ["s3:GetBucketLocation"],
                      Resource: [bucketArn],
                  },
                  listFolder,
                  {
                      Sid: "AllowWritingExportsInUserFolder",
                      Effect: "Allow",
                      Action: ["s3:PutObject", "s3:AbortMultipartUpload"],
                      Resource: [objectsArn],
                  },
              ];

    if (inputs.kmsKeyArn !== undefined) {
        statements.push(kmsStatement(inputs.kmsKeyArn));
    }
    return { Version: POLICY_VERSION, Statement: statements };
}

/**
 * Lets S3 use the bucket's KMS key on the role's behalf, and only S3: writing
 * to an SSE-KMS bucket needs `kms:GenerateDataKey`, and multipart uploads also
 * need `kms:Decrypt`. A key serves buckets in its own region only, so the
 * region of `kms:ViaService` is the key's.
 */
function kmsStatement(kmsKeyArn: string): PolicyStatement {
    const keyRegion = kmsKeyArn.split(":")[3];
    return {
        Sid: "AllowUseOfTheBucketKeyThroughS3",
        Effect: "Allow",
        Action: ["kms:GenerateDataKey", "kms:Decrypt"],
        Resource: [kmsKeyArn],
        Condition: { StringEquals: { "kms:ViaService": [`s3.${keyRegion}.amazonaws.com`] } },
    };
}
