// Generators of S3 requests in and around one folder of one bucket, weighted
// towards the near misses that a too-wide policy would let through: sibling
// folders that share the folder's name as a prefix, parents, keys that differ
// by one character or by case, and buckets whose names start with the bucket's.
import fc from "fast-check";
import { RoleRequest } from "../../review/src/access/iamEvaluator";
import { kmsRequest } from "./kmsRequests";
import { bucketRequest, listRequest, OBJECT_ACTIONS, objectRequest } from "./s3Requests";
import { ExportLocation, SAFE_KEY_CHARACTERS } from "./validInputs";

/**
 * Characters of generated keys and prefixes: anything S3 takes but "*", which
 * the evaluator reads as a wildcard in a request's resource.
 */
const KEY_CHARACTERS = [...SAFE_KEY_CHARACTERS, "/", "/", "/", "?", "$", "{", "}", " ", "+", "=", "é", "日", "\u0001"];

const tail = fc.string({ unit: fc.constantFrom(...KEY_CHARACTERS), maxLength: 10 });

/** Bucket-level actions: the one the profiles grant, and some that none may. */
const BUCKET_ACTIONS = [
    "s3:GetBucketLocation",
    "s3:DeleteBucket",
    "s3:PutBucketPolicy",
    "s3:PutBucketAcl",
    "s3:GetBucketPolicy",
    "s3:PutLifecycleConfiguration",
    "s3:ListBucketMultipartUploads",
];

/** Every object action the requests use: the common ones, and a few more. */
const ALL_OBJECT_ACTIONS = [...OBJECT_ACTIONS, "s3:PutObjectTagging", "s3:GetObjectVersion", "s3:RestoreObject"];

/**
 * Requests of every kind around `location`: on objects, listings, and on
 * buckets; and, given a KMS key, on that key and near it.
 */
export function requestsAround(location: ExportLocation, kmsKeyArn?: string): fc.Arbitrary<RoleRequest> {
    const prefix = `${location.folder.replace(/^\/+/, "").replace(/\/+$/, "")}/`;
    const bucket = bucketsNear(location.bucket);
    const key = keysNear(prefix);
    const s3Requests = fc
        .oneof(
            // An object has a key of at least one character.
            {
                arbitrary: fc.tuple(
                    fc.constantFrom(...ALL_OBJECT_ACTIONS),
                    bucket,
                    key.filter((name) => name !== ""),
                ),
                weight: 5,
            },
            { arbitrary: fc.tuple(fc.constant("s3:ListBucket"), bucket, listingsNear(prefix)), weight: 4 },
            { arbitrary: fc.tuple(fc.constantFrom(...BUCKET_ACTIONS), bucket, fc.constant(undefined)), weight: 2 },
        )
        .map(([action, bucketName, detail]): RoleRequest => {
            if (action === "s3:ListBucket") {
                const listing = detail as Listing;
                return listRequest(bucketName, listing.prefix, listing.delimiter);
            }
            return detail === undefined
                ? bucketRequest(action, bucketName)
                : objectRequest(action, bucketName, detail as string);
        });
    return kmsKeyArn === undefined
        ? s3Requests
        : fc.oneof({ arbitrary: s3Requests, weight: 4 }, { arbitrary: kmsRequestsNear(kmsKeyArn), weight: 1 });
}

/**
 * KMS requests on the key, or on a key of another id or region; through S3 in
 * the key's region or another, through another service, or directly.
 */
function kmsRequestsNear(key: string): fc.Arbitrary<RoleRequest> {
    const [, , , region, account, resource] = key.split(":");
    const otherKeys = [
        key.replace(/.$/, (last) => (last === "0" ? "1" : "0")),
        `arn:aws:kms:${region === "us-east-1" ? "us-west-2" : "us-east-1"}:${account}:${resource}`,
    ];
    return fc
        .tuple(
            fc.constantFrom(
                "kms:GenerateDataKey",
                "kms:Decrypt",
                "kms:Encrypt",
                "kms:ReEncryptFrom",
                "kms:CreateGrant",
            ),
            fc.oneof(
                { arbitrary: fc.constant(key), weight: 3 },
                { arbitrary: fc.constantFrom(...otherKeys), weight: 1 },
            ),
            fc.constantFrom(
                `s3.${region}.amazonaws.com`,
                `s3.${region}.amazonaws.com`,
                "s3.us-west-2.amazonaws.com",
                "s3.amazonaws.com",
                `sqs.${region}.amazonaws.com`,
                undefined,
            ),
        )
        .map(([action, target, via]) => kmsRequest(action, target, via));
}

