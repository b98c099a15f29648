/**
 * Which AWS partition a region belongs to, from the region name alone, the way
 * the AWS SDKs' partition table (`partitions.json`) decides it. This saves an
 * `aws.getPartition` invoke and keeps `arn:aws` from being hard-coded.
 */

/** An AWS partition id, the second field of every ARN. */
export type Partition = string;

/** The partitions of the AWS SDKs' table, most specific pattern first. */
const PARTITIONS: readonly { readonly id: Partition; readonly regionRegex: RegExp }[] = [
    { id: "aws-us-gov", regionRegex: /^us-gov-\w+-\d+$/ },
    { id: "aws-iso", regionRegex: /^us-iso-\w+-\d+$/ },
    { id: "aws-iso-b", regionRegex: /^us-isob-\w+-\d+$/ },
    { id: "aws-iso-f", regionRegex: /^us-isof-\w+-\d+$/ },
    { id: "aws-iso-e", regionRegex: /^eu-isoe-\w+-\d+$/ },
    { id: "aws-eusc", regionRegex: /^eusc-(de)-\w+-\d+$/ },
    { id: "aws-cn", regionRegex: /^cn-\w+-\d+$/ },
    { id: "aws", regionRegex: /^(us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+$/ },
];

/** The partitions in which Amazon Pinpoint is offered. */
export const PINPOINT_PARTITIONS: readonly Partition[] = ["aws", "aws-us-gov"];

/**
 * The partition of `region`, or `undefined` when the name matches no
 * partition's pattern (so it is not an AWS region name).
 */
export function partitionOfRegion(region: string): Partition | undefined {
    return PARTITIONS.find((partition) => partition.regionRegex.test(region))?.id;
}
