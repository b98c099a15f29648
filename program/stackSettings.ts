import { ExportRoleInputError } from "../components/exportRoleInputError";
import {
    ExportRoleSettings,
    findMissing,
    findProblems,
    REQUIRED_SETTINGS,
    SETTING_RULES,
    SettingName,
} from "../components/validation/exportRoleProblems";
import { hideSecretValues, Problem } from "../components/validation/violation";
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { nearestKey } from "./nearestKey";

/** The config namespace of this project: keys are `pinpoint-export:<argument>`. */
export const CONFIG_NAMESPACE = "pinpoint-export";

/** The settings of the stack's ExportRole, and which of them the stack keeps as secrets. */
export interface StackSettings {
    /** The settings, as plain values. */
    readonly settings: ExportRoleSettings;
    /** The settings whose config values are secrets: they must reach the resources as secrets. */
    readonly secret: ReadonlySet<SettingName>;
    /**
     * The settings whose values are not known, and so not checked, here: in the
     * offline plan, a secret it cannot decrypt, or a key an ESC environment may
     * set. Their config value is Pulumi's unknown sentinel, as an unknown
     * value is on the engine's wire; they are absent from `settings`.
     */
    readonly unknown: ReadonlySet<SettingName>;
}

/**
 * The settings of the stack's ExportRole, read from the stack's whole config
 * (`pulumi.runtime.allConfig()`: fully qualified keys to string values).
 *
 * Keys are the ExportRole argument names under `pinpoint-export:`. An empty
 * value leaves an optional setting to the component's default: `Pulumi.yaml`
 * declares every key, and Pulumi requires a value for a declared key with no
 * default, so the optional ones default to "". The region falls back to
 * `aws:region`, the default AWS provider's own setting, so no invoke is needed
 * to learn it. Every problem is reported at once, by key, with the values of
 * `secretKeys` hidden.
 */
export function readStackSettings(
    config: Readonly<Record<string, string>>,
    stack: string,
    secretKeys: ReadonlySet<string> = new Set(),
): StackSettings {
    const given = (key: string) => (config[key] === "" ? undefined : config[key]);
    const keyOf = (setting: SettingName) =>
        setting === "region" && given(configKey("region")) === undefined && given("aws:region") !== undefined
            ? "aws:region"
            : configKey(setting);
    const problems: Problem[] = [];
    const values: Record<string, unknown> = {};
    const secret = new Set<SettingName>();
    const unknown = new Set<SettingName>();
    for (const setting of Object.keys(SETTING_RULES) as SettingName[]) {
        const key = keyOf(setting);
        const text = REQUIRED_SETTINGS.includes(setting) ? config[key] : given(key);
        if (text === unknownValue) {
            unknown.add(setting);
            if (secretKeys.has(key)) {
                secret.add(setting);
            }
        } else if (text !== undefined) {
            values[setting] = parseSetting(setting, text);
            if (secretKeys.has(key)) {
                secret.add(setting);
            }
        }
    }
    const known = new Set<string>(Object.keys(SETTING_RULES).map((setting) => configKey(setting as SettingName)));
    for (const key of Object.keys(config).filter((key) => key.startsWith(`${CONFIG_NAMESPACE}:`) && !known.has(key))) {
        const meant = nearestKey(key, [...known]);
        problems.push({
            key,
            value: config[key],
            rule: "is not a setting of this project",
            fix: meant ? `did you mean ${meant}?` : `use one of ${[...known].join(", ")}`,
        });
    }
    problems.push(
        ...findMissing(
            values,
            (key) => `run \`pulumi config set ${key} <value>\``,
            REQUIRED_SETTINGS.filter((setting) => !unknown.has(setting)),
            keyOf,
        ),
        ...findProblems(values, keyOf),
    );
    if (problems.length > 0) {
        throw new ExportRoleInputError(
            `The config of stack "${stack}" is invalid:`,
            hideSecretValues(problems, (key) => secretKeys.has(key)),
        );
    }
    return { settings: values as unknown as ExportRoleSettings, secret, unknown };
}

/** The fully qualified config key of a setting, e.g. `pinpoint-export:bucket`. */
export function configKey(setting: SettingName): string {
    return `${CONFIG_NAMESPACE}:${setting}`;
}

/** Config values arrive as text; numbers and maps are decoded, or left as text for the rules to refuse. */
function parseSetting(setting: SettingName, text: string): unknown {
    if (setting === "maxSessionDuration") {
        return /^\d+$/.test(text.trim()) ? Number(text) : text;
    }
    if (setting === "tags") {
        let tags: unknown;
        try {
            tags = JSON.parse(text);
        } catch {
            return text;
        }
        // `pulumi config set --path 'pinpoint-export:tags.cost' 4711` stores a number:
        // a tag value is always text, so scalars are taken as the text they were typed as.
        return typeof tags === "object" && tags !== null && !Array.isArray(tags)
            ? Object.fromEntries(
                  Object.entries(tags).map(([key, value]) => [
                      key,
                      typeof value === "number" || typeof value === "boolean" ? String(value) : value,
                  ]),
              )
            : tags;
    }
    return text;
}
