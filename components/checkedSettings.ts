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
import { describeProblem, hideSecretValues, Problem } from "./validation/violation";

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
 * {@link CheckedSettings.finish}, as an ExportRoleInputError that lists every
 * problem, once every late value has arrived. (A failed input would fail each
 * resource's registration, which the SDK reports with its stack trace, and
 * leave the resource's URN unresolved for good, which hangs a component
 * provider; see exportRoleProvider.ts.)
 */
export class CheckedSettings {
    private readonly checked = new Map<SettingName, pulumi.Output<unknown>>();
    private readonly secrets = new Map<SettingName, Promise<boolean>>();
    /** One per late setting: its problems once its value is in (none when it passed or is unknown). */
    private readonly ownChecks: Promise<Problem[]>[] = [];
    /**
     * One per value derived from late settings: the problems of the rules that join them, once
     * each of those settings passed its own check; never, when one failed.
     */
    private readonly joinedChecks: Promise<Problem[]>[] = [];
    /** Resolves once every check passed; never, when one failed. */
    private readonly passed: Promise<void>;
    private pass!: () => void;
    /** Whether any setting is still to come: only those are checked late. */
    private readonly anyLate: boolean;

    constructor(
        private readonly heading: string,
        private readonly inputs: SettingInputs,
    ) {
        this.passed = new Promise<void>((resolve) => (this.pass = resolve));
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
        const derived = checked(pulumi.all(values), (resolved) => findProblems(resolved), this.joinedChecks);
        return this.afterChecks(derived.apply((resolved) => build(resolved as unknown as Pick<ExportRoleSettings, K>)));
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
     * unknown in a preview); rejected, once every late value has arrived, with
     * one error that lists every problem. Call it once.
     */
    public async finish(): Promise<void> {
        if (!this.anyLate) {
            return;
        }
        const own = (await Promise.all(this.ownChecks)).flat();
        // The joined rules run only on settings that passed their own checks.
        const problems = own.length > 0 ? own : (await Promise.all(this.joinedChecks)).flat();
        if (problems.length === 0) {
            this.pass();
            return;
        }
        const secret = new Set<string>();
        for (const [setting, isSecret] of this.secrets) {
            if (await isSecret.catch(() => false)) {
                secret.add(setting);
            }
        }
        throw new ExportRoleInputError(
            this.heading,
            hideSecretValues(inSettingOrder(problems), (key) => secret.has(key)),
        );
    }

    /** A late setting's value once it is checked; it never resolves if the check fails. */
    private checkedValue(setting: SettingName): pulumi.Output<unknown> {
        let value = this.checked.get(setting);
        if (!value) {
            const output = pulumi.output(this.inputs[setting]);
            const isSecret = pulumi.isSecret(output);
            isSecret.catch(() => undefined); // a failed Output fails its check, not this
            this.secrets.set(setting, isSecret);
            value = checked(
                output,
                (given) =>
                    isLookupFailure(given)
                        ? [lookupProblem(setting, given)]
                        : [
                              ...findMissing({ [setting]: given }, howToPass, requiredLate(setting)),
                              ...findProblems({ [setting]: given }),
                          ],
                this.ownChecks,
            );
            this.checked.set(setting, value);
        }
        return value;
    }
}

/**
 * `output` once `problemsOf` finds nothing wrong with its value; never, when it
 * does. Adds to `checks` the problems found, which settles once the value is in:
 * with none when it is unknown (a preview), rejected when the Output failed.
 */
function checked<T>(
    output: pulumi.Output<T>,
    problemsOf: (value: T) => Problem[],
    checks: Promise<Problem[]>[],
): pulumi.Output<T> {
    let report!: (problems: Problem[]) => void;
    const found = new Promise<Problem[]>((resolve) => (report = resolve));
    const result = output.apply((value) => {
        const problems = problemsOf(value);
        report(problems);
        return problems.length > 0 ? new Promise<never>(() => undefined) : value;
    }) as pulumi.Output<T>;
    // An unknown value never reaches the apply; its result settles, unknown, at once.
    checks.push(
        Promise.race([
            found,
            settled(output)
                .then(() => settled(result))
                .then((): Problem[] => []),
        ]),
    );
    return result;
}

/** The problems in the order of the settings' rules, each once. */
function inSettingOrder(problems: readonly Problem[]): Problem[] {
    const order = Object.keys(SETTING_RULES);
    const unique = [...new Map(problems.map((problem) => [describeProblem(problem), problem])).values()];
    return unique.sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key));
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
