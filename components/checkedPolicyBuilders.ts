// The policy builders as the library exports them: the pure builders of
// policies/, behind the same input rules as ExportRole's arguments, so that a
// program cannot build, say, `s3:*` on `arn:aws:s3:::*/*/*` with them. The
// component and the plan use the builders of policies/ directly, on values
// already checked.
import { ExportRoleInputError } from "./exportRoleInputError";
import * as policies from "./policies/exportPolicy";
import { PINPOINT_PARTITIONS, partitionOfRegion } from "./policies/partition";
import { PolicyDocument, renderPolicy } from "./policies/policyDocument";
import * as trust from "./policies/trustPolicy";
import { arnPartition } from "./validation/awsIdentifierRules";
import { findMissing, findProblems } from "./validation/exportRoleProblems";
import { PERMISSION_POLICY_MAX_SIZE, policySizeViolation } from "./validation/policyQuotas";
import { Problem, Violation } from "./validation/violation";

/**
 * The permission policy ExportRole attaches: AWS's Pinpoint export policy for
 * one folder of one bucket, in the given partition.
 *
 * @throws ExportRoleInputError listing every input that breaks ExportRole's
 * rules for the same value (a bucket name, a folder without wildcards, ...),
 * or a partition where Pinpoint is not offered.
 */
export function buildExportPolicy(inputs: policies.ExportPolicyInputs): PolicyDocument {
    const { partition, bucket, folder, accessProfile, kmsKeyArn } = inputs;
    const problems = [
        ...partitionProblems(partition),
        ...findMissing({ bucket, folder }, howToSet),
        ...findProblems({ bucket, folder, accessProfile, kmsKeyArn }),
    ];
    if (problems.length === 0 && kmsKeyArn !== undefined && arnPartition(kmsKeyArn) !== partition) {
        problems.push({
            key: "kmsKeyArn",
            value: kmsKeyArn,
            rule: `is in the ${arnPartition(kmsKeyArn)} partition, but partition is ${partition}`,
        });
    }
    const document = problems.length === 0 ? policies.buildExportPolicy(inputs) : undefined;
    const tooBig =
        document && policySizeViolation("permission policy", renderPolicy(document), PERMISSION_POLICY_MAX_SIZE);
    if (tooBig) {
        problems.push({ key: "folder", value: folder, ...tooBig });
    }
    throwIfAny("buildExportPolicy", problems);
    return document!;
}

/**
 * The trust policy ExportRole gives its role: only Amazon Pinpoint may assume
 * it, for the given account's project(s) in the region.
 *
 * @throws ExportRoleInputError listing every input that breaks ExportRole's
 * rules for the same value, or a partition that is not the region's.
 */
export function buildTrustPolicy(inputs: trust.TrustPolicyInputs): PolicyDocument {
    const { partition, accountId, region, applicationId } = inputs;
    const problems = [
        ...partitionProblems(partition),
        ...findMissing({ accountId, region }, howToSet, ["accountId", "region"]),
        // With the region, the rules include its partition's and the trust policy's size.
        ...findProblems({ accountId, region, applicationId }),
    ];
    if (problems.length === 0 && partitionOfRegion(region) !== partition) {
        problems.push({
            key: "partition",
            value: partition,
            rule: `is not the partition of the region ${region}, which is ${partitionOfRegion(region)}`,
            fix: `use "${partitionOfRegion(region)}"`,
        });
    }
    const document = problems.length === 0 ? trust.buildTrustPolicy(inputs) : undefined;
    throwIfAny("buildTrustPolicy", problems);
    return document!;
}

function partitionProblems(partition: unknown): Problem[] {
    const violation: Violation | undefined =
        typeof partition === "string" && PINPOINT_PARTITIONS.includes(partition)
            ? undefined
            : {
                  rule: `is not a partition where Amazon Pinpoint is offered (${PINPOINT_PARTITIONS.join(", ")})`,
                  fix: 'use "aws", or "aws-us-gov" for the GovCloud (US) regions',
              };
    return violation ? [{ key: "partition", value: partition, ...violation }] : [];
}

function howToSet(key: string): string {
    return `give ${key}`;
}

function throwIfAny(builder: string, problems: readonly Problem[]): void {
    if (problems.length > 0) {
        throw new ExportRoleInputError(`${builder} has invalid inputs:`, problems);
    }
}
