// The patterns of a request's subject: its resource, for an identity policy,
// or its principal, for a trust policy. What a Resource or Principal entry
// names (resourcePattern, principalPattern), the shapes a principal can have,
// and the list of patterns a space splits the subject by: the policies' own,
// then those that only constrain what a request can be (ARN templates,
// principal shapes, the scope) or choose witnesses (partitions).
import {
    ANY_STRING,
    arnPattern,
    digitTokens,
    exactPattern,
    literalTokens,
    sequencePattern,
    someTokens,
    StringPattern,
    templatePattern,
    unionPattern,
} from "./stringPattern";
import { PrincipalEntry } from "./policyStatements";

/** A pattern of the resource or principal variable, and whether a policy wrote it. */
export interface SubjectPattern {
    readonly pattern: StringPattern;
    /** False for ARN templates and principal shapes, which only constrain what a request can be. */
    readonly fromPolicy: boolean;
    /** True for the ARNs of a partition the policies name, which only choose witnesses. */
    readonly partition?: boolean;
}

/** The subject's patterns in the order they were added, each once, found by a key that says what it is. */
export class SubjectPatternList {
    readonly patterns: SubjectPattern[] = [];
    readonly index = new Map<string, number>();

    /** Adds a pattern unless one of the same key is there; its index either way. */
    add(key: string, pattern: StringPattern, fromPolicy: boolean): number {
        if (!this.index.has(key)) {
            this.index.set(key, this.patterns.length);
            this.patterns.push({ pattern, fromPolicy, ...(key.startsWith("partition:") ? { partition: true } : {}) });
        }
        return this.index.get(key)!;
    }

    /** A Resource element's pattern (or a scope's). */
    addResource(text: string, fromPolicy: boolean): number {
        return this.add(resourceKey(text), resourcePattern(text), fromPolicy);
    }

    /** A resource type's ARN template, which the resources of its actions match. */
    addTemplate(arnTemplate: string): number {
        return this.add(`template:${arnTemplate}`, templateSubject(arnTemplate), false);
    }

    /** The ARNs of a service, `arn:*:<service>:*`. */
    addNamespace(service: string): number {
        return this.add(`namespace:${service}`, resourcePattern(`arn:*:${service}:*`), false);
    }

    /** The ARNs of a partition, `arn:<partition>:*`, which a witness prefers. */
    addPartition(partition: string): number {
        return this.add(`partition:${partition}`, resourcePattern(`arn:${partition}:*`), false);
    }

    /** A Principal entry's pattern. */
    addPrincipal(entry: PrincipalEntry): number {
        return this.add(principalKey(entry), principalPattern(entry), true);
    }

    /** The shapes every principal has one of. */
    addPrincipalShapes(): void {
        PRINCIPAL_SHAPES.forEach((shape, index) => this.add(`shape:${index}`, shape, false));
    }
}

/** How a Resource element's pattern is found among the subject's. */
export function resourceKey(pattern: string): string {
    return `resource:${pattern}`;
}

/** How a Principal entry's pattern is found among the subject's. */
export function principalKey(entry: PrincipalEntry): string {
    return `principal:${entry.kind}:${entry.value}`;
}

/** Whether an ARN template's service part can be one of `services`: it is one, or a placeholder. */
export function namedNamespace(template: string, services: ReadonlySet<string>): boolean {
    const service = template.split(":")[2];
    return service !== undefined && (service.includes("${") || services.has(service.toLowerCase()));
}

/** The resources an ARN template stands for; `*` (an action that takes no resource type) is the string `*` itself. */
export function templateSubject(arnTemplate: string): StringPattern {
    return arnTemplate === "*" ? exactPattern("*") : templatePattern(arnTemplate);
}

/** A Resource element's pattern: `*` is every resource; an ARN is matched part by part, short ones padded with `*`. */
export function resourcePattern(text: string): StringPattern {
    if (text === "*") {
        return ANY_STRING;
    }
    return arnPattern(text, { ignoreCaseOfParts: true, expandShort: true }) ?? exactPattern(text);
}

const SEGMENT = someTokens(":");
const ACCOUNT = digitTokens(12);

/** The shapes a principal has: a service, or an IAM or STS principal of an account. */
export const PRINCIPAL_SHAPES: readonly StringPattern[] = [
    sequencePattern("<service>.amazonaws.com", [someTokens(":/"), literalTokens(".amazonaws.com")]),
    ...["root", "user/", "role/"].map((what) =>
        sequencePattern(`arn:<partition>:iam::<account>:${what}…`, [
            literalTokens("arn:"),
            SEGMENT,
            literalTokens(":iam::"),
            ACCOUNT,
            literalTokens(`:${what}`),
            what === "root" ? [] : someTokens(),
        ]),
    ),
    sequencePattern("arn:<partition>:sts::<account>:assumed-role/<role>/<session>", [
        literalTokens("arn:"),
        SEGMENT,
        literalTokens(":sts::"),
        ACCOUNT,
        literalTokens(":assumed-role/"),
        someTokens("/"),
        literalTokens("/"),
        someTokens(),
    ]),
];

/** What a Principal entry matches: a service by name; an account (its id or root ARN) every principal of it; an ARN itself, and a role's sessions. */
export function principalPattern(entry: PrincipalEntry): StringPattern {
    if (entry.kind === "*") {
        return ANY_STRING;
    }
    if (entry.kind === "AWS") {
        const account = /^(\d{12})$/.exec(entry.value)?.[1] ?? /^arn:[^:]+:iam::(\d{12}):root$/.exec(entry.value)?.[1];
        if (account) {
            return unionPattern(
                entry.value,
                ["iam", "sts"].map((service) =>
                    sequencePattern(entry.value, [
                        literalTokens("arn:"),
                        SEGMENT,
                        literalTokens(`:${service}::${account}:`),
                        [{ kind: "star", except: "" }],
                    ]),
                ),
            );
        }
        const role = /^arn:([^:]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(entry.value);
        if (role) {
            return unionPattern(entry.value, [
                exactPattern(entry.value),
                sequencePattern(entry.value, [
                    literalTokens(`arn:${role[1]}:sts::${role[2]}:assumed-role/${role[3]}/`),
                    someTokens(),
                ]),
            ]);
        }
    }
    return exactPattern(entry.value);
}
