import { ExportRoleInputError } from "../components/exportRoleInputError";
import {
    ExportRoleSettings,
    findMissing,
    findProblems,
    SETTING_RULES,
    SettingName,
} from "../components/validation/exportRoleProblems";
import { Problem } from "../components/validation/violation";

/** The config namespace of this project: keys are `pinpoint-export:<argument>`. */
export const CONFIG_NAMESPACE = "pinpoint-export";

/**
 * The settings of the stack's ExportRole, read from the stack's whole config
 * (`pulumi.runtime.allConfig()`: fully qualified keys to string values).
 *
 * Keys are the ExportRole argument names under `pinpoint-export:`. The region
 * falls back to `aws:region`, the default AWS provider's own setting, so no
 * invoke is needed to learn it. Every problem is reported at once, by key.
 */
export function readStackSettings(config: Readonly<Record<string, string>>, stack: string): ExportRoleSettings {
    const keyOf = (setting: SettingName) =>
        setting === "region" && config[configKey("region")] === undefined && config["aws:region"] !== undefined
            ? "aws:region"
            : configKey(setting);
    const problems: Problem[] = [];
    const values: Record<string, unknown> = {};
    for (const setting of Object.keys(SETTING_RULES) as SettingName[]) {
        const text = config[keyOf(setting)];
        if (text !== undefined) {
            values[setting] = parseSetting(setting, text);
        }
    }
    const known = new Set<string>(Object.keys(SETTING_RULES).map((setting) => configKey(setting as SettingName)));
    for (const key of Object.keys(config).filter((key) => key.startsWith(`${CONFIG_NAMESPACE}:`) && !known.has(key))) {
        const meant = [...known].find((candidate) => candidate.toLowerCase() === key.toLowerCase());
        problems.push({
            key,
            value: config[key],
            rule: "is not a setting of this project",
            fix: meant ? `did you mean ${meant}?` : `use one of ${[...known].join(", ")}`,
        });
    }
    problems.push(
        ...findMissing(values, keyOf, (key) => `run \`pulumi config set ${key} <value>\``),
        ...findProblems(values, keyOf),
    );
    if (problems.length > 0) {
        throw new ExportRoleInputError(`The config of stack "${stack}" is invalid:`, problems);
    }
    return values as unknown as ExportRoleSettings;
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
        try {
            return JSON.parse(text);
        } catch {
            return text;
        }
    }
    return text;
}
