// The reviewed list of expected broadening (`--accept FILE`): each entry
// accepts, for one role, the classes of newly allowed requests whose actions
// and resources lie wholly inside its IAM patterns, with a reason, until an
// optional expiry date. Anything not wholly inside an entry still fails.
import * as fs from "fs";
import * as yaml from "js-yaml";
import type { AccessEntry } from "../access/accessChanges";

/** One reviewed, expected broadening. */
export interface AcceptedEntry {
    /** The component's name (`exports`), the role resource's (`exports-role`), or the role's URN. */
    readonly role: string;
    /** IAM action patterns, e.g. `s3:*`, `s3:Put*`. */
    readonly actions: readonly string[];
    /** IAM resource patterns, e.g. `arn:aws:s3:::shop-exports/*`; for a trust policy's classes, `principals`. */
    readonly resources?: readonly string[];
    /** Who may newly assume the role, for a trust policy's classes, e.g. `pinpoint.amazonaws.com`. */
    readonly principals?: readonly string[];
    /** Why it is expected: shown beside every class it accepts. */
    readonly reason: string;
    /** `YYYY-MM-DD`: after that day the entry no longer applies. */
    readonly expires?: string;
}

/** The file's entries, split into those that apply today and those that have expired. */
export interface AcceptList {
    readonly file: string;
    readonly entries: readonly AcceptedEntry[];
    readonly expired: readonly AcceptedEntry[];
}

/** An accept file that cannot be used. */
export class AcceptFileError extends Error {}

const EXAMPLE =
    '{"accepted": [{"role": "exports", "actions": ["s3:PutObject"], ' +
    '"resources": ["arn:aws:s3:::shop-exports/*"], "reason": "…", "expires": "2027-03-31"}]}';

/**
 * Reads and checks `file`, JSON or, where its name ends in `.yaml` or `.yml`,
 * YAML (its core schema: a date stays the text it is written as); `today` is
 * `YYYY-MM-DD`.
 */
export function readAcceptList(file: string, today: string): AcceptList {
    const asYaml = /\.ya?ml$/i.test(file);
    let document: unknown;
    try {
        const text = fs.readFileSync(file, "utf8");
        document = asYaml ? yaml.load(text, { schema: yaml.CORE_SCHEMA }) : JSON.parse(text);
    } catch (error) {
        const as = asYaml ? "YAML" : "JSON";
        throw new AcceptFileError(`The accept file ${file} cannot be read as ${as}: ${(error as Error).message}`);
    }
    const accepted = (document as { accepted?: unknown } | null)?.accepted;
    if (!Array.isArray(accepted)) {
        throw new AcceptFileError(`The accept file ${file} has no list "accepted". Write it as ${EXAMPLE}`);
    }
    const entries = accepted.map((entry, index) => checkedEntry(file, entry, index));
    return {
        file,
        entries: entries.filter((entry) => entry.expires === undefined || entry.expires >= today),
        expired: entries.filter((entry) => entry.expires !== undefined && entry.expires < today),
    };
}

function checkedEntry(file: string, entry: unknown, index: number): AcceptedEntry {
    const where = `The accept file ${file}, accepted[${index}]`;
    const object = (typeof entry === "object" && entry !== null ? entry : {}) as Record<string, unknown>;
    const patterns = (key: string, required: boolean) => {
        const value = object[key];
        if (value === undefined && !required) {
            return undefined;
        }
        if (!Array.isArray(value) || value.length === 0 || !value.every((item) => typeof item === "string" && item)) {
            throw new AcceptFileError(
                `${where}: "${key}" is ${JSON.stringify(value)}; it must be a list of IAM patterns, e.g. ` +
                    (key === "actions"
                        ? '["s3:PutObject"]'
                        : key === "principals"
                          ? '["pinpoint.amazonaws.com"]'
                          : '["arn:aws:s3:::shop-exports/*"]'),
            );
        }
        return value as string[];
    };
    if (typeof object.role !== "string" || object.role === "") {
        throw new AcceptFileError(
            `${where}: "role" is ${JSON.stringify(object.role)}; it must name the component (e.g. "exports"), ` +
                'the role resource (e.g. "exports-role") or the role\'s URN.',
        );
    }
    if (typeof object.reason !== "string" || object.reason.trim() === "") {
        throw new AcceptFileError(`${where}: "reason" is ${JSON.stringify(object.reason)}; say why it is expected.`);
    }
    const expires = object.expires;
    if (expires !== undefined && (typeof expires !== "string" || !validDate(expires))) {
        throw new AcceptFileError(
            `${where}: "expires" is ${JSON.stringify(expires)}; it must be a date YYYY-MM-DD, e.g. "2027-03-31", or left out.`,
        );
    }
    const resources = patterns("resources", false);
    const principals = patterns("principals", false);
    if (!resources && !principals) {
        throw new AcceptFileError(
            `${where}: it has neither "resources" nor "principals"; give the resources it accepts, e.g. ["arn:aws:s3:::shop-exports/*"].`,
        );
    }
    return {
        role: object.role,
        actions: patterns("actions", true)!,
        ...(resources ? { resources } : {}),
        ...(principals ? { principals } : {}),
        reason: object.reason,
        ...(expires !== undefined ? { expires: expires } : {}),
    };
}

function validDate(text: string): boolean {
    return /^\d{4}-\d{2}-\d{2}$/.test(text) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);
}

/**
 * Whether the IAM pattern `outer` holds every string the pattern `inner`
 * stands for: `outer` matches `inner`'s text, where only a `*` of `outer`
 * may stand for a `*` of `inner`. Sound, not complete: an answer "no" may
 * be a containment it does not see, which then fails the gate.
 */
export function patternHolds(outer: string, inner: string): boolean {
    const source = outer
        .split("")
        .map((char) => (char === "*" ? ".*" : char === "?" ? "[^*?]" : char.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
        .join("");
    return new RegExp(`^${source}$`, "is").test(inner);
}

/** The names a role is known by, for matching an entry's `role`. */
export interface RoleNames {
    readonly role: string;
    readonly component?: string;
    readonly urn: string;
}

/** The first entry that holds every request of `found`, a newly allowed class of the role. */
export function acceptingEntry(
    list: AcceptList | undefined,
    names: RoleNames,
    found: AccessEntry,
): AcceptedEntry | undefined {
    return list?.entries.find((entry) => {
        if (![names.role, names.component, names.urn].includes(entry.role)) {
            return false;
        }
        if (!found.actions.every((action) => entry.actions.some((pattern) => patternHolds(pattern, action)))) {
            return false;
        }
        const scope = found.resource ?? found.principal ?? "";
        const patterns = (found.resource !== undefined ? entry.resources : entry.principals) ?? [];
        return scopeParts(scope).every((part) => part.some((each) => patterns.some((p) => patternHolds(p, each))));
    });
}

/**
 * A class's scope as the proof says it (`A and B but not C or D`): its parts
 * joined by "or", each the patterns its requests lie inside of (any one of
 * them holds the part). "any …" is every resource, `*`.
 */
function scopeParts(scope: string): string[][] {
    return scope.split(" or ").map((part) => {
        const inside = part.split(" but not ")[0].split(" but ")[0];
        return inside.startsWith("any ") ? ["*"] : inside.split(" and ");
    });
}
