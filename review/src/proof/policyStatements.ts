// A policy document read into the statements the proof decides, and every
// part of it that lies outside what the proof encodes, named. Nothing is
// dropped quietly: a statement the proof cannot read makes the whole question
// "not decided", never "no".
import { parseIamDate } from "./dateValues";
import { parseCidr } from "./ipRanges";
import { policyVariableIn } from "./stringPattern";

/** Identity policies (the role's permissions, or a boundary) have a Resource; trust policies a Principal. */
export type PolicyKind = "identity" | "trust";

/** The condition operators the proof encodes, without `IfExists`. */
export const ENCODED_OPERATORS = [
    "StringEquals",
    "StringNotEquals",
    "StringEqualsIgnoreCase",
    "StringNotEqualsIgnoreCase",
    "StringLike",
    "StringNotLike",
    "ArnEquals",
    "ArnLike",
    "ArnNotEquals",
    "ArnNotLike",
    "Bool",
    "Null",
    "NumericEquals",
    "NumericNotEquals",
    "NumericLessThan",
    "NumericLessThanEquals",
    "NumericGreaterThan",
    "NumericGreaterThanEquals",
    "DateEquals",
    "DateNotEquals",
    "DateLessThan",
    "DateLessThanEquals",
    "DateGreaterThan",
    "DateGreaterThanEquals",
    "IpAddress",
    "NotIpAddress",
] as const;

/** One of {@link ENCODED_OPERATORS}. */
export type BaseOperator = (typeof ENCODED_OPERATORS)[number];

/** One test of a condition block: an operator on one key, true if any of the values matches. */
export interface ConditionTest {
    /** The operator as written, e.g. `StringEqualsIfExists`. */
    readonly operator: string;
    readonly base: BaseOperator;
    /** True for the negated operators (`StringNotEquals`, `ArnNotLike`, ...), which hold when the key is absent. */
    readonly negated: boolean;
    /** True for `...IfExists`, which holds when the key is absent. */
    readonly ifExists: boolean;
    /** `ForAnyValue:` (some value of the key's set matches) or `ForAllValues:` (every value does; true when none). */
    readonly set?: "any" | "all";
    /** The key as written, e.g. `aws:SourceArn`. Keys are compared without regard to case. */
    readonly key: string;
    readonly values: readonly string[];
}

/** Who a trust policy's statement names. */
export interface PrincipalEntry {
    readonly kind: "Service" | "AWS" | "Federated" | "CanonicalUser" | "*";
    readonly value: string;
}

/** A statement in the form the proof encodes. */
export interface ParsedStatement {
    /** Where it is, for messages: `statement 2 ("AllowListingOfUserFolder")`. */
    readonly where: string;
    readonly effect: "Allow" | "Deny";
    readonly actions: { readonly not: boolean; readonly patterns: readonly string[] };
    /** Absent in a trust policy. */
    readonly resources?: { readonly not: boolean; readonly patterns: readonly string[] };
    /** Present in a trust policy only. */
    readonly principals?: readonly PrincipalEntry[];
    /** True when they are a NotPrincipal's: the statement is about every other principal. */
    readonly notPrincipal?: boolean;
    readonly conditions: readonly ConditionTest[];
}

/** A policy read for the proof. */
export interface ParsedPolicy {
    /** How the output names it, e.g. `the baseline's policy of pinpoint-export-policy`. */
    readonly name: string;
    readonly statements: readonly ParsedStatement[];
    /** Why parts of it are outside what the proof decides; empty when it is all inside. */
    readonly outsideFragment: readonly string[];
}

/** Reads policy text as `kind`; whatever the proof cannot encode is listed, by statement, in `outsideFragment`. */
export function parsePolicy(name: string, text: string, kind: PolicyKind): ParsedPolicy {
    let document: unknown;
    try {
        document = JSON.parse(text);
    } catch (error) {
        return { name, statements: [], outsideFragment: [`${name} is not JSON: ${(error as Error).message}`] };
    }
    if (!isRecord(document)) {
        return { name, statements: [], outsideFragment: [`${name} is not a JSON object`] };
    }
    const raw = document.Statement;
    const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
    const outside: string[] = [];
    const statements: ParsedStatement[] = [];
    list.forEach((statement, index) => {
        const sid = isRecord(statement) && typeof statement.Sid === "string" ? ` ("${statement.Sid}")` : "";
        const where = `statement ${index + 1}${sid} of ${name}`;
        const reasons: string[] = [];
        const parsed = isRecord(statement) ? parseStatement(statement, where, kind, reasons) : undefined;
        if (!isRecord(statement)) {
            reasons.push("it is not a JSON object");
        }
        if (reasons.length > 0 || !parsed) {
            outside.push(...reasons.map((reason) => `${where}: ${reason}`));
        } else {
            statements.push(parsed);
        }
    });
    if (document.Version !== undefined && document.Version !== "2012-10-17" && document.Version !== "2008-10-17") {
        outside.push(`${name}: Version ${JSON.stringify(document.Version)} is not an IAM policy language version`);
    }
    return { name, statements, outsideFragment: outside };
}

