// How the proof matches strings, case by case, with no solver: the globs of
// Action, Resource and StringLike, exact values, ARN patterns matched part by
// part, and the ARN templates of AWS's resource types. Each row is one rule.
import { strict as assert } from "assert";
import { ActionTarget } from "../../../review/src/proof/actionCatalog";
import { actionKey, actionMatches } from "../../../review/src/proof/iamSemantics";
import {
    arnPattern,
    exactPattern,
    globPattern,
    matchesPattern,
    StringPattern,
    templatePattern,
} from "../../../review/src/proof/stringPattern";
import { principalPattern, resourcePattern } from "../../../review/src/proof/subjectPatterns";

/** [pattern, value, whether it matches, the rule the row shows]. */
type Row = readonly [string, string, boolean, string];

function table(name: string, make: (text: string) => StringPattern, rows: readonly Row[]): void {
    describe(name, () => {
        for (const [pattern, value, expected, rule] of rows) {
            it(`${pattern} ${expected ? "matches" : "does not match"} ${JSON.stringify(value)}: ${rule}`, () => {
                assert.equal(matchesPattern(make(pattern), value), expected);
            });
        }
    });
}

describe("string patterns, without a solver", () => {
    table("a glob (StringLike, the action name)", (text) => globPattern(text), [
        ["Exports/*", "Exports/", true, "* matches an empty run"],
        ["Exports/*", "Exports/a/b:c", true, "* matches any run, / and : included"],
        ["Exports/*", "exports/a", false, "case counts"],
        ["Exports/*", "Export/a", false, "the literal part must match"],
        ["a?c", "abc", true, "? is one character"],
        ["a?c", "ac", false, "? is not an empty run"],
        ["a?c", "abbc", false, "? is not two characters"],
        ["a${*}", "a*", true, "${*} is a literal *"],
        ["a${*}", "ab", false, "${*} is not a wildcard"],
        ["a${?}", "a?", true, "${?} is a literal ?"],
        ["a${?}", "ab", false, "${?} is not a wildcard"],
        ["${$}x", "$x", true, "${$} is a literal $"],
        ["*", "", true, "* alone matches the empty string"],
    ]);

    table("a glob, case aside (the action name)", (text) => globPattern(text, true), [
        ["get*", "GetObject", true, "case aside"],
        ["GET?BJECT", "getbject", false, "? is one character, never none"],
        ["GET?BJECT", "getOBJECT", true, "? matches one character, the rest case aside"],
    ]);

    table("an exact value (StringEquals)", (text) => exactPattern(text), [
        ["a*b", "a*b", true, "* is literal"],
        ["a*b", "axb", false, "* is not a wildcard"],
        ["a?", "ab", false, "? is not a wildcard"],
        ["Exports/", "exports/", false, "case counts"],
    ]);

    table("an exact value, case aside (StringEqualsIgnoreCase, Bool)", (text) => exactPattern(text, true), [
        ["True", "true", true, "case aside"],
        ["True", "truer", false, "nothing more"],
    ]);

    table("an ARN pattern (ArnLike, ArnEquals)", (text) => arnPattern(text)!, [
        ["arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a:b", true, "the resource part may hold colons"],
        ["arn:aws:s3:::bucket/*", "arn:aws:s3:::other/x", false, "the literal part must match"],
        ["arn:*:s3:::b", "arn:aws-us-gov:s3:::b", true, "* matches a partition"],
        ["arn:*:s3:::b", "arn:aws:x:s3:::b", false, "* in the partition never crosses a :"],
        ["arn:aws:*:::b", "arn:aws:s3:x:::b", false, "* in the service never crosses a :"],
        ["arn:aws:sns:*:123456789012:t", "arn:aws:sns:us-east-1:x:123456789012:t", false, "nor in the region"],
        ["arn:aws:sns:us-east-1:*:t", "arn:aws:sns:us-east-1:1:2:t", false, "nor in the account"],
        ["arn:aws:sns:us-east-1:*:t", "arn:aws:sns:us-east-1:123456789012:t", true, "* matches an account"],
        ["arn:aw?:s3:::b", "arn:aw::s3:::b", false, "? in the first five parts is never a :"],
        ["arn:aws:s3:::b?", "arn:aws:s3:::b:", true, "? in the resource part may be a :"],
        ["arn:aws:s3:::b", "arn:AWS:s3:::b", false, "case counts in every part"],
    ]);

    it("reads a glob across colons where an ARN pattern does not: the difference the ARN rule makes", () => {
        const value = "arn:aws:sns:us-east-1:x:123456789012:t";
        assert.equal(matchesPattern(globPattern("arn:aws:sns:*:123456789012:t"), value), true);
        assert.equal(matchesPattern(arnPattern("arn:aws:sns:*:123456789012:t")!, value), false);
    });

    it("takes a value of fewer than six parts as no ARN pattern, unless short ones are padded", () => {
        assert.equal(arnPattern("arn:aws:s3"), undefined);
        const padded = arnPattern("arn:aws:s3", { expandShort: true })!;
        assert.equal(matchesPattern(padded, "arn:aws:s3:us-east-1:123456789012:anything/at:all"), true);
        assert.equal(matchesPattern(padded, "arn:aws:s3express:::b"), false);
    });

    table("a Resource element", resourcePattern, [
        ["*", "anything at all", true, "* is every resource"],
        ["arn:AWS:S3:::bucket/x", "arn:aws:s3:::bucket/x", true, "the first five parts match case aside"],
        ["arn:aws:s3:::Bucket/x", "arn:aws:s3:::bucket/x", false, "the resource part's case counts"],
        ["arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/Exports/a", true, "* in the resource part crosses /"],
        ["arn:*:s3:::bucket", "arn:a:b:s3:::bucket", false, "* in the partition never crosses a :"],
        ["arn:aws:s3", "arn:aws:s3:::bucket", true, "a short ARN is padded with *"],
    ]);

    table("an ARN template of a resource type", templatePattern, [
        ["arn:${Partition}:s3:::${BucketName}/${ObjectName}", "arn:aws:s3:::b/k", true, "each placeholder holds text"],
        ["arn:${Partition}:s3:::${BucketName}/${ObjectName}", "arn:aws:s3:::b/", false, "a placeholder is not empty"],
        ["arn:${Partition}:s3:::${BucketName}/${ObjectName}", "arn:aws:s3:::a/b/c", true, "an object name holds /"],
        ["arn:${Partition}:s3:::${BucketName}", "arn:aws:s3:::a/b", false, "a bucket name holds no /"],
        ["arn:${Partition}:s3:::${BucketName}", "arn:a:b:s3:::x", false, "a partition holds no :"],
    ]);

    describe("a Principal entry", () => {
        const account = "123456789012";
        const rows: readonly [object, string, boolean, string][] = [
            [{ AWS: account }, `arn:aws:iam::${account}:root`, true, "an account id is its root"],
            [{ AWS: account }, `arn:aws:iam::${account}:role/r`, true, "and every principal of it"],
            [
                { AWS: `arn:aws:iam::${account}:root` },
                `arn:aws:sts::${account}:assumed-role/r/s`,
                true,
                "so is its root ARN",
            ],
            [{ AWS: account }, `arn:aws:iam::210987654321:root`, false, "but no other account's"],
            [
                { AWS: `arn:aws:iam::${account}:role/p/r` },
                `arn:aws:sts::${account}:assumed-role/r/s`,
                true,
                "a role, its sessions",
            ],
            [{ AWS: `arn:aws:iam::${account}:role/r` }, `arn:aws:iam::${account}:role/r2`, false, "a role, no other"],
            [{ Service: "pinpoint.amazonaws.com" }, "pinpoint.amazonaws.com", true, "a service, by its name"],
            [{ Service: "pinpoint.amazonaws.com" }, "PINPOINT.amazonaws.com", false, "exactly"],
        ];
        for (const [entry, value, expected, rule] of rows) {
            it(`${JSON.stringify(entry)} ${expected ? "matches" : "does not match"} ${value}: ${rule}`, () => {
                const [kind, text] = Object.entries(entry)[0] as ["AWS" | "Service", string];
                assert.equal(matchesPattern(principalPattern({ kind, value: text }), value), expected);
            });
        }
    });

    describe("an Action element", () => {
        const target = (action: string): ActionTarget => ({
            action,
            service: action.split(":")[0],
            resourceType: "object",
            arnTemplate: "arn:${Partition}:s3:::${BucketName}/${ObjectName}",
            conditionKeys: [],
        });
        const rows: Row[] = [
            ["*", "s3:GetObject", true, "* is every action"],
            ["s3:GetObject", "s3:GetObject", true, "itself"],
            ["S3:GETOBJECT", "s3:GetObject", true, "the service and the name case aside"],
            ["s3:Get*", "s3:GetObjectAcl", true, "* in the name"],
            ["s3:*Object", "s3:ListBucket", false, "the name must match the glob"],
            ["s3:Get?bject", "s3:GetObject", true, "? in the name"],
            ["s3:Get*", "s3express:GetObject", false, "the service exactly, never as a glob"],
            ["s3:GetObject*", "s3:GetObject", true, "* matches an empty run"],
        ];
        for (const [pattern, action, expected, rule] of rows) {
            it(`${pattern} ${expected ? "matches" : "does not match"} ${action}: ${rule}`, () => {
                assert.equal(actionMatches(actionKey(pattern), target(action)), expected);
            });
        }
    });
});
