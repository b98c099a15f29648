// When two IAM policy documents are the same policy. The AWS provider
// suppresses a diff between equivalent documents (the Terraform provider's
// "equivalent policy" check): whitespace and key order do not count, nor the
// order of statements, nor the order of the values of Action, Resource,
// Principal and Condition, and a single string is the same as a list of that
// one string. Everything else counts, the Sids included.

/** The fields of a statement that hold a set of values: order and single-string form do not count. */
const SET_FIELDS = new Set(["Action", "NotAction", "Resource", "NotResource"]);

/** A statement reduced to a canonical JSON value. */
export type CanonicalStatement = Record<string, unknown>;

/**
 * The statements of a policy document given as JSON text, each in canonical
 * form, or `undefined` when the text is not a JSON object.
 */
export function canonicalStatements(text: string): CanonicalStatement[] | undefined {
    const document = parseObject(text);
    if (document === undefined) {
        return undefined;
    }
    const statements = document.Statement;
    const list = Array.isArray(statements) ? statements : statements === undefined ? [] : [statements];
    return list.map((statement) => canonicalStatement(statement));
}

/** The policy as one canonical JSON text: equal texts mean equivalent policies. `undefined` when it is not JSON. */
export function canonicalPolicy(text: string): string | undefined {
    const document = parseObject(text);
    const statements = canonicalStatements(text);
    if (document === undefined || statements === undefined) {
        return undefined;
    }
    const rest = Object.fromEntries(Object.entries(document).filter(([key]) => key !== "Statement"));
    return stableJson({ ...rest, Statement: statements.map(stableJson).sort() });
}

/** Whether two policy texts are the same policy, as the provider decides it. */
export function equivalentPolicies(a: string, b: string): boolean {
    const canonicalA = canonicalPolicy(a);
    return canonicalA === undefined ? a === b : canonicalA === canonicalPolicy(b);
}

function canonicalStatement(statement: unknown): CanonicalStatement {
    if (typeof statement !== "object" || statement === null) {
        return { value: statement };
    }
    return Object.fromEntries(
        Object.entries(statement).map(([key, value]) => {
            if (SET_FIELDS.has(key)) {
                return [key, asSortedList(value)];
            }
            if (key === "Principal" || key === "NotPrincipal" || key === "Condition") {
                return [
                    key,
                    mapValues(value, key === "Condition" ? (inner) => mapValues(inner, asSortedList) : asSortedList),
                ];
            }
            return [key, value];
        }),
    );
}

/** `"*"` stays as it is; an object gets `transform` applied to each of its values. */
function mapValues(value: unknown, transform: (inner: unknown) => unknown): unknown {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
        return value;
    }
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, transform(inner)]));
}

function asSortedList(value: unknown): unknown {
    const list: unknown[] = Array.isArray(value) ? [...(value as unknown[])] : [value];
    return list.sort((a, b) => stableJson(a).localeCompare(stableJson(b)));
}

/** JSON text with object keys sorted at every level. */
export function stableJson(value: unknown): string {
    return JSON.stringify(value, (_key, inner: unknown) =>
        typeof inner === "object" && inner !== null && !Array.isArray(inner)
            ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
            : inner,
    );
}

function parseObject(text: string): Record<string, unknown> | undefined {
    try {
        const parsed: unknown = JSON.parse(text);
        return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
            ? (parsed as Record<string, unknown>)
            : undefined;
    } catch {
        return undefined;
    }
}
