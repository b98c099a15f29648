// Requests near two policies, for the evaluator to decide: their actions (and
// a few of the same services they do not name), resources made from their
// own patterns and from the ARN templates of those actions, and each
// condition key they name absent, at one of their values, or near one. The
// corpus asks iam-simulate about each where the proof proved that nothing is
// newly allowed: a sampled request newly allowed would disprove it.
import { actionTargets, ActionTarget, supportsKey } from "../../review/src/proof/actionCatalog";
import { Statement } from "./policies";

/** A request the evaluator can be asked about. */
export interface SampledRequest {
    readonly action: string;
    readonly resource?: string;
    readonly principal?: string;
    readonly context: Record<string, string>;
}

/** Choices made by a seeded generator. */
interface Random {
    below(n: number): number;
    pick<T>(items: readonly T[]): T;
    chance(p: number): boolean;
}

/** A small deterministic generator, so that a failure is found again. */
function randomFrom(seed: number): Random {
    let state = seed >>> 0 || 1;
    const next = () => {
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        return (state >>> 0) / 4_294_967_296;
    };
    return {
        below: (n: number) => Math.floor(next() * n),
        pick<T>(items: readonly T[]): T {
            return items[Math.floor(next() * items.length)];
        },
        chance: (p: number) => next() < p,
    };
}

const list = (value: unknown): string[] =>
    value === undefined ? [] : Array.isArray(value) ? (value as string[]) : [value as string];

const ACCOUNT = "111122223333";
const OTHER_ACCOUNT = "444455556666";
const WORDS = [
    "home",
    "alice",
    "bob",
    "Exports",
    "taxdocuments",
    "projects",
    "x",
    "a/b",
    "amzn-s3-demo-bucket",
    "ami-1",
];

/** A value for each `*` and `?` of a pattern, and a policy variable's value. */
function fill(pattern: string, random: Random, username: string): string {
    return pattern
        .replace(/\$\{aws:username\}/gi, username)
        .replace(/\$\{[^}]*\}/g, () => random.pick(WORDS))
        .replace(/\*/g, () => (random.chance(0.3) ? "" : random.pick(WORDS)))
        .replace(/\?/g, () => random.pick(["a", "1", "/"]));
}

/** A resource of `target`'s type: a policy pattern filled, when it fits, else the template filled. */
function resourceFor(target: ActionTarget, patterns: readonly string[], random: Random, username: string): string {
    if (target.arnTemplate === "*") {
        return "*";
    }
    const template = target.arnTemplate
        .replace(/\$\{Partition\}/g, "aws")
        .replace(/\$\{Region\}/g, random.pick(["us-east-1", "us-west-2", "region"]))
        .replace(/\$\{Account\}/g, random.pick([ACCOUNT, OTHER_ACCOUNT]))
        .replace(/\$\{[^}]*\}/g, () => random.pick(WORDS).replace("/", ""));
    const filled = patterns
        .filter((pattern) => pattern !== "*")
        .map((pattern) => fill(pattern, random, username))
        .filter((resource) => sameShape(resource, target.arnTemplate));
    return filled.length > 0 && random.chance(0.7) ? random.pick(filled) : template;
}

/** Whether a resource has the template's service and as many `:` parts. */
function sameShape(resource: string, template: string): boolean {
    const a = resource.split(":");
    const b = template.split(":");
    return a.length === b.length && a[2] === b[2] && (a[5]?.split("/")[0] ?? "") === (b[5]?.split("/")[0] ?? "");
}

/** Values near one a condition compares with: itself, its case changed, an address or date next to it. */
function valuesNear(value: string, random: Random, username: string): string[] {
    const filled = fill(value, random, username);
    const cidr = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(value);
    if (cidr) {
        const [a, b, c] = cidr.slice(1, 4).map(Number);
        return [`${a}.${b}.${c}.7`, `${a}.${b}.${(c + 1) % 256}.7`, `${a}.${(b + 1) % 256}.${c}.7`, "198.51.100.7"];
    }
    if (/^[0-9a-f:]+\/\d+$/i.test(value)) {
        return [value.replace(/::\/\d+$/, "::1"), "2001:db8:ffff::1"];
    }
    if (/^\d{4}-\d\d-\d\dT/.test(value)) {
        const time = Date.parse(value);
        return [-1, 1, -86_400_000 * 200, 86_400_000 * 200].map((shift) => new Date(time + shift).toISOString());
    }
    if (/^\d+$/.test(value)) {
        return [String(Number(value) - 1), value, String(Number(value) + 1)];
    }
    return [filled, filled.toUpperCase(), `${filled}x`, filled.slice(0, -1)];
}

/** `count` requests near the statements of two policies of `kind`. */
export async function sampleRequests(
    kind: "identity" | "trust",
    statements: readonly Statement[],
    count: number,
    seed: number,
): Promise<SampledRequest[]> {
    const random = randomFrom(seed);
    const actionPatterns = statements.flatMap((s) => [...list(s.Action), ...list(s.NotAction)]);
    const services = new Set(
        actionPatterns.map((pattern) => (pattern === "*" ? "s3" : pattern.split(":")[0].toLowerCase())),
    );
    if (kind === "trust") {
        services.clear();
        services.add("sts");
    }
    const targets = (await Promise.all([...services].map((service) => actionTargets(service)))).flat();
    const named = targets.filter((target) => actionPatterns.some((pattern) => globMatches(pattern, target.action)));
    const resources = statements.flatMap((s) => [...list(s.Resource), ...list(s.NotResource)]);
    const conditions = statements.flatMap((s) =>
        Object.entries((s.Condition ?? {}) as Record<string, Record<string, unknown>>).flatMap(([, block]) =>
            Object.entries(block).map(([key, value]) => ({ key, values: list(value).map(String) })),
        ),
    );
    const principals = statements.flatMap((s) =>
        Object.values((typeof s.Principal === "object" ? s.Principal : {}) as Record<string, unknown>).flatMap(list),
    );
    const requests: SampledRequest[] = [];
    for (let index = 0; index < count; index++) {
        const username = random.pick(["alice", "bob"]);
        const target = named.length > 0 && random.chance(0.8) ? random.pick(named) : random.pick(targets);
        const context: Record<string, string> = { "aws:username": username };
        for (const { key, values } of conditions) {
            if (random.chance(0.25) || (kind === "identity" && !supportsKey(target, key))) {
                continue;
            }
            const value = random.pick(values);
            context[key] = random.pick(valuesNear(value, random, username));
        }
        if (kind === "trust") {
            const principal =
                principals.length > 0 && random.chance(0.7)
                    ? fill(random.pick(principals).replace(/^\*$/, `arn:aws:iam::${ACCOUNT}:role/x`), random, username)
                    : random.pick([
                          `arn:aws:iam::${ACCOUNT}:role/Admin`,
                          `arn:aws:iam::${OTHER_ACCOUNT}:user/bob`,
                          "ec2.amazonaws.com",
                          `arn:aws:iam::${ACCOUNT}:root`,
                      ]);
            delete context["aws:username"];
            requests.push({ action: target.action, principal, context });
        } else {
            requests.push({
                action: target.action,
                resource: resourceFor(target, resources, random, username),
                context,
            });
        }
    }
    return requests;
}

function globMatches(pattern: string, action: string): boolean {
    if (pattern === "*") {
        return true;
    }
    const expression = new RegExp(
        `^${pattern
            .replace(/[.+^${}()|[\]\\]/g, "\\$&")
            .replace(/\*/g, ".*")
            .replace(/\?/g, ".")}$`,
        "i",
    );
    return expression.test(action);
}