/** The bucket itself, mostly, or a name close to it. */
function bucketsNear(bucket: string): fc.Arbitrary<string> {
    return fc.oneof(
        { arbitrary: fc.constant(bucket), weight: 6 },
        { arbitrary: fc.constantFrom("-", ".", "x", "2", "-evil").map((suffix) => bucket + suffix), weight: 2 },
        { arbitrary: fc.constant(bucket.slice(0, -1)).filter((name) => name.length > 0), weight: 1 },
        { arbitrary: fc.constantFrom("other-bucket", "example-bucket", "a.b"), weight: 1 },
    );
}

/** Keys inside the folder, beside it, above it, and one slip away from it. */
function keysNear(prefix: string): fc.Arbitrary<string> {
    const folder = prefix.slice(0, -1);
    const levels = prefix.split("/").slice(0, -1);
    const ancestors = levels.map((_, depth) => `${levels.slice(0, depth).join("/")}${depth > 0 ? "/" : ""}`);
    return fc.oneof(
        // Inside the folder, at any depth, including the folder's own "directory" object.
        { arbitrary: tail.map((rest) => prefix + rest), weight: 4 },
        // A sibling whose name starts with the folder's: ExportsEvil/x for Exports.
        {
            arbitrary: fc
                .tuple(fc.constantFrom(...SAFE_KEY_CHARACTERS), tail)
                .map(([next, rest]) => folder + next + rest),
            weight: 2,
        },
        // The folder's name as a key, without the slash.
        { arbitrary: fc.constant(folder), weight: 1 },
        // Above the folder: the root or a parent, then anything.
        {
            arbitrary: fc.tuple(fc.constantFrom(...ancestors), tail).map(([ancestor, rest]) => ancestor + rest),
            weight: 2,
        },
        // One character of the folder's prefix changed, dropped, or in the other case.
        { arbitrary: fc.tuple(slips(prefix), tail).map(([slipped, rest]) => slipped + rest), weight: 2 },
    );
}

/** A ListObjects request's prefix and delimiter, each possibly absent. */
interface Listing {
    readonly prefix?: string;
    readonly delimiter?: string;
}

/** Listings of the folder, of every level above it, of keys near it, and with parameters missing. */
function listingsNear(prefix: string): fc.Arbitrary<Listing> {
    const levels = prefix.split("/").slice(0, -1);
    const ancestors = ["", ...levels.map((_, depth) => `${levels.slice(0, depth + 1).join("/")}/`)];
    const listedPrefix = fc.oneof(
        { arbitrary: fc.constantFrom(...ancestors), weight: 3 },
        { arbitrary: keysNear(prefix), weight: 6 },
        { arbitrary: fc.constant(undefined), weight: 1 },
    );
    const delimiter = fc.constantFrom("/", "/", undefined, "-");
    return fc.record({ prefix: listedPrefix, delimiter });
}

/** `text` with one character changed, dropped, or switched to the other case. */
function slips(text: string): fc.Arbitrary<string> {
    return fc
        .tuple(fc.nat({ max: text.length - 1 }), fc.constantFrom(...SAFE_KEY_CHARACTERS, "/"), fc.nat({ max: 2 }))
        .map(([index, replacement, kind]) => {
            const before = text.slice(0, index);
            const after = text.slice(index + 1);
            const original = text[index];
            if (kind === 0) {
                return before + after;
            }
            if (kind === 1) {
                return before + replacement + after;
            }
            const flipped = original === original.toLowerCase() ? original.toUpperCase() : original.toLowerCase();
            return before + flipped + after;
        });
}
