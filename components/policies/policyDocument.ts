/**
 * The shapes of the IAM policy documents this package emits, and the one place
 * where they become JSON text.
 */

/** The only IAM policy language version AWS recommends; always emitted. */
export const POLICY_VERSION = "2012-10-17";

/** A condition block: operator → condition key → one value or several. */
export type PolicyCondition = Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;

/** One statement of an identity or trust policy. Only `Allow` is ever emitted. */
export interface PolicyStatement {
    /** The statement's name, unique in its policy. */
    readonly Sid?: string;
    /** Always `Allow`: the role has no permission but those granted here. */
    readonly Effect: "Allow";
    /** Who may act, in a trust policy: one AWS service. */
    readonly Principal?: { readonly Service: string };
    /** The actions allowed, e.g. `s3:ListBucket`. */
    readonly Action: string | readonly string[];
    /** The ARNs the actions are allowed on, in an identity policy. */
    readonly Resource?: string | readonly string[];
    /** When the statement applies: condition operator → condition key → value(s). */
    readonly Condition?: PolicyCondition;
}

/** A whole IAM policy document. */
export interface PolicyDocument {
    /** The policy language version: always 2012-10-17. */
    readonly Version: typeof POLICY_VERSION;
    /** The statements, in the order they are rendered. */
    readonly Statement: readonly PolicyStatement[];
}

/**
 * Renders a policy as compact JSON with a fixed key order, so the same inputs
 * always give byte-identical text and `pulumi preview --diff` shows no noise.
 * The key order is the one AWS's own examples use.
 */
export function renderPolicy(document: PolicyDocument): string {
    return JSON.stringify({
        Version: document.Version,
        Statement: document.Statement.map(orderStatementKeys),
    });
}

function orderStatementKeys(statement: PolicyStatement): PolicyStatement {
    const ordered: Record<string, unknown> = {};
    for (const key of ["Sid", "Effect", "Principal", "Action", "Resource", "Condition"] as const) {
        if (statement[key] !== undefined) {
            ordered[key] = statement[key];
        }
    }
    return ordered as unknown as PolicyStatement;
}

/**
 * The size IAM measures against its policy quotas: the number of characters,
 * not counting whitespace.
 */
export function policySize(text: string): number {
    return text.replace(/\s/g, "").length;
}