function parseStatement(
    statement: Record<string, unknown>,
    where: string,
    kind: PolicyKind,
    reasons: string[],
): ParsedStatement | undefined {
    const effect = statement.Effect;
    if (effect !== "Allow" && effect !== "Deny") {
        reasons.push(`its Effect is ${JSON.stringify(effect)}, not "Allow" or "Deny"`);
    }
    const actions = notOrPlain(statement, "Action", reasons);
    if (!actions) {
        reasons.push("it has neither Action nor NotAction");
    }
    for (const pattern of actions?.patterns ?? []) {
        if (pattern !== "*" && !/^[^:]+:[^:]*$/.test(pattern)) {
            reasons.push(`the action ${JSON.stringify(pattern)} is not of the form service:action`);
        }
    }
    const resources = notOrPlain(statement, "Resource", reasons);
    if (kind === "identity" && !resources) {
        reasons.push("it has neither Resource nor NotResource, which an identity policy needs");
    }
    if (kind === "trust" && resources) {
        reasons.push("a trust policy's statement names no Resource: the role is its resource");
    }
    // Policy variables in Resource are encoded (policyVariables.ts), in the resource part of an ARN.
    for (const pattern of resources?.patterns ?? []) {
        const variable = policyVariableIn(pattern);
        if (variable && pattern.slice(0, pattern.indexOf(variable)).split(":").length - 1 < 5) {
            reasons.push(
                `the resource ${JSON.stringify(pattern)} holds the policy variable ${variable} before its resource part`,
            );
        }
    }
    let principals: PrincipalEntry[] | undefined;
    const notPrincipal = statement.NotPrincipal !== undefined;
    if (kind === "trust") {
        if (notPrincipal && statement.Principal !== undefined) {
            reasons.push("it has both Principal and NotPrincipal");
        }
        // NotPrincipal: every principal but those it names (and, for a role, its sessions).
        principals = parsePrincipal(notPrincipal ? statement.NotPrincipal : statement.Principal, reasons);
    } else if (statement.Principal !== undefined || notPrincipal) {
        reasons.push("an identity policy's statement names no Principal");
    }
    const conditions = parseConditions(statement.Condition, reasons);
    if (reasons.length > 0 || !actions || (effect !== "Allow" && effect !== "Deny")) {
        return undefined;
    }
    return { where, effect, actions, resources, principals, ...(notPrincipal ? { notPrincipal } : {}), conditions };
}

/** `Action` or `NotAction` (and the same for Resource): which, and its values as a list. */
function notOrPlain(
    statement: Record<string, unknown>,
    element: "Action" | "Resource",
    reasons: string[],
): { not: boolean; patterns: string[] } | undefined {
    const plain = statement[element];
    const negated = statement[`Not${element}`];
    if (plain !== undefined && negated !== undefined) {
        reasons.push(`it has both ${element} and Not${element}`);
        return undefined;
    }
    const value = plain ?? negated;
    if (value === undefined) {
        return undefined;
    }
    const patterns = Array.isArray(value) ? value : [value];
    if (patterns.length === 0 || !patterns.every((pattern) => typeof pattern === "string")) {
        reasons.push(`its ${plain !== undefined ? "" : "Not"}${element} is not a string or a list of strings`);
        return undefined;
    }
    return { not: plain === undefined, patterns: patterns };
}

