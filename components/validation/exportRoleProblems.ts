import { buildExportPolicy } from "../policies/exportPolicy";
import { AccessProfile } from "../policies/accessProfile";
import { partitionOfRegion } from "../policies/partition";
import { renderPolicy } from "../policies/policyDocument";
import { buildTrustPolicy } from "../policies/trustPolicy";
import {
    accountIdViolation,
    applicationIdViolation,
    arnPartition,
    kmsKeyArnViolation,
    permissionsBoundaryViolation,
    regionViolation,
} from "./awsIdentifierRules";
import { bucketViolation } from "./bucketRules";
import { folderViolation } from "./folderRules";
import {
    accessProfileViolation,
    descriptionViolation,
    maxSessionDurationViolation,
    pathViolation,
    policyNameViolation,
    roleNameViolation,
    tagsViolation,
} from "./iamResourceRules";
import { PERMISSION_POLICY_MAX_SIZE, policySizeViolation, TRUST_POLICY_MAX_SIZE } from "./policyQuotas";
import { Problem, Rule, Violation } from "./violation";

/** The settings of one export role, as plain values. */
export interface ExportRoleSettings {
    readonly bucket: string;
    readonly folder: string;
    readonly applicationId?: string;
    readonly accountId?: string;
    readonly region?: string;
    readonly roleName?: string;
    readonly policyName?: string;
    readonly path?: string;
    readonly permissionsBoundary?: string;
    readonly maxSessionDuration?: number;
    readonly description?: string;
    readonly tags?: Readonly<Record<string, string>>;
    readonly accessProfile?: AccessProfile;
    readonly kmsKeyArn?: string;
}

/** The name of one setting, as an argument of ExportRole. */
export type SettingName = keyof ExportRoleSettings;

/** The rule of every setting, in the order problems are listed. */
export const SETTING_RULES: Readonly<Record<SettingName, Rule>> = {
    bucket: bucketViolation,
    folder: folderViolation,
    applicationId: applicationIdViolation,
    accountId: accountIdViolation,
    region: regionViolation,
    roleName: roleNameViolation,
    policyName: policyNameViolation,
    path: pathViolation,
    permissionsBoundary: permissionsBoundaryViolation,
    maxSessionDuration: maxSessionDurationViolation,
    description: descriptionViolation,
    tags: tagsViolation,
    accessProfile: accessProfileViolation,
    kmsKeyArn: kmsKeyArnViolation,
};

/** The settings without which there is no export role. */
export const REQUIRED_SETTINGS: readonly SettingName[] = ["bucket", "folder"];

/** Some settings, possibly of the wrong types: whatever is known so far. */
export type SettingValues = Partial<Record<SettingName, unknown>>;

/**
 * Every problem with the given settings, each named by `keyOf(setting)`: by
 * default the setting's own name, which is the ExportRole argument.
 *
 * Only the settings present are checked, so this works on whatever part of the
 * settings is known: rules that join several settings (partitions must agree,
 * the finished policies must fit IAM's quotas) run once all their settings are
 * present and valid on their own.
 */
export function findProblems(
    values: SettingValues,
    keyOf: (setting: SettingName) => string = (setting) => setting,
): Problem[] {
    const problems: Problem[] = [];
    const valid = new Map<SettingName, unknown>();
    const report = (setting: SettingName, violation: Violation | undefined) => {
        if (violation) {
            problems.push({ key: keyOf(setting), value: values[setting], ...violation });
        }
    };
    for (const setting of Object.keys(SETTING_RULES) as SettingName[]) {
        if (values[setting] !== undefined) {
            const violation = SETTING_RULES[setting](values[setting]);
            report(setting, violation);
            if (!violation) {
                valid.set(setting, values[setting]);
            }
        }
    }
    // A setting that was given but is invalid blocks the rules that need it.
    const usable = (settings: readonly SettingName[]) =>
        settings.every((setting) => values[setting] === undefined || valid.has(setting));
    const region = valid.get("region") as string | undefined;
    const partition = region === undefined ? undefined : partitionOfRegion(region);

    for (const setting of ["permissionsBoundary", "kmsKeyArn"] as const) {
        const arn = valid.get(setting) as string | undefined;
        if (arn !== undefined && partition !== undefined && arnPartition(arn) !== partition) {
            report(setting, {
                rule: `is in the ${arnPartition(arn)} partition, but the region ${region} is in ${partition}`,
            });
        }
    }
    if (problems.length > 0 || partition === undefined) {
        return problems;
    }
    if (valid.has("bucket") && valid.has("folder") && usable(["accessProfile", "kmsKeyArn"])) {
        const policy = renderPolicy(
            buildExportPolicy({
                partition,
                bucket: valid.get("bucket") as string,
                folder: valid.get("folder") as string,
                accessProfile: valid.get("accessProfile") as AccessProfile | undefined,
                kmsKeyArn: valid.get("kmsKeyArn") as string | undefined,
            }),
        );
        report("folder", policySizeViolation("permission policy", policy, PERMISSION_POLICY_MAX_SIZE));
    }
    if (usable(["accountId", "applicationId"])) {
        // Account ids always have 12 digits, so a stand-in gives the exact size.
        const trust = renderPolicy(
            buildTrustPolicy({
                partition,
                region: region!,
                accountId: (valid.get("accountId") as string | undefined) ?? "000000000000",
                applicationId: valid.get("applicationId") as string | undefined,
            }),
        );
        report("region", policySizeViolation("trust policy", trust, TRUST_POLICY_MAX_SIZE));
    }
    return problems;
}

/**
 * A problem for each of the `required` settings that is absent, named by
 * `keyOf(setting)` (by default the argument's name), with `howToSet(key)` as its fix.
 */
export function findMissing(
    values: SettingValues,
    howToSet: (key: string) => string,
    required: readonly SettingName[] = REQUIRED_SETTINGS,
    keyOf: (setting: SettingName) => string = (setting) => setting,
): Problem[] {
    return required
        .filter((setting) => values[setting] === undefined)
        .map((setting) => ({
            key: keyOf(setting),
            value: undefined,
            rule: "is required but not set",
            fix: howToSet(keyOf(setting)),
        }));
}
