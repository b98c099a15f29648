import { strict as assert } from "assert";
import { regionViolation } from "../../components/validation/awsIdentifierRules";
import { findMissing, findProblems, SettingName, SettingValues } from "../../components/validation/exportRoleProblems";
import { FOLDER_MAX_LENGTH } from "../../components/validation/folderRules";
import { policySizeViolation, TRUST_POLICY_MAX_SIZE } from "../../components/validation/policyQuotas";
import { describeProblem, formatProblems } from "../../components/validation/violation";

/** The one problem `values` has, as the sentence a user would read. */
function onlyProblem(values: SettingValues): string {
    const problems = findProblems(values);
    assert.equal(problems.length, 1, `expected one problem, got: ${JSON.stringify(problems)}`);
    return describeProblem(problems[0]);
}

const VALID = { bucket: "example-bucket", folder: "Exports", region: "us-east-1", accountId: "123456789012" };

// Each bad value, and words its message must contain: the rule, and the fix where there is one.
const BAD_INPUTS: [SettingName, unknown, string[]][] = [
    ["bucket", "s3://my-bucket", ["is an S3 URL", "give the bucket name, e.g. my-bucket"]],
    ["bucket", "arn:aws:s3:::my-bucket", ["is an S3 ARN", "give the bucket name, e.g. my-bucket"]],
    ["bucket", "s3://my-bucket/Exports", ["e.g. my-bucket", "set the folder separately, e.g. Exports"]],
    ["bucket", "my-bucket/Exports", ['contains "/"', "e.g. my-bucket"]],
    ["bucket", "ab", ["2 characters long", "3 to 63"]],
    ["bucket", "a".repeat(64), ["64 characters long", "3 to 63"]],
    ["bucket", "My-Bucket", ['contains "M"', "lower-case, e.g. my-bucket"]],
    ["bucket", "my_bucket", ['contains "_"']],
    ["bucket", "-bucket", ["begin and end with a letter or digit"]],
    ["bucket", "bucket.", ["begin and end with a letter or digit"]],
    ["bucket", "my..bucket", ["two periods in a row"]],
    ["bucket", "192.168.5.4", ["IP address"]],
    ["bucket", "xn--bucket", ['"xn--"', "prefix S3 reserves"]],
    ["bucket", "sthree-bucket", ['"sthree-"', "prefix S3 reserves"]],
    ["bucket", "amzn-s3-demo-bucket", ['"amzn-s3-demo-"', "prefix S3 reserves"]],
    ["bucket", "bucket-s3alias", ['"-s3alias"', "suffix S3 reserves"]],
    ["bucket", "bucket--ol-s3", ['"--ol-s3"', "suffix S3 reserves"]],
    ["bucket", "bucket.mrap", ['".mrap"', "suffix S3 reserves"]],
    ["bucket", "bucket--x-s3", ['"--x-s3"', "suffix S3 reserves"]],
    ["bucket", "bucket--table-s3", ['"--table-s3"', "suffix S3 reserves"]],
    ["bucket", 42, ["is not a bucket name"]],
    ["folder", "/", ["empty once", "e.g. Exports"]],
    ["folder", "", ["empty once"]],
    ["folder", "Exports*", ['contains "*"', "wildcard", "remove it, e.g. Exports"]],
    ["folder", "Exp?rts", ['contains "?"', "wildcard"]],
    ["folder", "${aws:username}", ['contains "$"', "policy variable"]],
    ["folder", "Exports{", ['contains "{"', "policy variable"]],
    ["folder", "Exports}", ['contains "}"', "policy variable"]],
    ["folder", "my exports", ['" " (U+0020)', "safe characters"]],
    ["folder", "Exports\u0007", ['"\\u0007" (U+0007)', "safe characters"]],
    ["folder", "Expörts", ['"ö" (U+00F6)', "safe characters"]],
    ["folder", "a//b", ["empty segment", "e.g. a/b"]],
    ["folder", "a/../b", ['".." segment']],
    ["folder", "./a", ['"." segment']],
    ["folder", "s3://bucket/Exports", ["is a URL or ARN", "e.g. Exports"]],
    [
        "folder",
        "a".repeat(FOLDER_MAX_LENGTH + 1),
        [`${FOLDER_MAX_LENGTH + 1} characters long`, `at most ${FOLDER_MAX_LENGTH}`],
    ],
    ["accountId", 12345678901, ["is not an account id", 'write it as a quoted string, e.g. "012345678901"']],
    ["accountId", "1234-5678-9012", ["exactly 12 digits", "e.g. 123456789012"]],
    ["accountId", "abcdefghijkl", ["exactly 12 digits"]],
    ["applicationId", "not-an-app", ["32 lower-case hexadecimal"]],
    ["applicationId", "0123456789ABCDEF0123456789ABCDEF", ["lower-case", "e.g. 0123456789abcdef0123456789abcdef"]],
    [
        "applicationId",
        "arn:aws:mobiletargeting:us-east-1:123456789012:apps/0123456789abcdef0123456789abcdef",
        ["is an ARN", "e.g. 0123456789abcdef0123456789abcdef"],
    ],
    ["region", "moon-base-1", ["not an AWS region name", "us-east-1"]],
    ["region", "us-east-1a", ["availability zone", "e.g. us-east-1"]],
    ["region", "US-EAST-1", ["only lower-case letters, digits and -", "e.g. us-east-1"]],
    ["region", "us_east-1", ["only lower-case letters, digits and -"]],
    ["region", "cn-north-1", ["aws-cn partition", "Pinpoint is not offered"]],
    ["region", "us-iso-east-1", ["aws-iso partition", "Pinpoint is not offered"]],
    ["roleName", "", ["0 characters long", "1 to 64"]],
    ["roleName", "r".repeat(65), ["65 characters long", "1 to 64"]],
    ["roleName", "export role", ['contains " "']],
    ["policyName", "p".repeat(129), ["129 characters long", "1 to 128"]],
    ["policyName", "policy/name", ['contains "/"']],
    ["path", "service-role", ['must be "/" or "/name/…/"', "e.g. /service-role/"]],
    ["path", "/a//b/", ['must be "/" or "/name/…/"', "e.g. /a/b/"]],
    ["path", `/${"p".repeat(511)}/`, ["513 characters long", "at most 512"]],
    ["maxSessionDuration", 3599, ["from 3600", "43200"]],
    ["maxSessionDuration", 43201, ["from 3600", "43200"]],
    ["maxSessionDuration", 3600.5, ["is not a whole number of seconds"]],
    ["maxSessionDuration", "an hour", ["is not a whole number of seconds"]],
    [
        "permissionsBoundary",
        "MyBoundary",
        ["not an IAM managed policy ARN", "arn:aws:iam::123456789012:policy/MyBoundary"],
    ],
    ["permissionsBoundary", "arn:aws:iam::123456789012:role/NotAPolicy", ["not an IAM managed policy ARN"]],
    ["description", "d".repeat(1001), ["1001 characters long", "at most 1000"]],
    ["description", "emoji 🚀", ["printable Latin-1"]],
    ["tags", { "aws:team": "x" }, ['"aws:" prefix is reserved']],
    ["tags", { "": "x" }, ["1 to 128"]],
    ["tags", { team: "v".repeat(257) }, ["0 to 256"]],
    ["tags", { Team: "a", team: "b" }, ["twice, ignoring case"]],
    [
        "tags",
        Object.fromEntries(Array.from({ length: 51 }, (_, index) => [`k${index}`, "v"])),
        ["51 tags", "at most 50"],
    ],
    ["tags", { team: 7 }, ["not a string"]],
    ["tags", "team=platform", ["is not a map"]],
    ["accessProfile", "writeonly", ['must be one of "documented", "writeOnly"', "mind the case: writeOnly"]],
    ["accessProfile", "readOnly", ['must be one of "documented", "writeOnly"']],
    ["kmsKeyArn", "alias/exports", ["is a key alias", "aws kms describe-key --key-id alias/exports"]],
    ["kmsKeyArn", "arn:aws:kms:us-east-1:123456789012:alias/exports", ["is a key alias"]],
    ["kmsKeyArn", "1234abcd-12ab-34cd-56ef-1234567890ab", ["is a bare key id", "give the full ARN"]],
    ["kmsKeyArn", "arn:aws:s3:::bucket", ["is not a KMS key ARN"]],
    [
        "kmsKeyArn",
        "arn:aws:kms:moon-1:123456789012:key/abcd",
        ['"moon-1" as the key\'s region', "not an AWS region name"],
    ],
    [
        "kmsKeyArn",
        "arn:aws:kms:us-gov-west-1:123456789012:key/abcd",
        ["a region of the aws-us-gov partition, under the aws partition"],
    ],
];

