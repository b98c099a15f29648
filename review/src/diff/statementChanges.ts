// The statements added to and removed from a policy document, as rows of the
// "IAM Statement Changes" table of `cdk diff`. A statement is a value: two
// statements are the same when they are equivalent but for their Sid.
import { canonicalStatements, CanonicalStatement, stableJson } from "./policyEquivalence";

/** One added (`+`) or removed (`-`) statement. */
export interface StatementRow {
    readonly change: "+" | "-";
    /** The resources it applies to; for a trust policy, the role itself. */
    readonly resource: string;
    readonly effect: string;
    readonly action: string;
    readonly principal: string;
    /** The condition block as compact JSON, or empty. */
    readonly condition: string;
}

/**
 * The statements of `after` that `before` lacks (`+`) and those of `before`
 * that `after` lacks (`-`), sorted by resource. A document that is
 * `undefined` has no statements (a policy that is created or deleted).
 * `trustedResource` names what a trust policy, which has no Resource, guards.
 */
export function statementChanges(
    before: string | undefined,
    after: string | undefined,
    trustedResource: string,
): StatementRow[] {
    const old = statementsOf(before);
    const next = statementsOf(after);
    const missingFrom = (statements: Map<string, CanonicalStatement>, change: "+" | "-", other: Map<string, unknown>) =>
        [...statements]
            .filter(([key]) => !other.has(key))
            .map(([, statement]) => row(change, statement, trustedResource));
    return [...missingFrom(old, "-", next), ...missingFrom(next, "+", old)].sort(
        (a, b) => a.resource.localeCompare(b.resource) || (a.change === b.change ? 0 : a.change === "-" ? -1 : 1),
    );
}

/** The statements of a document, by their identity: everything but the Sid. */
function statementsOf(text: string | undefined): Map<string, CanonicalStatement> {
    const statements = text === undefined ? [] : (canonicalStatements(text) ?? []);
    return new Map(
        statements.map((statement) => {
            const withoutSid = Object.fromEntries(Object.entries(statement).filter(([key]) => key !== "Sid"));
            return [stableJson(withoutSid), statement];
        }),
    );
}

function row(change: "+" | "-", statement: CanonicalStatement, trustedResource: string): StatementRow {
    const resources = [...listOf(statement.Resource), ...listOf(statement.NotResource).map((arn) => `NOT ${arn}`)];
    return {
        change,
        resource: resources.length > 0 ? resources.join(", ") : trustedResource,
        effect: listOf(statement.Effect).join(", "),
        action: [...listOf(statement.Action), ...listOf(statement.NotAction).map((action) => `NOT ${action}`)].join(
            ", ",
        ),
        principal: [
            ...principals(statement.Principal),
            ...principals(statement.NotPrincipal).map((p) => `NOT ${p}`),
        ].join(", "),
        condition: statement.Condition === undefined ? "" : stableJson(statement.Condition),
    };
}

/** The values of a field: each string as it is, anything else as JSON. */
function listOf(value: unknown): string[] {
    const list: unknown[] = value === undefined ? [] : Array.isArray(value) ? value : [value];
    return list.map((item) => (typeof item === "string" ? item : JSON.stringify(item)));
}

/** `{ Service: ["pinpoint.amazonaws.com"] }` as `Service:pinpoint.amazonaws.com`; `"*"` as `*`. */
function principals(value: unknown): string[] {
    if (value === undefined) {
        return [];
    }
    if (typeof value !== "object" || value === null) {
        return listOf(value);
    }
    return Object.entries(value).flatMap(([kind, names]) => listOf(names).map((name) => `${kind}:${name}`));
}
