// The step `pulumi up` would take for one resource, from its inputs in the
// baseline and in the program, by the provider's rules.
import { equivalentPolicies } from "./policyEquivalence";
import { ProviderRules, providerRules, replacesOnChange } from "./providerRules";
import { containsUnknown, plainValue } from "./wireValues";
import { isDeepStrictEqual } from "util";

/** What `pulumi up` does with one resource. */
export type StepOp = "same" | "create" | "update" | "replace" | "delete";

/** How one property changes, in the words of the CLI's `detailedDiff`. */
export type DiffKind = "add" | "delete" | "update" | "add-replace" | "delete-replace" | "update-replace";

/** A value of a property, before or after. */
export type PropertyValue =
    /** Not set. */
    | { readonly state: "absent" }
    /** Known now. */
    | { readonly state: "known"; readonly value: unknown }
    /** Known only after apply; `dependsOn` are the resources it is made from, when recorded. */
    | { readonly state: "unknown"; readonly dependsOn?: readonly string[] }
    /** A unique name Pulumi generates: new (after) or not recorded in the baseline (before). */
    | { readonly state: "autoname" };

/** One property that changes, with both values and, where it is not plain, why. */
export interface PropertyChange {
    readonly property: string;
    readonly kind: DiffKind;
    readonly before: PropertyValue;
    readonly after: PropertyValue;
    /** Why it changes, when the values do not say it: a dependency that is replaced, an autoname. */
    readonly reason?: string;
}

/** The step for one resource. */
export interface StepDecision {
    readonly op: StepOp;
    /** The properties that change, in the order of their names. */
    readonly changes: readonly PropertyChange[];
    /** Whether a replacement deletes the old resource before it creates the new one. */
    readonly deleteBeforeReplace: boolean;
}

/** A resource's inputs as the baseline holds them. */
export interface InputsBefore {
    /** The provider's checked inputs (with `__defaults`) or, from a plan, the program's. */
    readonly inputs: Readonly<Record<string, unknown>>;
    /** The URNs each input was made from, translated to the URNs the program uses now; when recorded. */
    readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
}

/** A resource's inputs as the program registers them now. */
export interface InputsAfter {
    /** In wire form: unknown values are Pulumi's unknown sentinel. */
    readonly inputs: Readonly<Record<string, unknown>>;
    readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
}

/** What the plan says of a resource another one depends on: its step, and how to name it. */
export interface Dependency {
    readonly op: StepOp;
    readonly description: string;
}

/** The key under which a provider lists the inputs it filled with defaults. */
const DEFAULTS_KEY = "__defaults";

/**
 * The step for a resource of `type` that the program registers with `after`,
 * and that the baseline holds with `before` (`undefined`: it is new). The
 * dependencies' steps come from `dependency(urn)`: an input that is unknown
 * because it comes from a resource that is replaced or created is a change;
 * one that comes only from resources that keep their identity is not, when
 * the baseline did not know it either.
 */
export function decideStep(
    type: string,
    before: InputsBefore | undefined,
    after: InputsAfter,
    dependency: (urn: string) => Dependency | undefined,
): StepDecision {
    if (before === undefined) {
        return { op: "create", changes: [], deleteBeforeReplace: false };
    }
    const rules = providerRules(type);
    const properties = new Set([
        ...Object.keys(before.inputs),
        ...Object.keys(after.inputs),
        ...Object.keys(rules.defaults),
        ...(rules.autonamed ? [rules.autonamed] : []),
    ]);
    const changes = [...properties]
        .filter((property) => !property.startsWith("__"))
        .sort()
        .flatMap((property) => {
            const change = compareProperty(rules, property, before, after, dependency);
            return change ? [change] : [];
        });
    const replaced = changes.some((change) => change.kind.endsWith("-replace"));
    const explicitlyNamed = rules.autonamed !== undefined && rules.autonamed in after.inputs;
    return {
        op: replaced ? "replace" : changes.length > 0 ? "update" : "same",
        changes,
        deleteBeforeReplace: replaced && (rules.alwaysDeletesFirst || explicitlyNamed),
    };
}