describe("input rules", () => {
    it(`cover at least 25 distinct bad inputs (${BAD_INPUTS.length})`, () => {
        assert.ok(new Set(BAD_INPUTS.map(([setting, value]) => `${setting}=${JSON.stringify(value)}`)).size >= 25);
    });

    for (const [setting, value, words] of BAD_INPUTS) {
        it(`refuse ${setting} = ${JSON.stringify(value).slice(0, 60)}`, () => {
            const message = onlyProblem({ ...VALID, [setting]: value });
            assert.ok(message.startsWith(`${setting}: `), message);
            for (const word of words) {
                assert.ok(message.includes(word), `${JSON.stringify(word)} is not in: ${message}`);
            }
        });
    }

    // A fix that quotes an example must quote one the rules accept; where none would be, there is none.
    const FIXES: [SettingName, unknown, string | undefined][] = [
        ["folder", "../Exports*", "remove it, e.g. Exports"],
        ["folder", "../*", undefined],
        ["folder", "a//../b", "use single slashes, e.g. a/b"],
        ["bucket", "s3://My_Bucket/a*", "give the bucket name, e.g. my-bucket, and set the folder separately"],
        ["region", "CN-NORTH-1", "use one such as us-east-1"],
        ["region", "cn-north-1a", "use a region of a partition where Pinpoint is offered, such as us-east-1"],
        ["accountId", "12345678901", undefined],
        ["accountId", "1234", undefined],
    ];
    for (const [setting, value, fix] of FIXES) {
        it(`suggest for ${setting} = ${JSON.stringify(value)} ${fix ? "only a fix that passes the rules" : "no fix"}`, () => {
            const [problem, ...others] = findProblems({ ...VALID, [setting]: value });
            assert.deepEqual(others, []);
            assert.equal(problem.fix, fix);
            const example = /e\.g\. ([^,\s]+)/.exec(fix ?? "")?.[1];
            if (example !== undefined) {
                assert.deepEqual(findProblems({ ...VALID, [setting]: example }), []);
            }
        });
    }

    const GOOD_INPUTS: [SettingName, unknown][] = [
        ["bucket", "abc"],
        ["bucket", "a".repeat(63)],
        ["bucket", "my.bucket-1"],
        ["bucket", "1.2.3.4a"],
        ["folder", "A-Za-z0-9!-_.'()"],
        ["folder", "/pinpoint/exports/daily/"],
        ["folder", "a".repeat(FOLDER_MAX_LENGTH)],
        ["folder", "a.b/..c"],
        ["accountId", "000000000000"],
        ["applicationId", "0123456789abcdef0123456789abcdef"],
        ["region", "us-gov-west-1"],
        ["roleName", "r".repeat(64)],
        ["roleName", "Export+Role=,.@_-1"],
        ["policyName", "p".repeat(128)],
        ["path", "/"],
        ["path", "/service-role/pinpoint/"],
        ["maxSessionDuration", 3600],
        ["maxSessionDuration", 43200],
        ["permissionsBoundary", "arn:aws:iam::123456789012:policy/boundaries/Boundary"],
        ["permissionsBoundary", "arn:aws:iam::aws:policy/PowerUserAccess"],
        ["description", "Pinpoint exports\tfor the café team\n"],
        ["tags", { team: "platform", "cost-centre": "", "a b:c/d=e+f-g@h_i.j": "é" }],
        ["accessProfile", "documented"],
        ["accessProfile", "writeOnly"],
        ["kmsKeyArn", "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"],
        ["kmsKeyArn", "arn:aws:kms:us-west-2:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab"],
    ];
    for (const [setting, value] of GOOD_INPUTS) {
        it(`accept ${setting} = ${JSON.stringify(value).slice(0, 60)}`, () => {
            assert.deepEqual(findProblems({ ...VALID, [setting]: value }), []);
        });
    }
});

