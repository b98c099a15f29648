// The proof on policies nobody here wrote: each pair of the corpus (a policy
// and an edit of it, tests/corpus/) is decided, and the outcome compared
// with its record (record.json):
// - a pair the record has decided must stay decided;
// - no question may take more than 2 s;
// - every "none newly allowed" is cross-checked by iam-simulate on requests
//   sampled around the two policies: one newly allowed disproves it.
// It runs apart from npm test (`npm run test:corpus`, which .ci/run runs):
// about 25 s, which npm test's 40 cannot spare; it loads every service's catalogue.
// `CORPUS_RECORD=1 npm run test:corpus` writes the record anew, with each
// pair's classes and time, and prints the figures.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { decideByTrust, decideForPolicies, Decision } from "../../review/src/access/iamEvaluator";
import { actionTargets, catalogServices } from "../../review/src/proof/actionCatalog";
import { AccessDecision, decideAccess } from "../../review/src/proof/decideAccess";
import { parsePolicy } from "../../review/src/proof/policyStatements";
import { SolverSession } from "../../review/src/proof/solverProcess";
import { corpusPairs, CorpusPair } from "./mutations";
import { CORPUS_POLICIES, Statement } from "./policies";
import { SampledRequest, sampleRequests } from "./sampleRequests";

const RECORD = path.join(__dirname, "record.json");

/** The longest a question may take. */
const QUESTION_LIMIT_MS = 2_000;

/** How many requests each "none newly allowed" is sampled with. */
const SAMPLES = Number(process.env.CORPUS_SAMPLES ?? 150);

/** What the record keeps of a pair. */
interface PairRecord {
    readonly decided: boolean;
    /** Why not, when not decided. */
    readonly reason?: string;
    /** How many classes of each difference. */
    readonly classes?: { allowed: number; denied: number; possiblyAllowed: number; possiblyDenied: number };
    readonly ms: number;
}

const pairs = corpusPairs(CORPUS_POLICIES);
const recorded: Record<string, PairRecord> = fs.existsSync(RECORD)
    ? (JSON.parse(fs.readFileSync(RECORD, "utf8")) as Record<string, PairRecord>)
    : {};
const results: Record<string, PairRecord> = {};

describe(`the proof on the corpus (${pairs.length} pairs)`, function () {
    this.timeout(60_000);
    // A limit well past the corpus's own, so that a slow question is measured, not cut.
    const session = new SolverSession(10_000).start();
    // The catalogue of each service loads once per process, as in the plan: not a question's time.
    before(async function () {
        this.timeout(120_000);
        await Promise.all((await catalogServices()).map((service) => actionTargets(service)));
    });
    after(() => {
        session.close();
        summarise();
    });

    it("holds at least 100 pairs, each named once", () => {
        assert.ok(pairs.length >= 100, `${pairs.length} pairs`);
        assert.equal(new Set(pairs.map((pair) => pair.name)).size, pairs.length);
    });

    pairs.forEach((pair, index) => {
        it(pair.name, async () => {
            const begin = process.hrtime.bigint();
            const decision = await decide(pair, session);
            const ms = Number(process.hrtime.bigint() - begin) / 1e6;
            results[pair.name] = recordOf(decision, ms);
            const was = recorded[pair.name];
            assert.ok(
                decision.decided || !was?.decided,
                `decided in the record, not decided now: ${decision.decided ? "" : decision.reason}`,
            );
            assert.ok(ms <= QUESTION_LIMIT_MS, `the question took ${Math.round(ms)} ms`);
            if (
                decision.decided &&
                decision.newlyAllowed.classes.length === 0 &&
                decision.possiblyNewlyAllowed.classes.length === 0
            ) {
                await crossCheck(pair, index);
            }
        });
    });
});

function decide(pair: CorpusPair, session: SolverSession): Promise<AccessDecision> {
    const side = (text: string, name: string) => ({ policies: [parsePolicy(name, text, pair.kind)] });
    return decideAccess(
        { kind: pair.kind, before: side(pair.before, "the policy"), after: side(pair.after, "the edited policy") },
        session,
    );
}