/** The value a property had. From a plan, an unset input is the provider's default or an autoname. */
function valueBefore(rules: ProviderRules, property: string, before: InputsBefore): PropertyValue {
    if (property in before.inputs) {
        return wireValue(before.inputs[property], before.propertyDependencies?.[property]);
    }
    if (property === rules.autonamed) {
        return { state: "autoname" };
    }
    return property in rules.defaults ? { state: "known", value: rules.defaults[property] } : { state: "absent" };
}

/**
 * The value a property gets, or `"kept"` when the provider keeps the old one:
 * an unset name that was an autoname keeps that name, and an unset input that
 * the provider had filled with a default keeps that default.
 */
function valueAfter(
    rules: ProviderRules,
    property: string,
    before: InputsBefore,
    after: InputsAfter,
): PropertyValue | "kept" {
    if (property in after.inputs) {
        return wireValue(after.inputs[property], after.propertyDependencies[property] ?? []);
    }
    const filledBefore = (before.inputs[DEFAULTS_KEY] as string[] | undefined)?.includes(property) ?? false;
    if (property === rules.autonamed) {
        return !(property in before.inputs) || filledBefore ? "kept" : { state: "autoname" };
    }
    if (property in rules.defaults) {
        return filledBefore ? "kept" : { state: "known", value: rules.defaults[property] };
    }
    return { state: "absent" };
}

function wireValue(value: unknown, dependsOn: readonly string[] | undefined): PropertyValue {
    const plain = plainValue(value);
    return containsUnknown(plain) ? { state: "unknown", dependsOn } : { state: "known", value: plain };
}

function compareProperty(
    rules: ProviderRules,
    property: string,
    before: InputsBefore,
    after: InputsAfter,
    dependency: (urn: string) => Dependency | undefined,
): PropertyChange | undefined {
    const old = valueBefore(rules, property, before);
    const next = valueAfter(rules, property, before, after);
    if (next === "kept") {
        return undefined;
    }
    const verdict = judge(rules, property, old, next, dependency);
    if (verdict.same) {
        return undefined;
    }
    const base = old.state === "absent" ? "add" : next.state === "absent" ? "delete" : "update";
    return {
        property,
        kind: replacesOnChange(rules, property) ? `${base}-replace` : base,
        before: old,
        after: next,
        ...(verdict.reason ? { reason: verdict.reason } : {}),
    };
}

/** Whether a property keeps its value, and if not, why, where the values do not say it. */
function judge(
    rules: ProviderRules,
    property: string,
    old: PropertyValue,
    next: PropertyValue,
    dependency: (urn: string) => Dependency | undefined,
): { same: boolean; reason?: string } {
    if (next.state === "unknown") {
        const dependsOn = next.dependsOn ?? [];
        const renewed = dependsOn.flatMap((urn) => {
            const found = dependency(urn);
            return found && (found.op === "replace" || found.op === "create") ? [found] : [];
        });
        if (renewed.length > 0) {
            const what = renewed.map(
                (found) => `${found.description} is ${found.op === "replace" ? "replaced" : "created"}`,
            );
            return { same: false, reason: `${what.join(" and ")}, so its value is known only after apply` };
        }
        const sameSources =
            old.state === "unknown" &&
            dependsOn.length > 0 &&
            (old.dependsOn === undefined || isDeepStrictEqual([...old.dependsOn].sort(), [...dependsOn].sort()));
        if (sameSources) {
            return { same: true };
        }
        return {
            same: false,
            reason:
                dependsOn.length > 0
                    ? "its value is known only after apply"
                    : "its value is known only after apply: it depends on what AWS reports at deploy time (the account or the region)",
        };
    }
    if (old.state === "unknown") {
        return { same: false, reason: "the baseline does not know its value" };
    }
    if (next.state === "autoname") {
        return { same: false, reason: "the program no longer names it, so Pulumi gives it a new name" };
    }
    if (old.state === "autoname") {
        return { same: false, reason: "the program now names it, where Pulumi generated its name before" };
    }
    if (old.state === "known" && next.state === "known") {
        const { value: a } = old;
        const { value: b } = next;
        const same =
            rules.policyDocuments.has(property) && typeof a === "string" && typeof b === "string"
                ? equivalentPolicies(a, b)
                : isDeepStrictEqual(a, b);
        return { same };
    }
    return { same: old.state === next.state };
}