describe("rules that join settings", () => {
    it("refuse a permissions boundary from another partition than the region's", () => {
        const message = onlyProblem({ ...VALID, permissionsBoundary: "arn:aws-us-gov:iam::123456789012:policy/B" });
        assert.match(
            message,
            /^permissionsBoundary: .* is in the aws-us-gov partition, but the region us-east-1 is in aws\.$/,
        );
    });

    it("refuse a KMS key from another partition than the region's", () => {
        const message = onlyProblem({ ...VALID, kmsKeyArn: "arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/abc" });
        assert.match(message, /^kmsKeyArn: .* is in the aws-us-gov partition/);
    });

    it("refuse a folder that makes the permission policy bigger than IAM's 6,144 characters", () => {
        // 128 levels of "aaa": the folder is short enough, but every level is listed in the policy.
        const folder = Array.from({ length: 128 }, () => "aaa").join("/");
        assert.ok(folder.length <= FOLDER_MAX_LENGTH);
        const message = onlyProblem({ ...VALID, folder });
        assert.match(
            message,
            /^folder: .* makes the permission policy [\d,]+ characters long without whitespace; IAM allows 6,144\.$/,
        );
    });

    it("accept the deepest folder that still fits", () => {
        const fits = (levels: number) =>
            findProblems({ ...VALID, folder: Array.from({ length: levels }, () => "aaa").join("/") }).length === 0;
        let levels = 1;
        while (fits(levels + 1)) {
            levels++;
        }
        assert.ok(levels > 10 && levels < 128, `deepest fitting folder: ${levels} levels`);
    });

    it("refuse a region that makes the trust policy bigger than IAM's 2,048 characters", () => {
        // The region rule is the AWS SDKs' partition pattern, which sets no length:
        // such a name passes it, and only the trust policy's quota stops it.
        const region = `us-${"a".repeat(2100)}-1`;
        assert.equal(regionViolation(region), undefined, "the region rule accepts it");
        assert.match(
            onlyProblem({ ...VALID, region }),
            /^region: "us-aaa.* makes the trust policy [\d,]+ characters long without whitespace; IAM allows 2,048\.$/,
        );
    });

    it("measure a policy against the quota it is given, refusing one over it", () => {
        const big = JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "x".repeat(TRUST_POLICY_MAX_SIZE) }] });
        assert.match(policySizeViolation("trust policy", big, TRUST_POLICY_MAX_SIZE)!.rule, /IAM allows 2,048$/);
        assert.equal(policySizeViolation("trust policy", "{ }", TRUST_POLICY_MAX_SIZE), undefined);
    });

    it("count policy size without whitespace, as IAM does", () => {
        const spaced = `{ "a" : ${" ".repeat(TRUST_POLICY_MAX_SIZE)} "${"b".repeat(TRUST_POLICY_MAX_SIZE - 8)}" }`;
        assert.equal(policySizeViolation("trust policy", spaced, TRUST_POLICY_MAX_SIZE), undefined);
    });
});

