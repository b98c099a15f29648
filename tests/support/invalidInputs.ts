// Generators of values that break one rule each, made by breaking a valid
// value: a folder with a wildcard, a policy variable's characters, a control
// or non-Latin-1 character, a "." or ".." level, an empty level, or too many
// characters; a bucket name that breaks one of S3's naming rules; a KMS key
// given as an alias or a bare key id.
import fc from "fast-check";
import { validBucket, validFolder } from "./validInputs";

/** A setting and a value of it that must be refused. */
export interface BrokenSetting {
    readonly setting: "bucket" | "folder" | "kmsKeyArn";
    readonly value: string;
    /** Which rule the value breaks, for the failure message. */
    readonly breaks: string;
}

/** `inserted` put into `text` at a generated position. */
function insertedInto(text: fc.Arbitrary<string>, inserted: fc.Arbitrary<string>): fc.Arbitrary<string> {
    return fc
        .tuple(text, inserted, fc.nat())
        .map(([into, what, at]) => into.slice(0, at % (into.length + 1)) + what + into.slice(at % (into.length + 1)));
}

/** The folder without slashes at either end, so that an insertion lands inside it. */
const innerFolder = validFolder.map((folder) => folder.replace(/^\/+/, "").replace(/\/+$/, ""));

const controlCharacter = fc
    .oneof(fc.integer({ min: 0x00, max: 0x1f }), fc.integer({ min: 0x7f, max: 0x9f }))
    .map((code) => String.fromCharCode(code));

const nonLatin1Character = fc
    .oneof(fc.integer({ min: 0x100, max: 0xd7ff }), fc.integer({ min: 0xe000, max: 0x10ffff }))
    .map((code) => String.fromCodePoint(code));

/** Latin-1 characters outside S3's safe set: spaces, punctuation, accented letters. */
const unsafeLatin1Character = fc.oneof(
    fc.constantFrom(...' "#%&+,:;<=>@[\\]^`|~'),
    fc.integer({ min: 0xa0, max: 0xff }).map((code) => String.fromCharCode(code)),
);

const brokenFolders: fc.Arbitrary<BrokenSetting>[] = [
    insertedInto(innerFolder, fc.constantFrom("*", "?")).map((value) => ({ value, breaks: "wildcard" })),
    insertedInto(innerFolder, fc.constantFrom("$", "{", "}", "${aws:username}")).map((value) => ({
        value,
        breaks: "policy variable",
    })),
    insertedInto(innerFolder, controlCharacter).map((value) => ({ value, breaks: "control character" })),
    insertedInto(innerFolder, nonLatin1Character).map((value) => ({ value, breaks: "non-Latin-1 character" })),
    insertedInto(innerFolder, unsafeLatin1Character).map((value) => ({ value, breaks: "unsafe character" })),
    fc.tuple(innerFolder, fc.constantFrom("..", "."), fc.nat()).map(([folder, dots, at]) => {
        const levels = folder.split("/");
        levels.splice(at % (levels.length + 1), 0, dots);
        return { value: levels.join("/"), breaks: `"${dots}" level` };
    }),
    fc
        .tuple(innerFolder, innerFolder)
        .map(([first, second]) => ({ value: `${first}//${second}`, breaks: "empty level" })),
    fc.tuple(innerFolder, fc.integer({ min: 513, max: 1200 })).map(([folder, length]) => ({
        value: folder
            .repeat(Math.ceil(length / folder.length))
            .slice(0, length)
            .replace(/\/$/, "a"),
        breaks: "overlong",
    })),
    fc.constantFrom("", "/", "//", "///").map((value) => ({ value, breaks: "empty" })),
    fc
        .tuple(validBucket, innerFolder)
        .map(([bucket, folder]) => ({ value: `s3://${bucket}/${folder}`, breaks: "URL" })),
].map((arbitrary) => arbitrary.map((broken) => ({ setting: "folder" as const, ...broken })));

const brokenBuckets: fc.Arbitrary<BrokenSetting>[] = [
    insertedInto(validBucket, fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZ")).map((value) => ({
        value,
        breaks: "upper case",
    })),
    insertedInto(validBucket, fc.constantFrom(..."_ !*?$~'()/:", "é", "日", "\u0000")).map((value) => ({
        value,
        breaks: "character outside a-z 0-9 . -",
    })),
    fc.string({ unit: fc.constantFrom(..."abc123"), maxLength: 2 }).map((value) => ({ value, breaks: "too short" })),
    fc.tuple(validBucket, fc.integer({ min: 64, max: 200 })).map(([bucket, length]) => ({
        value: bucket.repeat(Math.ceil(length / bucket.length)).slice(0, length),
        breaks: "too long",
    })),
    fc.tuple(validBucket, fc.constantFrom("-", "."), fc.boolean()).map(([bucket, edge, atStart]) => ({
        value: atStart ? (edge + bucket).slice(0, 63) : bucket.slice(0, 62) + edge,
        breaks: "not a letter or digit at an end",
    })),
    insertedInto(
        validBucket.map((bucket) => bucket.slice(1, -1)),
        fc.constant(".."),
    ).map((inner) => ({
        value: `a${inner}z`,
        breaks: "two periods in a row",
    })),
    fc
        .array(fc.integer({ min: 0, max: 999 }), { minLength: 4, maxLength: 4 })
        .map((numbers) => ({ value: numbers.join("."), breaks: "IP address" })),
    fc.tuple(fc.constantFrom("xn--", "sthree-", "amzn-s3-demo-"), validBucket).map(([prefix, bucket]) => ({
        value: (prefix + bucket).slice(0, 63).replace(/[-.]$/, "a"),
        breaks: "reserved prefix",
    })),
    fc
        .tuple(validBucket, fc.constantFrom("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"))
        .map(([bucket, suffix]) => ({
            value: bucket.slice(0, 63 - suffix.length) + suffix,
            breaks: "reserved suffix",
        })),
    fc
        .tuple(validBucket, innerFolder, fc.constantFrom("s3://", "arn:aws:s3:::"))
        .map(([bucket, folder, scheme]) => ({ value: `${scheme}${bucket}/${folder}`, breaks: "URL or ARN" })),
].map((arbitrary) => arbitrary.map((broken) => ({ setting: "bucket" as const, ...broken })));

const brokenKeys: fc.Arbitrary<BrokenSetting>[] = [
    fc.uuid().map((id) => ({ value: id, breaks: "bare key id" })),
    fc.uuid().map((id) => ({ value: `mrk-${id.replace(/-/g, "")}`, breaks: "bare multi-Region key id" })),
    fc.stringMatching(/^[a-zA-Z0-9/_-]{1,40}$/).map((name) => ({ value: `alias/${name}`, breaks: "alias name" })),
    fc
        .stringMatching(/^[a-zA-Z0-9/_-]{1,40}$/)
        .map((name) => ({ value: `arn:aws:kms:us-east-1:123456789012:alias/${name}`, breaks: "alias ARN" })),
].map((arbitrary) => arbitrary.map((broken) => ({ setting: "kmsKeyArn" as const, ...broken })));

/** A bucket, folder or KMS key value that breaks one rule, of every kind above. */
export const brokenSetting: fc.Arbitrary<BrokenSetting> = fc.oneof(...brokenFolders, ...brokenBuckets, ...brokenKeys);
