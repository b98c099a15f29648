// How the AWS provider treats a change to each input of the resources the
// program registers. Pulumi's AWS provider takes these rules from the
// Terraform AWS provider: an attribute marked ForceNew replaces the resource,
// the others update it in place, and an attribute with a default is filled in
// when the program leaves it unset.

/** What the provider does with the inputs of one resource type. */
export interface ProviderRules {
    /** The inputs whose change replaces the resource; `all` when it cannot be updated at all. */
    readonly replacedOnChangeOf: ReadonlySet<string> | "all";
    /** The values the provider fills in for inputs the program leaves unset. */
    readonly defaults: Readonly<Record<string, unknown>>;
    /** The input that Pulumi fills with a unique name (an autoname) when the program leaves it unset. */
    readonly autonamed?: string;
    /** Whether a replacement always deletes the old resource before it creates the new one. */
    readonly alwaysDeletesFirst: boolean;
    /** The inputs that hold IAM policy documents, compared as documents rather than as text. */
    readonly policyDocuments: ReadonlySet<string>;
}

const RULES: Readonly<Record<string, ProviderRules>> = {
    "aws:iam/policy:Policy": {
        // IAM has no API to rename a policy, move it or change its description.
        replacedOnChangeOf: new Set(["name", "namePrefix", "path", "description"]),
        defaults: { path: "/" },
        autonamed: "name",
        alwaysDeletesFirst: false,
        policyDocuments: new Set(["policy"]),
    },
    "aws:iam/role:Role": {
        replacedOnChangeOf: new Set(["name", "namePrefix", "path"]),
        defaults: { path: "/", maxSessionDuration: 3600, forceDetachPolicies: false },
        autonamed: "name",
        alwaysDeletesFirst: false,
        policyDocuments: new Set(["assumeRolePolicy"]),
    },
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": {
        // An attachment has no update: any change detaches and attaches again.
        replacedOnChangeOf: "all",
        defaults: {},
        alwaysDeletesFirst: true,
        policyDocuments: new Set(),
    },
};

/** For a type without rules here (a component): nothing is replaced, defaulted or named. */
const NO_RULES: ProviderRules = {
    replacedOnChangeOf: new Set(),
    defaults: {},
    alwaysDeletesFirst: false,
    policyDocuments: new Set(),
};

/** The resource types this file has rules for. */
export function typesWithRules(): string[] {
    return Object.keys(RULES);
}

/** The provider's rules for resources of `type`. */
export function providerRules(type: string): ProviderRules {
    return RULES[type] ?? NO_RULES;
}

/** Whether a change to `property` replaces the resource. */
export function replacesOnChange(rules: ProviderRules, property: string): boolean {
    return rules.replacedOnChangeOf === "all" || rules.replacedOnChangeOf.has(property);
}