function recordOf(decision: AccessDecision, ms: number): PairRecord {
    if (!decision.decided) {
        return { decided: false, reason: decision.reason, ms: Math.round(ms) };
    }
    return {
        decided: true,
        classes: {
            allowed: decision.newlyAllowed.classes.length,
            denied: decision.newlyDenied.classes.length,
            possiblyAllowed: decision.possiblyNewlyAllowed.classes.length,
            possiblyDenied: decision.possiblyNewlyDenied.classes.length,
        },
        ms: Math.round(ms),
    };
}

/** Asks iam-simulate about requests around the pair: none may be allowed after and not before. */
async function crossCheck(pair: CorpusPair, seed: number): Promise<void> {
    const statements = [pair.before, pair.after].flatMap(
        (text) => (JSON.parse(text) as { Statement: Statement[] }).Statement,
    );
    const requests = await sampleRequests(pair.kind, statements, SAMPLES, seed + 1);
    let evaluated = 0;
    for (const request of requests) {
        const before = await evaluate(pair.kind, pair.before, request);
        const after = before && (await evaluate(pair.kind, pair.after, request));
        if (!before || !after) {
            continue; // a request the evaluator refuses (a resource not of the action's type)
        }
        evaluated++;
        assert.ok(
            !(after === "Allowed" && before !== "Allowed"),
            `the proof found nothing newly allowed, and iam-simulate finds ${JSON.stringify(request)} newly allowed`,
        );
    }
    assert.ok(evaluated > 0, "no sampled request could be evaluated");
}

async function evaluate(
    kind: CorpusPair["kind"],
    policy: string,
    request: SampledRequest,
    retried = false,
): Promise<Decision | undefined> {
    try {
        if (kind === "trust") {
            return await decideByTrust(
                policy,
                { principal: request.principal!, context: request.context },
                request.action,
            );
        }
        return await decideForPolicies([policy], {
            action: request.action,
            resource: request.resource!,
            context: request.context,
            fromResourceAccount: true,
        });
    } catch (error) {
        // The evaluator does not know some keys (an OIDC provider's): the request without them is one too.
        const unknown = /has context keys that do not apply to its action: (.*)$/.exec((error as Error).message);
        if (unknown && !retried) {
            const context = { ...request.context };
            unknown[1].split(", ").forEach((key) => delete context[key]);
            return evaluate(kind, policy, { ...request, context }, true);
        }
        return undefined;
    }
}

/** Prints the figures, and writes the record when asked to. */
function summarise(): void {
    const done = Object.entries(results);
    if (done.length === 0) {
        return;
    }
    const decided = done.filter(([, result]) => result.decided).length;
    const times = done.map(([, result]) => result.ms).sort((a, b) => a - b);
    const reasons = new Map<string, number>();
    for (const [, result] of done) {
        if (!result.decided) {
            const reason = result
                .reason!.replace(/^outside what the proof encodes: /, "")
                .replace(/statement \d+[^:]*: /g, "");
            const short = reason
                .split(";")[0]
                .replace(/"[^"]*"/g, "…")
                .slice(0, 90);
            reasons.set(short, (reasons.get(short) ?? 0) + 1);
        }
    }
    process.stdout.write(
        [
            "",
            `corpus: ${decided} of ${done.length} pairs decided (${((100 * decided) / done.length).toFixed(1)}%); ` +
                `median ${times[Math.floor(times.length / 2)]} ms, max ${times[times.length - 1]} ms`,
            ...[...reasons.entries()].sort((a, b) => b[1] - a[1]).map(([reason, count]) => `  ${count}× ${reason}`),
            "",
        ].join("\n"),
    );
    if (process.env.CORPUS_RECORD === "1") {
        const sorted = Object.fromEntries(done.sort(([a], [b]) => a.localeCompare(b)));
        fs.writeFileSync(RECORD, `${JSON.stringify(sorted, null, 4)}\n`);
    }
}
