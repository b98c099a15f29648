// The settings the offline plan cannot know: secrets, which it cannot decrypt,
// and what a Pulumi ESC environment may set, which it cannot open. Each is
// Pulumi's unknown sentinel to the program, never a guess.
import { CONFIG_NAMESPACE } from "../program/stackSettings";
import { isMapping } from "./stackFileYaml";

/** Pulumi's form of an encrypted value: a mapping whose one key, `secure`, holds the ciphertext as text. */
export function isSecure(value: unknown): boolean {
    return isMapping(value) && Object.keys(value).length === 1 && typeof value.secure === "string";
}

/** The ESC environments a stack file's `environment:` imports: a list of names, or an inline definition. */
export function environmentsOf(document: unknown, file: string): string[] {
    const environment = isMapping(document) ? document.environment : undefined;
    if (environment === undefined || environment === null) {
        return [];
    }
    const names = (list: unknown[]) =>
        list.map((item) =>
            typeof item === "string" ? item : isMapping(item) ? Object.keys(item).join(", ") : JSON.stringify(item),
        );
    if (Array.isArray(environment)) {
        return names(environment);
    }
    if (isMapping(environment)) {
        const imports = Array.isArray(environment.imports) ? names(environment.imports) : [];
        return environment.values === undefined ? imports : [...imports, `the inline environment of ${file}`];
    }
    return [typeof environment === "string" ? environment : `the environment of ${file}`];
}

/**
 * The keys of `programKeys` that an ESC environment may set, unknown here.
 * With an environment, what the stack file does not set (`written`: qualified
 * keys) may come from it, and a map, such as tags, may gain entries from it too.
 */
export function unseenKeysOf(
    environments: readonly string[],
    programKeys: readonly string[],
    written: ReadonlyMap<string, string>,
): string[] {
    return environments.length === 0
        ? []
        : programKeys.filter((key) => !written.has(key) || key === `${CONFIG_NAMESPACE}:tags`);
}
