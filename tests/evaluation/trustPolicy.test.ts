// Who may assume the export role, as a real IAM evaluator decides it. Pinpoint
// sends aws:SourceAccount and aws:SourceArn (its project's ARN) when it
// assumes a role; the trust policy must need both.
import { buildTrustPolicy } from "../../components/policies/trustPolicy";
import { expectAssumeRoleDecisions } from "../support/expectDecisions";
import { AssumeRoleRequest, ROLE_ACCOUNT, warmUpEvaluator } from "../../review/src/access/iamEvaluator";

const REGION = "us-east-1";
const OTHER_ACCOUNT = "210987654321";
const APP = "0123456789abcdef0123456789abcdef";
const OTHER_APP = "fedcba9876543210fedcba9876543210";

function appArn({ partition = "aws", region = REGION, account = ROLE_ACCOUNT, app = APP } = {}): string {
    return `arn:${partition}:mobiletargeting:${region}:${account}:apps/${app}`;
}

/** Pinpoint assuming the role with the given source keys. */
function fromPinpoint(sourceAccount: string | undefined, sourceArn: string | undefined): AssumeRoleRequest {
    const context: Record<string, string> = {};
    if (sourceAccount !== undefined) {
        context["aws:SourceAccount"] = sourceAccount;
    }
    if (sourceArn !== undefined) {
        context["aws:SourceArn"] = sourceArn;
    }
    return { principal: "pinpoint.amazonaws.com", context };
}

/** The requests that must be denied whichever projects the role serves. */
function alwaysDenied(): AssumeRoleRequest[] {
    const goodContext = { "aws:SourceAccount": ROLE_ACCOUNT, "aws:SourceArn": appArn() };
    return [
        // Other service principals, with Pinpoint's own source keys.
        ...["ec2.amazonaws.com", "lambda.amazonaws.com", "sns.amazonaws.com", "Pinpoint.amazonaws.com"].map(
            (principal) => ({ principal, context: goodContext }),
        ),
        // IAM principals, of the role's account and of another.
        { principal: `arn:aws:iam::${ROLE_ACCOUNT}:root`, context: goodContext },
        { principal: `arn:aws:iam::${OTHER_ACCOUNT}:role/intruder`, context: goodContext },
        // Another account, in either key or both.
        fromPinpoint(OTHER_ACCOUNT, appArn()),
        fromPinpoint(ROLE_ACCOUNT, appArn({ account: OTHER_ACCOUNT })),
        fromPinpoint(OTHER_ACCOUNT, appArn({ account: OTHER_ACCOUNT })),
        // Another region, partition or service.
        fromPinpoint(ROLE_ACCOUNT, appArn({ region: "us-west-2" })),
        fromPinpoint(ROLE_ACCOUNT, appArn({ partition: "aws-us-gov" })),
        fromPinpoint(ROLE_ACCOUNT, `arn:aws:sns:${REGION}:${ROLE_ACCOUNT}:apps/${APP}`),
        // Missing source keys: AWS treats a condition on an absent key as not matching.
        fromPinpoint(undefined, undefined),
        fromPinpoint(ROLE_ACCOUNT, undefined),
        fromPinpoint(undefined, appArn()),
    ];
}

describe("the trust policy, evaluated", () => {
    before(warmUpEvaluator);

    describe("without an application id", () => {
        const policy = buildTrustPolicy({ partition: "aws", region: REGION, accountId: ROLE_ACCOUNT });

        it("lets Pinpoint assume the role for any project of the account in the region", async () => {
            await expectAssumeRoleDecisions(
                policy,
                [fromPinpoint(ROLE_ACCOUNT, appArn()), fromPinpoint(ROLE_ACCOUNT, appArn({ app: OTHER_APP }))],
                "Allowed",
            );
        });

        it("denies every other principal, account, region and partition, and requests without the source keys", async () => {
            await expectAssumeRoleDecisions(policy, alwaysDenied(), "ImplicitlyDenied");
        });
    });

    describe("with an application id", () => {
        const policy = buildTrustPolicy({
            partition: "aws",
            region: REGION,
            accountId: ROLE_ACCOUNT,
            applicationId: APP,
        });

        it("lets Pinpoint assume the role for that project", async () => {
            await expectAssumeRoleDecisions(policy, [fromPinpoint(ROLE_ACCOUNT, appArn())], "Allowed");
        });

        it("denies another project of the same account and region", async () => {
            await expectAssumeRoleDecisions(
                policy,
                [
                    fromPinpoint(ROLE_ACCOUNT, appArn({ app: OTHER_APP })),
                    fromPinpoint(ROLE_ACCOUNT, appArn({ app: APP.slice(0, -1) })),
                    fromPinpoint(ROLE_ACCOUNT, `${appArn()}0`),
                ],
                "ImplicitlyDenied",
            );
        });

        it("denies everything that is denied without one", async () => {
            await expectAssumeRoleDecisions(policy, alwaysDenied(), "ImplicitlyDenied");
        });
    });

    describe("in the aws-us-gov partition", () => {
        const policy = buildTrustPolicy({ partition: "aws-us-gov", region: "us-gov-west-1", accountId: ROLE_ACCOUNT });

        it("lets Pinpoint in that partition and region assume the role, and not from the aws partition", async () => {
            const govArn = appArn({ partition: "aws-us-gov", region: "us-gov-west-1" });
            await expectAssumeRoleDecisions(policy, [fromPinpoint(ROLE_ACCOUNT, govArn)], "Allowed");
            await expectAssumeRoleDecisions(
                policy,
                [fromPinpoint(ROLE_ACCOUNT, appArn({ region: "us-gov-west-1" }))],
                "ImplicitlyDenied",
            );
        });
    });
});
