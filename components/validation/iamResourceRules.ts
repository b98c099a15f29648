import { ACCESS_PROFILES } from "../policies/accessProfile";
import { Violation, wrongType } from "./violation";

// The quotas and patterns of the IAM API reference (CreateRole, CreatePolicy, TagRole).

/** Why `value` cannot be an IAM role name, or `undefined` if it can. */
export function roleNameViolation(value: unknown): Violation | undefined {
    return iamNameViolation(value, 64);
}

/** Why `value` cannot be an IAM managed policy name, or `undefined` if it can. */
export function policyNameViolation(value: unknown): Violation | undefined {
    return iamNameViolation(value, 128);
}

function iamNameViolation(value: unknown, maxLength: number): Violation | undefined {
    if (typeof value !== "string") {
        return wrongType("a name (a string)");
    }
    if (value.length < 1 || value.length > maxLength) {
        return { rule: `is ${value.length} characters long; IAM allows 1 to ${maxLength}` };
    }
    const bad = /[^\w+=,.@-]/.exec(value);
    if (bad) {
        return { rule: `contains ${JSON.stringify(bad[0])}; IAM names use only letters, digits and _ + = , . @ -` };
    }
    return undefined;
}

/**
 * Why `value` cannot be the IAM path of the role and its policy, or `undefined`
 * if it can. A policy path allows fewer characters than a role path, and the
 * same path is given to both, so the policy's pattern is the rule.
 */
export function pathViolation(value: unknown): Violation | undefined {
    if (typeof value !== "string") {
        return wrongType("an IAM path (a string)");
    }
    if (value.length > 512) {
        return { rule: `is ${value.length} characters long; IAM allows at most 512` };
    }
    if (/^(\/[A-Za-z0-9.,+@=_-]+)*\/$/.test(value)) {
        return undefined;
    }
    const segments = value.split("/").filter(Boolean);
    const fixed = `/${segments.join("/")}/`;
    return {
        rule: 'must be "/" or "/name/…/": single slashes around names of letters, digits and . , + @ = _ -',
        fix: /^(\/[A-Za-z0-9.,+@=_-]+)*\/$/.test(fixed) ? `e.g. ${fixed}` : undefined,
    };
}

/** Why `value` cannot be a role's maximum session duration, or `undefined` if it can. */
export function maxSessionDurationViolation(value: unknown): Violation | undefined {
    if (typeof value !== "number" || !Number.isInteger(value)) {
        return wrongType("a whole number of seconds");
    }
    if (value < 3600 || value > 43200) {
        return { rule: "must be from 3600 (one hour) to 43200 (12 hours) seconds" };
    }
    return undefined;
}

/** Why `value` cannot be a role description, or `undefined` if it can. */
export function descriptionViolation(value: unknown): Violation | undefined {
    if (typeof value !== "string") {
        return wrongType("a description (a string)");
    }
    if (value.length > 1000) {
        return { rule: `is ${value.length} characters long; IAM allows at most 1000` };
    }
    const bad = /[^\t\n\r\x20-\x7E\xA1-\xFF]/.exec(value);
    if (bad) {
        return {
            rule: `contains ${JSON.stringify(bad[0])}; IAM descriptions use only printable Latin-1 characters, tabs and newlines`,
        };
    }
    return undefined;
}

const TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** Why `value` cannot be the tags of an IAM role and policy, or `undefined` if it can. */
export function tagsViolation(value: unknown): Violation | undefined {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
        return wrongType("a map of tag names to values");
    }
    const entries = Object.entries(value);
    if (entries.length > 50) {
        return { rule: `has ${entries.length} tags; IAM allows at most 50` };
    }
    const seen = new Set<string>();
    for (const [key, tagValue] of entries) {
        // IAM treats tag keys on roles as case-insensitive.
        if (seen.has(key.toLowerCase())) {
            return { rule: `has the tag key ${JSON.stringify(key)} twice, ignoring case; IAM treats those as one key` };
        }
        seen.add(key.toLowerCase());
        if (key.length < 1 || key.length > 128 || !TAG_CHARACTERS.test(key)) {
            return {
                rule: `has the tag key ${JSON.stringify(key)}; keys have 1 to 128 letters, digits, spaces and _ . : / = + - @`,
            };
        }
        if (/^aws:/i.test(key)) {
            return { rule: `has the tag key ${JSON.stringify(key)}; the "aws:" prefix is reserved for AWS` };
        }
        if (typeof tagValue !== "string") {
            return { rule: `has a value for ${JSON.stringify(key)} that is not a string` };
        }
        if (tagValue.length > 256 || !TAG_CHARACTERS.test(tagValue)) {
            return {
                rule: `has a value for ${JSON.stringify(key)} that is not 0 to 256 letters, digits, spaces and _ . : / = + - @`,
            };
        }
    }
    return undefined;
}

/** Why `value` cannot be an access profile, or `undefined` if it can. */
export function accessProfileViolation(value: unknown): Violation | undefined {
    if (typeof value === "string" && (ACCESS_PROFILES as readonly string[]).includes(value)) {
        return undefined;
    }
    const meant = ACCESS_PROFILES.find(
        (profile) => typeof value === "string" && profile.toLowerCase() === value.toLowerCase(),
    );
    return {
        rule: `must be one of ${ACCESS_PROFILES.map((profile) => JSON.stringify(profile)).join(", ")}`,
        fix: meant ? `mind the case: ${meant}` : undefined,
    };
}
