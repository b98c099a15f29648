import { strict as assert } from "assert";
import { ancestorPrefixes, folderPrefix, s3UrlPrefix, trimFolder } from "../../components/policies/exportLocation";
import { buildExportPolicy } from "../../components/policies/exportPolicy";
import { renderPolicy } from "../../components/policies/policyDocument";

// The guide's policy, fixed: its copy has a stray comma after the second
// statement's Condition and does not parse.
const GUIDE_POLICY_FOR_EXAMPLE_BUCKET = {
    Version: "2012-10-17",
    Statement: [
        {
            Sid: "AllowUserToSeeBucketListInTheConsole",
            Action: ["s3:ListAllMyBuckets", "s3:GetBucketLocation"],
            Effect: "Allow",
            Resource: ["arn:aws:s3:::*"],
        },
        {
            Sid: "AllowRootAndHomeListingOfBucket",
            Action: ["s3:ListBucket"],
            Effect: "Allow",
            Resource: ["arn:aws:s3:::example-bucket"],
            Condition: { StringEquals: { "s3:delimiter": ["/"], "s3:prefix": ["", "Exports/"] } },
        },
        {
            Sid: "AllowListingOfUserFolder",
            Action: ["s3:ListBucket"],
            Effect: "Allow",
            Resource: ["arn:aws:s3:::example-bucket"],
            Condition: { StringLike: { "s3:prefix": ["Exports/*"] } },
        },
        {
            Sid: "AllowAllS3ActionsInUserFolder",
            Action: ["s3:*"],
            Effect: "Allow",
            Resource: ["arn:aws:s3:::example-bucket/Exports/*"],
        },
    ],
};

describe("the permission policy (documented profile)", () => {
    it("is the guide's policy for example-bucket and Exports", () => {
        const policy = buildExportPolicy({ partition: "aws", bucket: "example-bucket", folder: "Exports" });
        assert.deepEqual(policy, GUIDE_POLICY_FOR_EXAMPLE_BUCKET);
    });

    it("lets every level of a nested folder be listed, and only that folder be written", () => {
        const policy = buildExportPolicy({ partition: "aws", bucket: "reports", folder: "pinpoint/exports/daily" });
        assert.deepEqual(policy.Statement[1].Condition, {
            StringEquals: {
                "s3:delimiter": ["/"],
                "s3:prefix": ["", "pinpoint/", "pinpoint/exports/", "pinpoint/exports/daily/"],
            },
        });
        assert.deepEqual(policy.Statement[2].Condition, { StringLike: { "s3:prefix": ["pinpoint/exports/daily/*"] } });
        assert.deepEqual(policy.Statement[3].Resource, ["arn:aws:s3:::reports/pinpoint/exports/daily/*"]);
    });

    it("uses the partition it is given in every ARN", () => {
        const text = renderPolicy(
            buildExportPolicy({ partition: "aws-us-gov", bucket: "gov-bucket", folder: "Exports" }),
        );
        const arns = text.match(/arn:[^:]*:/g) ?? [];
        assert.equal(arns.length, 4);
        assert.ok(
            arns.every((arn) => arn === "arn:aws-us-gov:"),
            text,
        );
    });

    it("treats slashes at either end of the folder as optional", () => {
        const variants = ["a/b", "/a/b", "a/b/", "//a/b//"].map((folder) =>
            renderPolicy(buildExportPolicy({ partition: "aws", bucket: "bucket", folder })),
        );
        assert.equal(new Set(variants).size, 1);
        assert.ok(!variants[0].includes("//"), variants[0]);
    });
});

describe("rendering a policy", () => {
    it("is valid JSON that always carries Version 2012-10-17", () => {
        const parsed = JSON.parse(
            renderPolicy(buildExportPolicy({ partition: "aws", bucket: "b-b", folder: "f" })),
        ) as {
            Version: string;
        };
        assert.equal(parsed.Version, "2012-10-17");
    });

    it("orders statement keys the same way even when a statement was written in another order", () => {
        const text = renderPolicy({
            Version: "2012-10-17",
            Statement: [{ Resource: ["r"], Action: ["a"], Effect: "Allow", Sid: "S" }],
        });
        assert.equal(
            text,
            '{"Version":"2012-10-17","Statement":[{"Sid":"S","Effect":"Allow","Action":["a"],"Resource":["r"]}]}',
        );
    });
});

describe("the export location", () => {
    it("normalises the folder to no leading slash and one trailing slash", () => {
        assert.equal(trimFolder("/a/b/"), "a/b");
        assert.equal(folderPrefix("Exports"), "Exports/");
        assert.equal(folderPrefix("/Exports//"), "Exports/");
    });

    it("lists the ancestors of a folder from the top down", () => {
        assert.deepEqual(ancestorPrefixes("a/b"), ["a/", "a/b/"]);
        assert.deepEqual(ancestorPrefixes("Exports"), ["Exports/"]);
    });

    it("gives the S3UrlPrefix that CreateExportJob takes", () => {
        assert.equal(s3UrlPrefix("example-bucket", "/Exports"), "s3://example-bucket/Exports/");
    });
});
