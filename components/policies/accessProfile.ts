/**
 * How much of S3 the export role may touch.
 *
 * - `documented`: the policy of AWS's Pinpoint guide, with `s3:*` inside the
 *   folder and a listing of every bucket in the account.
 * - `writeOnly`: only what writing an export needs. Narrower than AWS's
 *   documented policy, and not itself documented by AWS.
 */
export const ACCESS_PROFILES = ["documented", "writeOnly"] as const;

/** One of the names in `ACCESS_PROFILES`. */
export type AccessProfile = (typeof ACCESS_PROFILES)[number];

/** The profile used when none is given. */
export const DEFAULT_ACCESS_PROFILE: AccessProfile = "documented";
