// Where IAM's behaviour is not settled for the proof, it does not pick one
// reading: each open question is a variable of two values, which the proof
// treats as it treats a policy of unknown text. What holds under both
// readings is proved; what holds under one only is listed as "possibly",
// with the reading it depends on, and the question is named among the
// assumptions of every answer it touches.
// - ABAC on S3: a bucket sends its tags (`aws:ResourceTag/…`, `s3:BucketTag/…`)
//   with a request of a bucket or an object only when attribute-based access
//   control is on for it (off by default, PutBucketAbac). A policy's text
//   does not say which buckets have it.
// - An action that takes no resource type (s3:ListAllMyBuckets) granted on a
//   Resource other than `*` that names every resource of its service (the AWS
//   guide's `arn:aws:s3:::*`): AWS documents `*` for such actions, and its
//   evaluators differ on anything else.

/** One open question about IAM, and how the output says each answer. */
export interface OpenReading {
    readonly id: "abac" | "untypedResource";
    /** The assumption as the output names it. */
    readonly assumption: string;
    /** The question, as "depending on …" ends, e.g. `whether the bucket has ABAC on`. */
    readonly question: string;
    /** What a class depends on when it holds under the reading "on" only, e.g. `if the bucket has ABAC on`. */
    readonly ifOn: string;
    /** ... and under "off" only. */
    readonly ifOff: string;
}

export const ABAC_READING: OpenReading = {
    id: "abac",
    assumption:
        "whether an S3 bucket has ABAC on (so that S3 sends its tags as aws:ResourceTag/…) is not known: " +
        "what depends on it is listed as possibly",
    question: "whether the bucket has ABAC on",
    ifOn: "if the bucket has ABAC on",
    ifOff: "if the bucket has ABAC off",
};

export const UNTYPED_RESOURCE_READING: OpenReading = {
    id: "untypedResource",
    assumption:
        'whether IAM grants an action of no resource type on a Resource other than "*" (s3:ListAllMyBuckets ' +
        "on arn:aws:s3:::*) is not settled: what depends on it is listed as possibly",
    question: 'whether IAM grants an action that takes no resource type on a Resource other than "*"',
    ifOn: 'if IAM grants an action that takes no resource type on a Resource other than "*"',
    ifOff: 'if IAM grants an action that takes no resource type only on Resource "*"',
};
