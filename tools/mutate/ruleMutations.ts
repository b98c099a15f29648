// The IAM rules the proof encodes, each with one way of breaking it: the edit
// `npm run mutate` makes, in memory, to the file that encodes it. A rule whose
// break no test notices is a rule no test holds. When an edit's `from` text
// no longer appears, the code moved: update the edit (tests/tools/ruleMutations.test.ts says which).

/** One textual edit: `from` must appear exactly once in the file. */
export interface Edit {
    readonly from: string;
    readonly to: string;
}

/** A rule, and how to break it. */
export interface RuleMutation {
    /** A short name, for `npm run mutate -- <id>`. */
    readonly id: string;
    /** The broken rule, as the report says it: what the proof would then believe. */
    readonly broken: string;
    /** The file that encodes the rule, from the project's root. */
    readonly file: string;
    readonly edits: readonly Edit[];
}

const SEMANTICS = "review/src/proof/iamSemantics.ts";
const PATTERNS = "review/src/proof/stringPattern.ts";
const STATEMENTS = "review/src/proof/policyStatements.ts";

export const RULE_MUTATIONS: readonly RuleMutation[] = [
    {
        id: "deny-wins",
        broken: "Deny no longer wins",
        file: SEMANTICS,
        edits: [{ from: 'and(matching("Allow"), not(matching("Deny")))', to: 'matching("Allow")' }],
    },
    {
        id: "not-action",
        broken: "NotAction read as Action",
        file: SEMANTICS,
        edits: [
            {
                from: "statement.actions.not ? not(isIn(ACTION, groups)) : isIn(ACTION, groups)",
                to: "isIn(ACTION, groups)",
            },
        ],
    },
    {
        id: "not-resource",
        broken: "NotResource read as Resource",
        file: SEMANTICS,
        edits: [
            {
                from: "subject = statement.resources.not ? not(named) : named;",
                to: "subject = named;",
            },
        ],
    },
    {
        id: "action-case",
        broken: "actions matched with regard to case",
        file: SEMANTICS,
        edits: [
            {
                from: "glob = globPattern(pattern.slice(colon + 1), true);",
                to: "glob = globPattern(pattern.slice(colon + 1), false);",
            },
        ],
    },
    {
        id: "action-wildcards",
        broken: "actions matched without wildcards",
        file: SEMANTICS,
        edits: [
            {
                from: "glob = globPattern(pattern.slice(colon + 1), true);",
                to: "glob = exactPattern(pattern.slice(colon + 1), true);",
            },
        ],
    },
    {
        id: "resource-case",
        broken: "an ARN's resource part matched without regard to case",
        file: PATTERNS,
        edits: [
            {
                from: "tokens.push(...globTokens(resource, { ignoreCase: false, wildcards: true }));",
                to: "tokens.push(...globTokens(resource, { ignoreCase: true, wildcards: true }));",
            },
        ],
    },
    {
        id: "question-mark",
        broken: "`?` read literally",
        file: PATTERNS,
        edits: [
            {
                from: 'tokens.push({ kind: "any", except });',
                to: 'tokens.push(charToken("?", options.ignoreCase));',
            },
        ],
    },
    {
        id: "string-like",
        broken: "StringLike read literally",
        file: SEMANTICS,
        edits: [
            {
                from: 'if (test.base === "StringLike" || test.base === "StringNotLike") {',
                to: 'if (test.base === "StringNotLike") {',
            },
        ],
    },
    {
        id: "string-not-like",
        broken: "StringNotLike read literally",
        file: SEMANTICS,
        edits: [
            {
                from: 'if (test.base === "StringLike" || test.base === "StringNotLike") {',
                to: 'if (test.base === "StringLike") {',
            },
        ],
    },
    {
        id: "ignore-case",
        broken: "the IgnoreCase operators read with regard to case",
        file: SEMANTICS,
        edits: [{ from: 'test.base === "Bool" || test.base.endsWith("IgnoreCase")', to: 'test.base === "Bool"' }],
    },
    {
        id: "arn-equals",
        broken: "ArnEquals and ArnNotEquals read literally",
        file: SEMANTICS,
        edits: [
            {
                from: 'if (test.base.startsWith("Arn")) {',
                to: 'if (test.base === "ArnLike" || test.base === "ArnNotLike") {',
            },
        ],
    },
    {
        id: "negated-absent",
        broken: "a negated operator failing on an absent key",
        file: SEMANTICS,
        edits: [
            {
                from: "? and(isIn(variable, [0, ...present.filter((index) => !matching.includes(index))]), not(or(...withVariables)))",
                to: "? and(isIn(variable, present.filter((index) => !matching.includes(index))), not(or(...withVariables)))",
            },
        ],
    },
    {
        id: "arn-colon",
        broken: "a wildcard in an ARN's first five parts crossing a `:`",
        file: PATTERNS,
        edits: [{ from: 'wildcards: true, except: ":" })', to: 'wildcards: true, except: "" })' }],
    },
    {
        id: "bool-absent",
        broken: "Bool holding on an absent key",
        file: SEMANTICS,
        edits: [
            {
                from: ": or(isIn(variable, test.ifExists ? [0, ...matching] : matching), ...withVariables);",
                to: ': or(isIn(variable, test.ifExists || test.base === "Bool" ? [0, ...matching] : matching), ...withVariables);',
            },
        ],
    },
    {
        id: "null",
        broken: "Null inverted",
        file: SEMANTICS,
        edits: [
            { from: 'if (test.values.includes("true")) {', to: 'if (test.values.includes("false")) {' },
            { from: 'if (test.values.includes("false")) {', to: 'if (test.values.includes("true")) {' },
        ],
    },
    {
        id: "if-exists",
        broken: "IfExists ignored",
        file: SEMANTICS,
        edits: [
            {
                from: ": or(isIn(variable, test.ifExists ? [0, ...matching] : matching), ...withVariables);",
                to: ": or(isIn(variable, matching), ...withVariables);",
            },
        ],
    },
    {
        id: "less-or-equal",
        broken: "`<=` read as `<`",
        file: SEMANTICS,
        edits: [{ from: "return value.number <= threshold;", to: "return value.number < threshold;" }],
    },
    {
        id: "account-principal",
        broken: "an account principal matching only its root",
        file: "review/src/proof/subjectPatterns.ts",
        edits: [
            {
                from: "literalTokens(`:${service}::${account}:`),",
                to: "literalTokens(`:${service}::${account}:root`),",
            },
            { from: '[{ kind: "star", except: "" }],', to: "[]," },
        ],
    },
    {
        id: "boundary",
        broken: "the permissions boundary ignored",
        file: SEMANTICS,
        edits: [{ from: "side.boundary ? allowedBySet(space, side.boundary) : TRUE", to: "TRUE" }],
    },
    {
        id: "first-policy",
        broken: "only the first of several policies read",
        file: SEMANTICS,
        edits: [
            {
                from: "const statements = set.policies.flatMap((policy) => policy.statements);",
                to: "const statements = set.policies.slice(0, 1).flatMap((policy) => policy.statements);",
            },
        ],
    },
    {
        id: "resource-type",
        broken: "the resource-type constraint dropped",
        file: "review/src/proof/requestSpace.ts",
        edits: [{ from: "isIn(SUBJECT, this.classesIn(group.formats))", to: "TRUE" }],
    },
    {
        id: "unknown-policy",
        broken: "a policy of unknown text decided for some of its texts rather than all",
        file: "review/src/proof/decideAccess.ts",
        edits: [
            { from: "forEvery(allowed, unknownVariables, sizes)", to: "allowed" },
            { from: "forEvery(denied, unknownVariables, sizes)", to: "denied" },
        ],
    },
    {
        id: "policy-variables",
        broken: "a Resource with a policy variable matching wherever its pattern with * does",
        file: "review/src/proof/requestSpace.ts",
        edits: [
            {
                from: "constraints.push(implies(isIn(entry.variable, [1]), isIn(SUBJECT, this.classesIn([entry.wildcard]))));",
                to: "constraints.push(implies(isIn(SUBJECT, this.classesIn([entry.wildcard])), isIn(entry.variable, [1])));",
            },
        ],
    },
    {
        id: "set-operators",
        broken: "ForAnyValue read as ForAllValues",
        file: SEMANTICS,
        edits: [
            {
                from: 'const result = test.set === "any" ? value.members.some(passes) : value.members.every(passes);',
                to: "const result = value.members.every(passes);",
            },
        ],
    },
    {
        id: "set-empty",
        broken: "ForAllValues failing on an absent key",
        file: SEMANTICS,
        edits: [
            {
                from: 'return test.set === "all" || test.ifExists ? [index] : [];',
                to: "return test.ifExists ? [index] : [];",
            },
        ],
    },
    {
        id: "unknown-operators",
        broken: "an operator the proof does not know read as StringEquals, not refused",
        file: STATEMENTS,
        edits: [
            {
                from: "        );\n        if (setOperator && !(base",
                to: '        ) ?? "StringEquals";\n        if (setOperator && !(base',
            },
        ],
    },
    {
        id: "multi-valued-keys",
        broken: "a multi-valued key compared without a set operator, not refused",
        file: "review/src/proof/conditionKeys.ts",
        edits: [{ from: "if (multiValued && plain) {", to: "if (false) {" }],
    },
    {
        id: "not-principal",
        broken: "NotPrincipal read as Principal",
        file: SEMANTICS,
        edits: [{ from: "subject = statement.notPrincipal ? not(subject) : subject;", to: "subject = subject;" }],
    },
    {
        id: "ip-ranges",
        broken: "an address range holding the addresses of the other family",
        file: "review/src/proof/ipRanges.ts",
        edits: [
            {
                from: "inside: ranges.map((range) => range.family === family && range.first <= first && last <= range.last),",
                to: "inside: ranges.map((range) => range.first <= first && last <= range.last),",
            },
        ],
    },
    {
        id: "dates",
        broken: "dates compared as numbers of their text",
        file: SEMANTICS,
        edits: [
            {
                from: 'compare(key.compared === "date" ? parseIamDate(threshold)! : Number(threshold)),',
                to: "compare(Number(threshold)),",
            },
        ],
    },
    {
        id: "abac",
        broken: "S3 sending a bucket's tags whether or not ABAC is on",
        file: SEMANTICS,
        edits: [{ from: "const hidden = and(isIn(ACTION, untagged), isIn(abac, [0]));", to: "const hidden = FALSE;" }],
    },
    {
        id: "untyped-resource",
        broken: "an action of no resource type granted only on Resource *, the other reading dropped",
        file: SEMANTICS,
        edits: [{ from: "if (untyped !== undefined && services.length > 0) {", to: "if (false) {" }],
    },
];

/** `source` with every edit made; throws when an edit's `from` is not there exactly once. */
export function applyEdits(source: string, mutation: RuleMutation): string {
    const places = mutation.edits.map((edit) => {
        const at = source.indexOf(edit.from);
        if (at < 0 || source.indexOf(edit.from, at + 1) >= 0) {
            throw new Error(
                `${mutation.id}: ${JSON.stringify(edit.from)} appears ${at < 0 ? "nowhere" : "more than once"} in ${mutation.file}`,
            );
        }
        return { at, edit };
    });
    let result = source;
    for (const { at, edit } of places.sort((a, b) => b.at - a.at)) {
        result = result.slice(0, at) + edit.to + result.slice(at + edit.from.length);
    }
    return result;
}
