import { trimFolder } from "../policies/exportLocation";
import { Violation, wrongType } from "./violation";

/**
 * The longest folder accepted, in characters without its end slashes. An S3 key
 * has at most 1,024 bytes, and Pinpoint writes each export under the folder
 * with names of its own; half of the key is left for them.
 */
export const FOLDER_MAX_LENGTH = 512;

const SAFE_CHARACTERS = "A-Z a-z 0-9 ! - _ . ' ( ) /";
const SAFE = /^[A-Za-z0-9!\-_.'()/]$/;

// In a policy's Resource and StringLike values, "*" and "?" are wildcards, and
// "${...}" is a policy variable: any of them would let the role reach keys
// outside the folder, so they are refused rather than escaped.
const WILDCARDS = new Set(["*", "?"]);
const VARIABLE_SYNTAX = new Set(["$", "{", "}"]);

/** Why `value` cannot be the export folder, or `undefined` if it can. */
export function folderViolation(value: unknown): Violation | undefined {
    if (typeof value !== "string") {
        return wrongType("a folder name (a string)");
    }
    if (/^(s3|arn):/.test(value)) {
        return {
            rule: "is a URL or ARN, not a folder",
            fix: "give only the key prefix inside the bucket, e.g. Exports",
        };
    }
    const folder = trimFolder(value);
    if (folder === "") {
        return {
            rule: "is empty once its leading and trailing slashes are removed",
            fix: "name a folder, e.g. Exports",
        };
    }
    const characters = [...folder];
    const special = characters.find((character) => WILDCARDS.has(character) || VARIABLE_SYNTAX.has(character));
    if (special) {
        const meaning = WILDCARDS.has(special) ? "a wildcard" : "part of a policy variable such as ${aws:username}";
        return {
            rule: `contains ${JSON.stringify(special)}, which IAM reads as ${meaning}, so the role could reach keys outside the folder`,
            fix: suggested("remove it", folder),
        };
    }
    const unsafe = characters.find((character) => !SAFE.test(character));
    if (unsafe) {
        return {
            rule: `contains ${describeCharacter(unsafe)}, which is not one of S3's safe characters (${SAFE_CHARACTERS})`,
        };
    }
    const segments = folder.split("/");
    if (segments.includes("")) {
        return { rule: 'has an empty segment ("//")', fix: suggested("use single slashes", folder) };
    }
    const dotted = segments.find((segment) => segment === "." || segment === "..");
    if (dotted) {
        return {
            rule: `has a ${JSON.stringify(dotted)} segment, which tools read as a relative path`,
            fix: "name each folder level plainly",
        };
    }
    if (folder.length > FOLDER_MAX_LENGTH) {
        return {
            rule: `is ${folder.length} characters long; at most ${FOLDER_MAX_LENGTH} leave room in the 1,024-byte S3 key for the export files`,
        };
    }
    return undefined;
}

/**
 * `advice` with an example of the folder put right: only S3's safe characters,
 * no empty, "." or ".." level. A fix must itself pass the rules, so when the
 * example would not, there is the advice alone, or no fix at all.
 */
function suggested(advice: string, folder: string): string | undefined {
    const levels = [...folder]
        .filter((character) => SAFE.test(character))
        .join("")
        .split("/")
        .filter((level) => level !== "" && level !== "." && level !== "..");
    const example = levels.join("/");
    return example !== "" && folderViolation(example) === undefined ? `${advice}, e.g. ${example}` : undefined;
}

function describeCharacter(character: string): string {
    const code = character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
    return `${JSON.stringify(character)} (U+${code})`;
}
