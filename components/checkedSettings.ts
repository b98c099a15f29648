import * as pulumi from "@pulumi/pulumi";
import { isLookupFailure, LookupFailure } from "./awsLookups";
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

/** Each setting as a Pulumi input: known now, still to come, or looked up (and perhaps not found). */
export type SettingInputs = {
    readonly [K in SettingName]?: pulumi.Input<ExportRoleSettings[K] | LookupFailure | undefined>;
};

/**
 * The settings of one ExportRole, checked by the input rules at the earliest
 * moment each is known.
 *
 * Values known at construction are all checked at once, before anything is
 * registered: {@link assertKnownSettingsValid}. A value that is still an
 * Output is checked when it resolves. Every value handed out waits until all
 * such checks have passed, so a bad late value registers none of the
 * resources, not just those built from it. A failed check does not fail those
 * values either: they never resolve, and the failure is reported once, by
 * {@link CheckedSettings.finish}, as an ExportRoleInputError. (A failed input
 * would fail each resource's registration, which the SDK reports with its
 * stack trace, and leave the resource's URN unresolved for good, which hangs a
 * component provider; see exportRoleProvider.ts.)
 */
export class CheckedSettings {
    private readonly checked = new Map<SettingName, pulumi.Output<unknown>>();
    private readonly secrets = new Map<SettingName, Promise<boolean>>();
    /** One per check: settles when the check passed or its value is unknown; never, when it failed. */
    private readonly checks: Promise<void>[] = [];
    private readonly failure: Promise<never>;
    private fail!: (error: ExportRoleInputError) => void;
    private readonly passed: Promise<void>;
    private seal!: () => void;
    /** Whether any setting is still to come: only those are checked late. */
    private readonly anyLate: boolean;

    constructor(
        private readonly heading: string,
        private readonly inputs: SettingInputs,
    ) {
        this.failure = new Promise<never>((_, reject) => (this.fail = reject));
        this.passed = new Promise<void>((resolve) => {
            this.seal = () => resolve(Promise.all(this.checks).then(() => undefined));
        });
        this.anyLate = Object.values(inputs).some(isPending);
    }

    /** A setting's value: as given when known now, else an Output that resolves once every check passed. */
    public value<K extends SettingName>(setting: K): pulumi.Input<ExportRoleSettings[K]> | undefined {
        const input = this.inputs[setting];
        if (!isPending(input)) {
            return input as ExportRoleSettings[K] | undefined;
        }
        return this.afterChecks(this.checkedValue(setting)) as pulumi.Input<ExportRoleSettings[K]>;
    }

    /**
     * `build` applied to several settings, once each is known and valid and
     * the rules that join them (agreeing partitions, IAM's size quotas) hold,
     * and every other check passed.
     */
    public derive<K extends SettingName, R>(
        settings: readonly K[],
        build: (values: Pick<ExportRoleSettings, K>) => R,
    ): pulumi.Input<R> {
        if (!settings.some((setting) => isPending(this.inputs[setting]))) {
            return build(Object.fromEntries(settings.map((setting) => [setting, this.inputs[setting]])) as never);
        }
        const values: Record<string, pulumi.Input<unknown>> = Object.fromEntries(
            settings.map((setting) => [
                setting,
                isPending(this.inputs[setting]) ? this.checkedValue(setting) : this.inputs[setting],
            ]),
        );
        const derived = pulumi.all(values).apply(async (resolved) => {
            const problems = findProblems(resolved);
            if (problems.length > 0) {
                return this.failWith(problems);
            }
            return build(resolved as unknown as Pick<ExportRoleSettings, K>);
        });
        this.checks.push(settled(derived));
        return this.afterChecks(derived);
    }

    /**
     * Makes any input wait for every check, so that a resource which uses no
     * late value still registers only once the late values have passed.
     */
    public afterChecks<T>(input: pulumi.Input<T>): pulumi.Input<T> {
        if (!this.anyLate) {
            // Every value was known, and checked, before anything was registered: nothing to wait for.
            return input;
        }
        return pulumi.output(this.passed.then(() => true)).apply(() => input) as pulumi.Input<T>;
    }

    /**
     * How the checks end, once every value and derived value has been asked
     * for: resolved when all passed (or could not run because their values are
     * unknown in a preview), rejected with the first failure. Call it once.
     */
    public finish(): Promise<void> {
        if (!this.anyLate) {
            return Promise.resolve();
        }
        this.seal();
        return Promise.race([this.failure, this.passed]);
    }

    /** A late setting's value once it is checked; it never resolves if the check fails. */
    private checkedValue(setting: SettingName): pulumi.Output<unknown> {
        let checked = this.checked.get(setting);
        if (!checked) {
            const output = pulumi.output(this.inputs[setting]);
            const isSecret = pulumi.isSecret(output);
            isSecret.catch(() => undefined); // a failed Output fails its check, not this
            this.secrets.set(setting, isSecret);
            checked = output.apply(async (value) => {
                const problems = isLookupFailure(value)
                    ? [lookupProblem(setting, value)]
                    : [
                          ...findMissing({ [setting]: value }, howToPass, requiredLate(setting)),
                          ...findProblems({ [setting]: value }),
                      ];
                return problems.length > 0 ? this.failWith(problems) : value;
            });
            this.checked.set(setting, checked);
            this.checks.push(settled(checked));
        }
        return checked;
    }

    /** Reports the problems as one error, with the values of secret settings hidden, and never resolves. */
    private async failWith(problems: readonly Problem[]): Promise<never> {
        const secret = new Set<string>();
        for (const [setting, isSecret] of this.secrets) {
            if (await isSecret.catch(() => false)) {
                secret.add(setting);
            }
        }
        this.fail(
            new ExportRoleInputError(
                this.heading,
                hideSecretValues(problems, (key) => secret.has(key)),
            ),
        );
        return new Promise<never>(() => undefined);
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
    const problems = [...findMissing(inputs, howToPass), ...findProblems(known)];
    if (problems.length > 0) {
        throw new ExportRoleInputError(heading, problems);
    }
}

/** When an Output has settled: resolved, or resolved unknown. Rejects if it failed; pends while it does. */
function settled(output: pulumi.Output<unknown>): Promise<void> {
    // The SDK's isSecret waits for the value, known or not, and fails with it.
    return pulumi.isSecret(output).then(() => undefined);
}

/** The settings the policies are built from must be there, whether given or looked up. */
function requiredLate(setting: SettingName): SettingName[] {
    return REQUIRED_SETTINGS.includes(setting) || setting === "region" || setting === "accountId" ? [setting] : [];
}

function lookupProblem(setting: SettingName, failure: LookupFailure): Problem {
    return {
        key: setting,
        value: undefined,
        rule: `is not given, and AWS could not supply it (${failure.failedLookup} failed: ${failure.reason.replace(/\.$/, "")})`,
        fix: `${howToPass(setting)}, which avoids the lookup`,
    };
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
