// Values as the engine and a stack's state hold them: unknowns are Pulumi's
// unknown sentinel, and secrets are objects marked with Pulumi's signature key.
// The constants are the engine's own (sdk/go/common/resource/sig and plugin's UnknownStringValue),
// written out so that the review runs without the Pulumi SDK.
import type { PropertyValue } from "./decideStep";

/** Pulumi's sentinel for a value known only after apply. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** The key that marks a special value (a secret, an asset) in the engine's JSON. */
const specialSigKey = "4dabf18193072939515e22adb298388d";

/** The signature of a secret under `specialSigKey`. */
const specialSecretSig = "1b47061264138c4ac30d75fd1eb44270";

/** Whether `value` is, or holds somewhere inside it, a value known only after apply. */
export function containsUnknown(value: unknown): boolean {
    if (value === UNKNOWN) {
        return true;
    }
    if (Array.isArray(value)) {
        return value.some(containsUnknown);
    }
    return typeof value === "object" && value !== null && Object.values(value).some(containsUnknown);
}

/**
 * `value` with every secret replaced by what it holds: the value of the
 * engine's wire form (`value`), or of a state exported with `--show-secrets`
 * (`plaintext`, JSON text). A secret exported without it (`ciphertext`) is
 * unknown here: only the CLI can decrypt it.
 */
export function plainValue(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(plainValue);
    }
    if (typeof value !== "object" || value === null) {
        return value;
    }
    const object = value as Record<string, unknown>;
    if (object[specialSigKey] === specialSecretSig) {
        if ("value" in object) {
            return plainValue(object.value);
        }
        return typeof object.plaintext === "string" ? plainValue(JSON.parse(object.plaintext)) : UNKNOWN;
    }
    return Object.fromEntries(Object.entries(object).map(([key, inner]) => [key, plainValue(inner)]));
}

/** An input as a value for comparison: absent (or empty text), known, or known only after apply. */
export function inputValue(value: unknown): PropertyValue {
    const plain = plainValue(value);
    if (plain === undefined || plain === "") {
        return { state: "absent" };
    }
    return containsUnknown(plain) ? { state: "unknown" } : { state: "known", value: plain };
}
