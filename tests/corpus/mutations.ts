// The edits a reviewer meets, each as a function of a policy: an action
// widened or narrowed, a resource wildcard moved, a condition dropped or
// negated, IfExists added or removed, an IP range widened, a date moved.
// Each returns the edited document, or undefined where the edit does not
// apply. Each corpus pair is a policy and one edit of it.
import { CorpusPolicy, PolicyDocument, Statement } from "./policies";

export interface Mutation {
    readonly name: string;
    readonly apply: (document: PolicyDocument) => PolicyDocument | undefined;
}

const list = (value: unknown): string[] =>
    value === undefined ? [] : Array.isArray(value) ? (value as string[]) : [value as string];

/** The document with the first statement `edit` changes (returns a statement for) changed. */
function editFirst(document: PolicyDocument, edit: (statement: Statement) => Statement | undefined) {
    for (let index = 0; index < document.Statement.length; index++) {
        const edited = edit(document.Statement[index]);
        if (edited) {
            const Statement = [...document.Statement];
            Statement[index] = edited;
            return { ...document, Statement };
        }
    }
    return undefined;
}

type Conditions = Record<string, Record<string, unknown>>;

/** The first condition block whose operator `pick` accepts, renamed or edited by `edit`. */
function editCondition(
    document: PolicyDocument,
    pick: (operator: string, block: Record<string, unknown>) => boolean,
    edit: (operator: string, block: Record<string, unknown>) => [string, Record<string, unknown>] | undefined,
): PolicyDocument | undefined {
    return editFirst(document, (statement) => {
        const condition = statement.Condition as Conditions | undefined;
        const found = Object.entries(condition ?? {}).find(([operator, block]) => pick(operator, block));
        if (!condition || !found) {
            return undefined;
        }
        const replaced = edit(found[0], found[1]);
        if (!replaced) {
            return undefined;
        }
        const next: Conditions = {};
        for (const [operator, block] of Object.entries(condition)) {
            if (operator === found[0]) {
                next[replaced[0]] = replaced[1];
            } else {
                next[operator] = block;
            }
        }
        return { ...statement, Condition: next };
    });
}

const NEGATIONS: [string, string][] = [
    ["StringEquals", "StringNotEquals"],
    ["StringLike", "StringNotLike"],
    ["ArnEquals", "ArnNotEquals"],
    ["ArnLike", "ArnNotLike"],
    ["IpAddress", "NotIpAddress"],
    ["NumericLessThan", "NumericGreaterThanEquals"],
    ["NumericLessThanEquals", "NumericGreaterThan"],
    ["DateLessThan", "DateGreaterThanEquals"],
    ["DateGreaterThan", "DateLessThanEquals"],
];

function negated(operator: string): string | undefined {
    const [prefix, rest] = operator.includes(":") ? operator.split(":") : ["", operator];
    const base = rest.replace(/IfExists$/, "");
    const ifExists = rest.endsWith("IfExists") ? "IfExists" : "";
    const pair = NEGATIONS.find(([a, b]) => a === base || b === base);
    if (!pair) {
        return undefined;
    }
    const other = pair[0] === base ? pair[1] : pair[0];
    return `${prefix ? `${prefix}:` : ""}${other}${ifExists}`;
}

