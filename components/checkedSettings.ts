import * as pulumi from "@pulumi/pulumi";
import { ExportRoleInputError } from "./exportRoleInputError";
import {
    ExportRoleSettings,
    findMissing,
    findProblems,
    REQUIRED_SETTINGS,
    SETTING_RULES,
    SettingName,
} from "./validation/exportRoleProblems";
import { hideSecretValues, Problem } from "./validation/violation";

/** Each setting as a Pulumi input: known now, or still to come. */
export type SettingInputs = { readonly [K in SettingName]?: pulumi.Input<ExportRoleSettings[K]> };

/**
 * The settings of one ExportRole, checked by the input rules at the earliest
 * moment each is known.
 *
 * Values known at construction are all checked at once, before anything is
 * registered: {@link assertKnownSettingsValid}. A value that is still an
 * Output is checked when it resolves; a bad one fails every resource built
 * from it, with one error object per setting, so the program runner reports it
 * once.
 */
export class CheckedSettings {
    private readonly late = new Map<SettingName, pulumi.Output<unknown>>();
    private readonly secrets = new Map<SettingName, Promise<boolean>>();

    constructor(
        private readonly heading: string,
        private readonly inputs: SettingInputs,
    ) {}

    /** A setting's value, or an Output that fails with the setting's problem. */
    public value<K extends SettingName>(setting: K): pulumi.Input<ExportRoleSettings[K]> | undefined {
        const input = this.inputs[setting];
        if (!isPending(input)) {
            return input;
        }
        let checked = this.late.get(setting);
        if (!checked) {
            const output = pulumi.output(input);
            this.secrets.set(setting, pulumi.isSecret(output));
            checked = output.apply(async (value) => {
                // A setting the policies are built from must be there, whether given or looked up.
                const values = { [setting]: value };
                const required = REQUIRED_SETTINGS.includes(setting) || setting === "region" || setting === "accountId";
                await this.throwIfAny([
                    ...(required ? findMissing(values, argumentName, howToPass, [setting]) : []),
                    ...findProblems(values, argumentName),
                ]);
                return value;
            });
            this.late.set(setting, checked);
        }
        return checked as pulumi.Output<ExportRoleSettings[K]>;
    }

    /**
     * `build` applied to several settings, once each is known and valid and
     * the rules that join them (agreeing partitions, IAM's size quotas) hold.
     */
    public derive<K extends SettingName, R>(
        settings: readonly K[],
        build: (values: Pick<ExportRoleSettings, K>) => R,
    ): pulumi.Input<R> {
        const values = Object.fromEntries(settings.map((setting) => [setting, this.value(setting)]));
        if (!settings.some((setting) => isPending(this.inputs[setting]))) {
            return build(values as Pick<ExportRoleSettings, K>);
        }
        return pulumi.all(values).apply(async (resolved) => {
            await this.throwIfAny(findProblems(resolved, argumentName));
            return build(resolved as Pick<ExportRoleSettings, K>);
        });
    }

    /** Throws the problems as one error, with the values of secret settings hidden. */
    private async throwIfAny(problems: readonly Problem[]): Promise<void> {
        if (problems.length === 0) {
            return;
        }
        const secret = new Set<string>();
        for (const [setting, isSecret] of this.secrets) {
            if (await isSecret) {
                secret.add(argumentName(setting));
            }
        }
        throw new ExportRoleInputError(
            this.heading,
            hideSecretValues(problems, (key) => secret.has(key)),
        );
    }
}

/**
 * Throws one error listing every problem with the settings known now, and
 * with the required ones that are absent. Called before anything is registered.
 */
export function assertKnownSettingsValid(heading: string, inputs: SettingInputs): void {
    const known: Record<string, unknown> = {};
    for (const setting of Object.keys(SETTING_RULES) as SettingName[]) {
        if (!isPending(inputs[setting])) {
            known[setting] = inputs[setting];
        }
    }
    const problems = [...findMissing(inputs, argumentName, howToPass), ...findProblems(known, argumentName)];
    if (problems.length > 0) {
        throw new ExportRoleInputError(heading, problems);
    }
}

function argumentName(setting: SettingName): string {
    return setting;
}

function howToPass(argument: string): string {
    return `pass ${argument} in the ExportRole arguments`;
}

/** Whether a value is still to come: an Output, a Promise, or a map holding one. */
function isPending(value: unknown): boolean {
    if (pulumi.Output.isInstance(value) || value instanceof Promise) {
        return true;
    }
    return typeof value === "object" && value !== null && Object.values(value).some(isPending);
}
