import { strict as assert } from "assert";
import { renderPolicy } from "../../components/policies/policyDocument";
import { buildTrustPolicy } from "../../components/policies/trustPolicy";

describe("the trust policy", () => {
    it("lets only Pinpoint assume the role, from any project of the account in the region", () => {
        const text = renderPolicy(
            buildTrustPolicy({ partition: "aws", region: "us-east-1", accountId: "123456789012" }),
        );
        assert.equal(
            text,
            '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"pinpoint.amazonaws.com"},' +
                '"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:SourceAccount":"123456789012"},' +
                '"ArnLike":{"aws:SourceArn":"arn:aws:mobiletargeting:us-east-1:123456789012:apps/*"}}}]}',
        );
    });

    it("names one project when an application id is given", () => {
        const policy = buildTrustPolicy({
            partition: "aws-us-gov",
            region: "us-gov-west-1",
            accountId: "210987654321",
            applicationId: "0123456789abcdef0123456789abcdef",
        });
        assert.deepEqual(policy.Statement[0].Condition, {
            StringEquals: { "aws:SourceAccount": "210987654321" },
            ArnLike: {
                "aws:SourceArn":
                    "arn:aws-us-gov:mobiletargeting:us-gov-west-1:210987654321:apps/0123456789abcdef0123456789abcdef",
            },
        });
    });

    it("has exactly one statement, with no Resource (a trust policy must not have one)", () => {
        const policy = buildTrustPolicy({ partition: "aws", region: "us-east-1", accountId: "123456789012" });
        assert.equal(policy.Statement.length, 1);
        assert.equal(policy.Statement[0].Resource, undefined);
        assert.deepEqual(policy.Statement[0].Principal, { Service: "pinpoint.amazonaws.com" });
    });
});
