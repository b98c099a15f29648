// Generators of bucket names and folders that S3 and this package accept,
// written from S3's rules rather than from the package's validation, so a
// property can check that validation accepts them.
import fc from "fast-check";

const LOWER_OR_DIGIT = [..."abcdefghijklmnopqrstuvwxyz0123456789"];

/** S3's safe characters for key names, but for "/": A-Z a-z 0-9 ! - _ . ' ( ). */
export const SAFE_KEY_CHARACTERS = [..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", ..."!-_.'()"];

// S3's naming rules for general purpose buckets:
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
const RESERVED_BUCKET_PREFIXES = ["xn--", "sthree-", "amzn-s3-demo-"];
const RESERVED_BUCKET_SUFFIXES = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];

/** One dot-separated label of a bucket name: letters and digits at both ends, hyphens inside. */
const bucketLabel = fc
    .tuple(
        fc.constantFrom(...LOWER_OR_DIGIT),
        fc.string({ unit: fc.constantFrom(...LOWER_OR_DIGIT, "-"), maxLength: 20 }),
        fc.constantFrom(...LOWER_OR_DIGIT),
    )
    .map(([first, middle, last]) => first + middle + last);

/** Names that come close to a rule without breaking it. */
const nearMissBuckets = fc.constantFrom(
    "abc",
    "a".repeat(63),
    "xn-bucket",
    "sthree",
    "amzn-s3-demo",
    "bucket-s3alia",
    "bucket.mrap1",
    "bucket--x-s3a",
    "my.bucket.name",
    "a-b--c",
    "1.2.3.4a",
    "1.2.3",
);

/** Any bucket name that S3's naming rules allow. */
export const validBucket: fc.Arbitrary<string> = fc
    .oneof(
        {
            arbitrary: fc.array(bucketLabel, { minLength: 1, maxLength: 4 }).map((labels) => labels.join(".")),
            weight: 9,
        },
        { arbitrary: nearMissBuckets, weight: 1 },
    )
    .filter(
        (name) =>
            name.length >= 3 &&
            name.length <= 63 &&
            !/^\d+\.\d+\.\d+\.\d+$/.test(name) &&
            !RESERVED_BUCKET_PREFIXES.some((prefix) => name.startsWith(prefix)) &&
            !RESERVED_BUCKET_SUFFIXES.some((suffix) => name.endsWith(suffix)),
    );

/** S3's safe characters, `min` to `max` of them. */
const safeText = (min: number, max: number) =>
    fc.string({ unit: fc.constantFrom(...SAFE_KEY_CHARACTERS), minLength: min, maxLength: max });

/** One level of a folder: safe characters, and neither "." nor "..". */
const folderSegment = fc
    .oneof(
        { arbitrary: safeText(1, 12), weight: 8 },
        { arbitrary: safeText(13, 60), weight: 1 },
        { arbitrary: fc.constantFrom("...", "..a", "a..", ".a", "a.", "'", "()", "!", "-", "_"), weight: 1 },
    )
    .filter((segment) => segment !== "." && segment !== "..");

/** Folders of one to six levels. */
const shortFolder = fc.array(folderSegment, { minLength: 1, maxLength: 6 }).map((segments) => segments.join("/"));

/**
 * Folders of 400 to 512 characters, the longest allowed, in one to three
 * levels. The evaluator takes longer on long ARNs, so they are rarer.
 */
const longFolder = fc
    .tuple(fc.integer({ min: 400, max: 512 }), fc.integer({ min: 1, max: 3 }), safeText(512, 512))
    .map(([length, levels, text]) => {
        const chars = [...text.slice(0, length)];
        for (let level = 1; level < levels; level++) {
            chars[Math.floor((length * level) / levels)] = "/";
        }
        return chars.join("");
    })
    .filter((folder) => folder.split("/").every((segment) => segment !== "" && segment !== "." && segment !== ".."));

/**
 * Any folder the package documents as valid: one or more levels of S3's safe
 * characters, with optional slashes at either end, at most 512 characters
 * without them.
 */
export const validFolder: fc.Arbitrary<string> = fc
    .tuple(
        fc.constantFrom("", "/", "//"),
        fc.oneof({ arbitrary: shortFolder, weight: 40 }, { arbitrary: longFolder, weight: 1 }),
        fc.constantFrom("", "/", "//"),
    )
    .filter(([, folder]) => folder.length <= 512)
    .map(([leading, folder, trailing]) => leading + folder + trailing);

/** A bucket and a folder in it. */
export interface ExportLocation {
    readonly bucket: string;
    readonly folder: string;
}

/** Any valid bucket and folder. */
export const validLocation: fc.Arbitrary<ExportLocation> = fc.record({ bucket: validBucket, folder: validFolder });