function parsePrincipal(principal: unknown, reasons: string[]): PrincipalEntry[] | undefined {
    if (principal === "*") {
        return [{ kind: "*", value: "*" }];
    }
    if (!isRecord(principal)) {
        reasons.push(principal === undefined ? "it has no Principal" : 'its Principal is not "*" or an object');
        return undefined;
    }
    const entries: PrincipalEntry[] = [];
    for (const [kind, value] of Object.entries(principal)) {
        const values = Array.isArray(value) ? value : [value];
        if (!["Service", "AWS", "Federated", "CanonicalUser"].includes(kind)) {
            reasons.push(`the principal type ${JSON.stringify(kind)} is not encoded`);
            continue;
        }
        for (const item of values) {
            if (typeof item !== "string") {
                reasons.push(`a ${kind} principal is not a string`);
            } else if (policyVariableIn(item) || (item.includes("*") && item !== "*")) {
                reasons.push(
                    `the principal ${JSON.stringify(item)} holds a wildcard or policy variable, which AWS refuses in a Principal (only "*" alone)`,
                );
            } else {
                entries.push({ kind: item === "*" ? "*" : (kind as PrincipalEntry["kind"]), value: item });
            }
        }
    }
    return entries;
}

function parseConditions(condition: unknown, reasons: string[]): ConditionTest[] {
    if (condition === undefined) {
        return [];
    }
    if (!isRecord(condition)) {
        reasons.push("its Condition is not an object");
        return [];
    }
    const tests: ConditionTest[] = [];
    for (const [operator, block] of Object.entries(condition)) {
        // IAM spells them ForAnyValue: and ForAllValues: (one singular, one plural), on string and ARN operators.
        const setOperator = /^For(AnyValue|AllValues):(.*)$/i.exec(operator);
        const single = setOperator ? setOperator[2] : operator;
        const base = ENCODED_OPERATORS.find(
            (candidate) => candidate === single || (candidate !== "Null" && `${candidate}IfExists` === single),
        );
        if (setOperator && !(base && /^(String|Arn)/.test(base))) {
            reasons.push(`the set operator of ${operator} is not encoded on ${single}`);
            continue;
        }
        if (!base) {
            reasons.push(`the condition operator ${operator} is not encoded`);
            continue;
        }
        if (!isRecord(block)) {
            reasons.push(`the block of ${operator} is not an object`);
            continue;
        }
        for (const [key, value] of Object.entries(block)) {
            const values = (Array.isArray(value) ? (value as unknown[]) : [value]).map((item) =>
                typeof item === "boolean" || typeof item === "number" ? String(item) : item,
            );
            if (values.length === 0 || !values.every((item): item is string => typeof item === "string")) {
                reasons.push(`the values of ${operator} ${key} are not strings`);
                continue;
            }
            // Policy variables are encoded in the values of string and ARN operators (policyVariables.ts).
            const variable = values.map(policyVariableIn).find((found) => found !== undefined);
            if (variable && (!/^(String|Arn)/.test(base) || setOperator)) {
                reasons.push(`${operator} ${key} compares with the policy variable ${variable}`);
                continue;
            }
            if (base === "Null" && !values.every((item) => item === "true" || item === "false")) {
                reasons.push(`Null ${key} takes "true" or "false", not ${JSON.stringify(values)}`);
                continue;
            }
            if (base === "Bool" && !values.every((item) => /^(true|false)$/i.test(item))) {
                reasons.push(`Bool ${key} takes "true" or "false", not ${JSON.stringify(values)}`);
                continue;
            }
            if (
                base.startsWith("Numeric") &&
                !values.every((item) => Number.isFinite(Number(item)) && item.trim() !== "")
            ) {
                reasons.push(`${operator} ${key} compares with ${JSON.stringify(values)}, not numbers`);
                continue;
            }
            if (base.startsWith("Date") && !values.every((item) => parseIamDate(item) !== undefined)) {
                reasons.push(
                    `${operator} ${key} compares with ${JSON.stringify(values)}, not ISO 8601 dates or epoch seconds`,
                );
                continue;
            }
            if (base.endsWith("IpAddress") && !values.every((item) => parseCidr(item) !== undefined)) {
                reasons.push(`${operator} ${key} compares with ${JSON.stringify(values)}, not IPv4 or IPv6 CIDRs`);
                continue;
            }
            if (base.startsWith("Arn") && !values.every((item) => item.split(":").length >= 6)) {
                reasons.push(`${operator} ${key} compares with ${JSON.stringify(values)}, not ARNs of six parts`);
                continue;
            }
            tests.push({
                operator,
                ...(setOperator
                    ? { set: /^AnyValue$/i.test(setOperator[1]) ? ("any" as const) : ("all" as const) }
                    : {}),
                base,
                negated: /Not/.test(base),
                ifExists: single.endsWith("IfExists"),
                key,
                values,
            });
        }
    }
    return tests;
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}