describe("problem reports", () => {
    it("list every problem at once, each naming its key, value, rule and fix", () => {
        const problems = findProblems(
            { bucket: "s3://b", folder: "a*", accountId: "1" },
            (setting) => `pinpoint-export:${setting}`,
        );
        assert.equal(
            formatProblems("Bad config:", problems),
            [
                "Bad config:",
                '  - pinpoint-export:bucket: "s3://b" is an S3 URL, not a bucket name. Fix: give the bucket name, e.g. my-bucket.',
                '  - pinpoint-export:folder: "a*" contains "*", which IAM reads as a wildcard, so the role could reach keys outside the folder. Fix: remove it, e.g. a.',
                '  - pinpoint-export:accountId: "1" must be exactly 12 digits.',
            ].join("\n"),
        );
    });

    it("report a required setting that is absent, with how to set it", () => {
        const problems = findMissing({ folder: "x" }, (key) => `set ${key}`);
        assert.deepEqual(problems, [
            { key: "bucket", value: undefined, rule: "is required but not set", fix: "set bucket" },
        ]);
    });

    it("cut very long values short", () => {
        const message = onlyProblem({ ...VALID, roleName: "r".repeat(300) });
        assert.ok(message.includes("… (302 characters)"), message);
        assert.ok(message.length < 250, message);
    });
});