export const MUTATIONS: readonly Mutation[] = [
    {
        name: "action widened",
        apply: (document) =>
            editFirst(document, (statement) => {
                const actions = list(statement.Action);
                const index = actions.findIndex((action) => /^[^:*]+:[A-Za-z]+$/.test(action));
                if (statement.Effect !== "Allow" || index === -1) {
                    return undefined;
                }
                const action = actions[index];
                // s3:GetObject -> s3:Get*: the verb's every action.
                const verb = /^([^:]+:[A-Z][a-z]+)/.exec(action)?.[1] ?? action;
                const widened = [...actions];
                widened[index] = `${verb}*`;
                return { ...statement, Action: widened };
            }),
    },
    {
        name: "action narrowed",
        apply: (document) =>
            editFirst(document, (statement) => {
                const actions = list(statement.Action);
                return statement.Effect === "Allow" && actions.length >= 2
                    ? { ...statement, Action: actions.slice(0, -1) }
                    : undefined;
            }),
    },
    {
        name: "resource wildcard moved",
        apply: (document) =>
            editFirst(document, (statement) => {
                const resources = list(statement.Resource);
                const index = resources.findIndex((resource) => /\/[^/]*\*$/.test(resource) && resource !== "*");
                if (index === -1) {
                    return undefined;
                }
                // arn:…:bucket/home/* -> arn:…:bucket/*; arn:…:bucket/* -> arn:…:bucket*
                const resource = resources[index];
                const parent = resource.replace(/\/[^/]*\/[^/]*\*$/, "/*");
                const moved = [...resources];
                moved[index] = parent !== resource ? parent : resource.replace(/\/[^/]*\*$/, "*");
                return { ...statement, Resource: moved };
            }),
    },
    {
        name: "condition dropped",
        apply: (document) =>
            editFirst(document, (statement) => {
                const condition = statement.Condition as Conditions | undefined;
                if (!condition) {
                    return undefined;
                }
                const operators = Object.keys(condition);
                const rest = { ...statement };
                if (operators.length === 1) {
                    delete rest.Condition;
                    return rest;
                }
                const next = { ...condition };
                delete next[operators[0]];
                return { ...statement, Condition: next };
            }),
    },
    {
        name: "condition negated",
        apply: (document) =>
            editCondition(
                document,
                (operator, block) => negated(operator) !== undefined || /^Bool/.test(operator) || block === undefined,
                (operator, block) => {
                    if (/^Bool/.test(operator)) {
                        const flipped = Object.fromEntries(
                            Object.entries(block).map(([key, value]) => [
                                key,
                                String(value) === "true" ? "false" : "true",
                            ]),
                        );
                        return [operator, flipped];
                    }
                    const other = negated(operator);
                    return other ? [other, block] : undefined;
                },
            ),
    },
    {
        name: "IfExists toggled",
        apply: (document) =>
            editCondition(
                document,
                (operator) => operator !== "Null",
                (operator, block) => [
                    operator.endsWith("IfExists") ? operator.slice(0, -"IfExists".length) : `${operator}IfExists`,
                    block,
                ],
            ),
    },
    {
        name: "IP range widened",
        apply: (document) =>
            editCondition(
                document,
                (operator) => /IpAddress/.test(operator),
                (operator, block) => [
                    operator,
                    Object.fromEntries(
                        Object.entries(block).map(([key, value]) => [
                            key,
                            list(value).map((cidr) =>
                                cidr.replace(/\/(\d+)$/, (_, bits: string) => `/${Math.max(0, Number(bits) - 8)}`),
                            ),
                        ]),
                    ),
                ],
            ),
    },
    {
        name: "date moved",
        apply: (document) =>
            editCondition(
                document,
                (operator) => /Date/.test(operator),
                (operator, block) => [
                    operator,
                    Object.fromEntries(
                        Object.entries(block).map(([key, value]) => [
                            key,
                            list(value).map((date) =>
                                /^\d+$/.test(date)
                                    ? String(Number(date) + 31_536_000)
                                    : date.replace(/^(\d{4})/, (year) => String(Number(year) + 1)),
                            ),
                        ]),
                    ),
                ],
            ),
    },
];

/** One pair of the corpus: a policy and an edit of it. */
export interface CorpusPair {
    /** `policy name / mutation name`: the key of its record. */
    readonly name: string;
    readonly kind: "identity" | "trust";
    readonly before: string;
    readonly after: string;
}

/** Every edit that applies to a policy: each of {@link MUTATIONS} at most once. */
const EDITS_PER_POLICY = MUTATIONS.length;

/** Every pair: each policy with each edit that applies to it, those that bear on its conditions first. */
export function corpusPairs(policies: readonly CorpusPolicy[]): CorpusPair[] {
    const pairs: CorpusPair[] = [];
    for (const policy of policies) {
        const before = JSON.stringify(policy.document);
        const applicable = [...MUTATIONS]
            .reverse()
            .map((mutation) => ({ mutation, after: mutation.apply(policy.document) }))
            .filter(({ after }) => after !== undefined && JSON.stringify(after) !== before);
        for (const { mutation, after } of applicable.slice(0, EDITS_PER_POLICY)) {
            pairs.push({
                name: `${policy.name} / ${mutation.name}`,
                kind: policy.kind,
                before,
                after: JSON.stringify(after),
            });
        }
    }
    return pairs;
}
