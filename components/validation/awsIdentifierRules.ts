import { PINPOINT_PARTITIONS, partitionOfRegion } from "../policies/partition";
import { Violation, wrongType } from "./violation";

/** Why `value` cannot be an AWS account id, or `undefined` if it can. */
export function accountIdViolation(value: unknown): Violation | undefined {
    if (typeof value === "number" && Number.isInteger(value) && value >= 0 && String(value).length <= 12) {
        // A number loses its leading zeros: YAML and JSON read 012345678901 as 12345678901.
        return {
            ...wrongType("an account id (a string of 12 digits)"),
            fix: `write it as a quoted string, e.g. "${String(value).padStart(12, "0")}", so leading zeros are kept`,
        };
    }
    if (typeof value !== "string") {
        return wrongType("an account id (a string of 12 digits)");
    }
    if (/^\d{12}$/.test(value)) {
        return undefined;
    }
    const digits = value.replace(/[\s-]/g, "");
    if (/^\d{12}$/.test(digits)) {
        return { rule: "must be exactly 12 digits", fix: `write it without separators, e.g. ${digits}` };
    }
    return { rule: "must be exactly 12 digits" };
}

/** Why `value` cannot be a Pinpoint project (application) id, or `undefined` if it can. */
export function applicationIdViolation(value: unknown): Violation | undefined {
    if (typeof value !== "string") {
        return wrongType("a Pinpoint project id (a string)");
    }
    if (/^[0-9a-f]{32}$/.test(value)) {
        return undefined;
    }
    const fromArn = /^arn:[^:]+:mobiletargeting:[^:]*:\d*:apps\/([0-9a-fA-F]{32})$/.exec(value);
    if (fromArn) {
        return { rule: "is an ARN, not a project id", fix: `give the id alone, e.g. ${fromArn[1].toLowerCase()}` };
    }
    if (/^[0-9A-Fa-f]{32}$/.test(value)) {
        return { rule: "must be lower-case", fix: `e.g. ${value.toLowerCase()}` };
    }
    return { rule: "must be a Pinpoint project id: 32 lower-case hexadecimal characters" };
}

/** Why `value` cannot be the region of the Pinpoint projects, or `undefined` if it can. */
export function regionViolation(value: unknown): Violation | undefined {
    if (typeof value !== "string") {
        return wrongType("a region name (a string)");
    }
    // The SDKs' patterns use \w, which also admits capitals and "_"; no region name has them.
    if (/[^a-z0-9-]/.test(value)) {
        const lowered = value.toLowerCase();
        return {
            rule: "is not an AWS region name, which has only lower-case letters, digits and -",
            fix:
                lowered !== value && regionViolation(lowered) === undefined
                    ? `e.g. ${lowered}`
                    : "use one such as us-east-1",
        };
    }
    const partition = partitionOfRegion(value);
    if (partition === undefined) {
        const zone = /^([a-z]{2}(?:-[a-z]+)+-\d+)[a-z]$/.exec(value);
        return zone
            ? {
                  rule: "is an availability zone, not a region",
                  fix:
                      regionViolation(zone[1]) === undefined
                          ? `use its region, e.g. ${zone[1]}`
                          : "use a region of a partition where Pinpoint is offered, such as us-east-1",
              }
            : { rule: "is not an AWS region name", fix: "use one such as us-east-1" };
    }
    if (!PINPOINT_PARTITIONS.includes(partition)) {
        return {
            rule: `is in the ${partition} partition, where Amazon Pinpoint is not offered`,
            fix: `use a region of the ${PINPOINT_PARTITIONS.join(" or ")} partition, e.g. us-east-1`,
        };
    }
    return undefined;
}

/** Why `value` cannot be the ARN of a KMS key, or `undefined` if it can. */
export function kmsKeyArnViolation(value: unknown): Violation | undefined {
    if (typeof value !== "string") {
        return wrongType("a KMS key ARN (a string)");
    }
    const keyArn = /^arn:([a-z-]+):kms:([^:]*):\d{12}:key\/[A-Za-z0-9-]+$/.exec(value);
    if (keyArn) {
        // The key's region names the S3 endpoint in the policy's kms:ViaService condition.
        const [, partition, region] = keyArn;
        const keyPartition = partitionOfRegion(region);
        if (keyPartition === undefined) {
            return { rule: `names ${JSON.stringify(region)} as the key's region, which is not an AWS region name` };
        }
        if (keyPartition !== partition) {
            return {
                rule: `names a key in ${region}, a region of the ${keyPartition} partition, under the ${partition} partition`,
            };
        }
        return undefined;
    }
    const example = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    if (/(^|:)alias\//.test(value)) {
        return {
            rule: "is a key alias; an IAM policy must name the key itself",
            fix: `give the key ARN that \`aws kms describe-key --key-id ${value}\` prints, e.g. ${example}`,
        };
    }
    if (/^(mrk-)?[0-9a-f-]{32,36}$/i.test(value)) {
        return { rule: "is a bare key id, not a key ARN", fix: `give the full ARN, e.g. ${example}` };
    }
    return { rule: "is not a KMS key ARN", fix: `e.g. ${example}` };
}

/** Why `value` cannot be the ARN of a permissions boundary policy, or `undefined` if it can. */
export function permissionsBoundaryViolation(value: unknown): Violation | undefined {
    if (typeof value !== "string") {
        return wrongType("a policy ARN (a string)");
    }
    if (/^arn:[a-z-]+:iam::(\d{12}|aws):policy\/(?:[\x21-\x7E]+\/)?[\w+=,.@-]{1,128}$/.test(value)) {
        return undefined;
    }
    return {
        rule: "is not an IAM managed policy ARN",
        fix: "e.g. arn:aws:iam::123456789012:policy/MyBoundary",
    };
}

/** The partition field of an ARN, e.g. `aws-us-gov`. */
export function arnPartition(arn: string): string {
    return arn.split(":")[1];
}
