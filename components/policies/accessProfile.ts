// An object of literals with a type of the same name: Pulumi's schema analyzer
// makes this pattern (or a TypeScript enum) a named enum type of the package
// schema, and refuses a bare union of string literals.

/** How much of S3 the export role may touch: `documented` (the default) or `writeOnly`. */
export const AccessProfile = {
    /** The policy of AWS's Pinpoint guide: `s3:*` inside the folder, and a listing of every bucket in the account. */
    documented: "documented",
    /**
     * Only what writing an export needs: locating the bucket, listing the folder and writing objects into it.
     * Narrower than AWS's documented policy, and not itself documented by AWS: try one export with it before
     * relying on it.
     */
    writeOnly: "writeOnly",
} as const;

/** How much of S3 the export role may touch: `"documented"` (the default) or `"writeOnly"`. */
export type AccessProfile = (typeof AccessProfile)[keyof typeof AccessProfile];

/** Every profile, in the order messages list them. */
export const ACCESS_PROFILES: readonly AccessProfile[] = Object.values(AccessProfile);

/** The profile used when none is given. */
export const DEFAULT_ACCESS_PROFILE: AccessProfile = AccessProfile.documented;
