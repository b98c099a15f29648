// The permission policy of AWS's guide "IAM role for exporting endpoints or
// segments" (Amazon Pinpoint developer guide), as the guide prints it for the
// bucket `example-bucket` and the folder `Exports`, with its one error fixed:
// the guide has a comma after the second statement's Condition, so its JSON
// does not parse. The plan proves the stack's own policy against it. The
// guide's text is kept in the repository so that the proof needs no network;
// tests/plan/access/awsGuidePolicy.test.ts holds it to the guide's own words.

/** The guide's policy, comma fixed, for its own example bucket and folder. */
export const AWS_GUIDE_POLICY = `{ "Version": "2012-10-17", "Statement": [ { "Sid": "AllowUserToSeeBucketListInTheConsole", "Action": [ "s3:ListAllMyBuckets", "s3:GetBucketLocation" ], "Effect": "Allow", "Resource": [ "arn:aws:s3:::*" ] }, { "Sid": "AllowRootAndHomeListingOfBucket", "Action": [ "s3:ListBucket" ], "Effect": "Allow", "Resource": [ "arn:aws:s3:::example-bucket" ], "Condition": { "StringEquals": { "s3:delimiter": [ "/" ], "s3:prefix": [ "", "Exports/" ] } } }, { "Sid": "AllowListingOfUserFolder", "Action": [ "s3:ListBucket" ], "Effect": "Allow", "Resource": [ "arn:aws:s3:::example-bucket" ], "Condition": { "StringLike": { "s3:prefix": [ "Exports/*" ] } } }, { "Sid": "AllowAllS3ActionsInUserFolder", "Action": [ "s3:*" ], "Effect": "Allow", "Resource": [ "arn:aws:s3:::example-bucket/Exports/*" ] } ] }`;

/**
 * The guide's policy for `bucket` and `folder` in `partition`, made as the
 * guide says: "replace all instances of example-bucket with the name of the
 * Amazon S3 bucket ... Also, replace all instances of Example with the name of
 * the folder itself" (its JSON says `Exports`).
 */
export function awsGuidePolicy(partition: string, bucket: string, folder: string): string {
    const trimmed = folder.replace(/^\/+/, "").replace(/\/+$/, "");
    return AWS_GUIDE_POLICY.replaceAll("arn:aws:", `arn:${partition}:`)
        .replaceAll("example-bucket", bucket)
        .replaceAll("Exports", trimmed);
}
