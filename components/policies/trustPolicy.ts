import { POLICY_VERSION, PolicyDocument } from "./policyDocument";

/** The service principal of Amazon Pinpoint. */
export const PINPOINT_SERVICE_PRINCIPAL = "pinpoint.amazonaws.com";

/** The plain values that decide the trust policy. */
export interface TrustPolicyInputs {
    /** The ARN partition, e.g. `aws`. */
    readonly partition: string;
    /** The region of the Pinpoint project(s) that may use the role. */
    readonly region: string;
    /** The account that owns the Pinpoint project(s). */
    readonly accountId: string;
    /** One Pinpoint project id; any project of the account when absent. */
    readonly applicationId?: string;
}

/**
 * Lets Amazon Pinpoint, and only Pinpoint, assume the role, with the
 * confused-deputy conditions of AWS's current Pinpoint guide: the request must
 * come from the given account and from its Pinpoint project(s) in the region.
 */
export function buildTrustPolicy(inputs: TrustPolicyInputs): PolicyDocument {
    const app = inputs.applicationId ?? "*";
    return {
        Version: POLICY_VERSION,
        Statement: [
            {
                Effect: "Allow",
                Principal: { Service: PINPOINT_SERVICE_PRINCIPAL },
                Action: "sts:AssumeRole",
                Condition: {
                    StringEquals: { "aws:SourceAccount": inputs.accountId },
                    ArnLike: {
                        "aws:SourceArn": `arn:${inputs.partition}:mobiletargeting:${inputs.region}:${inputs.accountId}:apps/${app}`,
                    },
                },
            },
        ],
    };
}
