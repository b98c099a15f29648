import { folderViolation } from "./folderRules";
import { Violation, wrongType } from "./violation";

// S3's naming rules for general purpose buckets:
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
const RESERVED_PREFIXES = ["xn--", "sthree-", "amzn-s3-demo-"];
const RESERVED_SUFFIXES = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];

/** Why `value` cannot be an S3 bucket name, or `undefined` if it can. */
export function bucketViolation(value: unknown): Violation | undefined {
    if (typeof value !== "string") {
        return wrongType("a bucket name (a string)");
    }
    const located = /^(?:s3:\/\/|arn:[^:]*:s3:::)([^/]*)\/*(.*)$/.exec(value);
    if (located) {
        const [, name, folder] = located;
        const what = value.startsWith("s3://") ? "an S3 URL" : "an S3 ARN";
        return { rule: `is ${what}, not a bucket name`, fix: giveNameAndFolder(name, folder) };
    }
    if (value.includes("/")) {
        const [name, ...rest] = value.split("/");
        return { rule: 'contains "/", which bucket names cannot', fix: giveNameAndFolder(name, rest.join("/")) };
    }
    if (value.length < 3 || value.length > 63) {
        return { rule: `is ${value.length} characters long; bucket names have 3 to 63` };
    }
    const badCharacter = /[^a-z0-9.-]/.exec(value);
    if (badCharacter) {
        const lowered = value.toLowerCase();
        return {
            rule: `contains ${JSON.stringify(badCharacter[0])}; bucket names use only a-z, 0-9, "." and "-"`,
            fix:
                lowered !== value && bucketViolation(lowered) === undefined
                    ? `bucket names are lower-case, e.g. ${lowered}`
                    : undefined,
        };
    }
    if (!/^[a-z0-9].*[a-z0-9]$/.test(value)) {
        return { rule: "must begin and end with a letter or digit" };
    }
    if (value.includes("..")) {
        return { rule: "must not contain two periods in a row" };
    }
    if (/^\d+\.\d+\.\d+\.\d+$/.test(value)) {
        return { rule: "must not be shaped like an IP address" };
    }
    const prefix = RESERVED_PREFIXES.find((reserved) => value.startsWith(reserved));
    if (prefix) {
        return { rule: `begins with ${JSON.stringify(prefix)}, a prefix S3 reserves` };
    }
    const suffix = RESERVED_SUFFIXES.find((reserved) => value.endsWith(reserved));
    if (suffix) {
        return { rule: `ends with ${JSON.stringify(suffix)}, a suffix S3 reserves` };
    }
    return undefined;
}

/** How to give a bucket and folder that were written as one URL or path; each example passes its rule. */
function giveNameAndFolder(name: string, folder: string): string {
    const example = name && bucketViolation(name) === undefined ? name : "my-bucket";
    if (!folder) {
        return `give the bucket name, e.g. ${example}`;
    }
    const folderExample = folderViolation(folder) === undefined ? `, e.g. ${folder}` : "";
    return `give the bucket name, e.g. ${example}, and set the folder separately${folderExample}`;
}
