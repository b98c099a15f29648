// Whether an update changes what Amazon Pinpoint can do with the export role,
// decided for every request by the proof (review/src/proof/), not by reading
// the documents' text or by sampling requests. Each class of requests the
// proof finds comes with a witness, which the IAM evaluator checks again.
import { equivalentPolicies } from "../diff/policyEquivalence";
import { decideAccess, FoundRequests } from "../proof/decideAccess";
import { parsePolicy, PolicyKind } from "../proof/policyStatements";
import type { RequestClass, WitnessRequest } from "../proof/requestClasses";
import { PolicySet, PolicySide, UnknownPolicy } from "../proof/requestSpace";
import { SolverSession } from "../proof/solverProcess";
import { AccessPair, AttachedPolicy, RoleAccess } from "./roleAccess";
import { decidedOnce } from "./decidedOnce";
import { checkWitness, EvaluatedSide, WitnessCheck } from "./witnessCheck";
import { withoutRepeats } from "./withoutRepeats";

/** One class of requests whose decision the update changes. */
export interface AccessEntry {
    /** The role, as its step names it. */
    readonly role: string;
    /** The actions, `service:*` for every action of a service in AWS's catalogue, `*` for every action. */
    readonly actions: readonly string[];
    /** How many actions of the catalogue the entry holds. */
    readonly actionCount: number;
    /** When the entry holds every action of one service that takes one resource type, e.g. `s3` and `object`. */
    readonly everyActionOf?: { readonly service: string; readonly resourceType: string };
    /** For the role's permissions: the resources, e.g. `arn:aws:s3:::b/Exports/* but not arn:aws:s3:::b/Exports/daily/*`. */
    readonly resource?: string;
    /** For the trust policy: who asks, e.g. `pinpoint.amazonaws.com`. */
    readonly principal?: string;
    /** The condition keys the entry depends on; empty if none. */
    readonly context: string;
    /** For a possible change: what the policies of unknown text must say for it to happen. */
    readonly dependsOn?: string;
    /** One concrete request of the entry. */
    readonly witness: WitnessRequest;
    /** What the IAM evaluator decides for the witness on each side. */
    readonly evaluator: WitnessCheck;
}

/** What changes for one kind of policy. */
export interface DecisionChanges {
    /** Allowed now and denied before, for every text of the policies whose text is unknown. */
    readonly newlyAllowed: readonly AccessEntry[];
    /** Denied now and allowed before, likewise. */
    readonly newlyDenied: readonly AccessEntry[];
    /** Newly allowed for some texts of the policies whose text is unknown. */
    readonly possiblyNewlyAllowed: readonly AccessEntry[];
    /** Newly denied for some texts of the policies whose text is unknown. */
    readonly possiblyNewlyDenied: readonly AccessEntry[];
    /** False when a list stopped at the proof's limit on classes. */
    readonly complete: boolean;
}

/** The access changes of an update. */
export interface AccessChanges {
    /** Whether a request is newly allowed, or it may be and the proof cannot decide. */
    readonly broadening: boolean;
    /** `proof` when the verdict is proved (broadens: some request is newly allowed; or for all requests, none is). */
    readonly decidedBy: "proof" | "undecided";
    /** The role's permissions: its attached policies, within its permissions boundary. */
    readonly permissions: DecisionChanges;
    /** Who may assume the role: its trust policy. */
    readonly trust: DecisionChanges;
    /** Why the proof could not decide part of the question; each counts as broadening. */
    readonly unevaluated: readonly string[];
    /** Those of `unevaluated` that only say classes are possibly newly allowed: listed classes, which a reviewed accept list may cover. */
    readonly possiblyBroadening: readonly string[];
    /** Safeguards added, which can only narrow access. */
    readonly narrowing: readonly string[];
    /** What the proof takes as given about requests. */
    readonly assumptions: readonly string[];
    /** Facts about the documents a reviewer should see, e.g. that they are in two partitions. */
    readonly notes: readonly string[];
    /** How many questions the proof answered: one per kind of policy that changes, per role. */
    readonly questions: number;
}

type Side = "before" | "after";

const NO_CHANGES: DecisionChanges = {
    newlyAllowed: [],
    newlyDenied: [],
    possiblyNewlyAllowed: [],
    possiblyNewlyDenied: [],
    complete: true,
};

/** Decides what the update changes for every pair, with the solver of `session`. */
export async function compareAccess(
    pairs: readonly AccessPair[],
    session: SolverSession,
    /** The second engine's check of each witness; the IAM evaluator's, unless a test gives another. */
    check: typeof checkWitness = checkWitness,
): Promise<AccessChanges> {
    const unevaluated: string[] = [];
    const possiblyBroadening: string[] = [];
    const narrowing: string[] = [];
    const assumptions = new Set<string>();
    const notes: string[] = [];
    const changes: Record<PolicyKind, DecisionChanges[]> = { identity: [], trust: [] };
    let questions = 0;
    for (const pair of pairs) {
        for (const kind of ["identity", "trust"] as const) {
            const sides = {
                before: proofSide(pair.before, kind, "before"),
                after: proofSide(pair.after, kind, "after"),
            };
            if (sameAccess(sides.before, sides.after)) {
                continue;
            }
            questions++;
            const decision = await decideOnce({ kind, before: sides.before.side, after: sides.after.side }, session);
            const which = kind === "identity" ? `the permissions of ${pair.role}` : `the trust policy of ${pair.role}`;
            if (!decision.decided) {
                unevaluated.push(`${which} could not be decided: ${decision.reason}`);
                continue;
            }
            decision.assumptions.forEach((assumption) => assumptions.add(assumption));
            const entries = async (found: FoundRequests, newly: "allowed" | "denied") =>
                Promise.all(
                    withoutRepeats(found.classes).map((found) =>
                        entry(pair.role, kind, found, newly, sides.before.evaluated, sides.after.evaluated, check),
                    ),
                );
            const decided: DecisionChanges = {
                newlyAllowed: await entries(decision.newlyAllowed, "allowed"),
                newlyDenied: await entries(decision.newlyDenied, "denied"),
                possiblyNewlyAllowed: await entries(decision.possiblyNewlyAllowed, "allowed"),
                possiblyNewlyDenied: await entries(decision.possiblyNewlyDenied, "denied"),
                complete: [
                    decision.newlyAllowed,
                    decision.newlyDenied,
                    decision.possiblyNewlyAllowed,
                    decision.possiblyNewlyDenied,
                ].every((found) => found.complete),
            };
            changes[kind].push(decided);
            if (decided.possiblyNewlyAllowed.length > 0) {
                const reason =
                    `${which}: requests may be newly allowed, depending on ` +
                    [
                        ...decision.unknown.map((unknown) => `the text of ${unknown.name} (${unknown.reason})`),
                        ...decision.readings.map((reading) => reading.question),
                    ].join(" and ");
                unevaluated.push(reason);
                possiblyBroadening.push(reason);
            }
            for (const list of [decided.newlyAllowed, decided.newlyDenied, decided.possiblyNewlyAllowed]) {
                for (const found of list) {
                    if (found.evaluator.outcome === "disagrees") {
                        unevaluated.push(
                            `the proof and the IAM evaluator disagree on ${describeWitness(found.witness)}: ${found.evaluator.said}`,
                        );
                    }
                }
            }
            if (!decided.complete) {
                notes.push(`${which}: the proof found more classes of requests than it lists`);
            }
        }
        for (const access of [pair.before, pair.after]) {
            unevaluated.push(...(access?.undecided ?? []).filter((reason) => !unevaluated.includes(reason)));
        }
        narrowing.push(...boundaryAdded(pair));
        notes.push(...partitionNote(pair));
    }
    const merged = (kind: PolicyKind): DecisionChanges =>
        changes[kind].reduce(
            (all, next) => ({
                newlyAllowed: [...all.newlyAllowed, ...next.newlyAllowed],
                newlyDenied: [...all.newlyDenied, ...next.newlyDenied],
                possiblyNewlyAllowed: [...all.possiblyNewlyAllowed, ...next.possiblyNewlyAllowed],
                possiblyNewlyDenied: [...all.possiblyNewlyDenied, ...next.possiblyNewlyDenied],
                complete: all.complete && next.complete,
            }),
            NO_CHANGES,
        );
    const permissions = merged("identity");
    const trust = merged("trust");
    const provedBroadening = permissions.newlyAllowed.length > 0 || trust.newlyAllowed.length > 0;
    return {
        broadening: provedBroadening || unevaluated.length > 0,
        decidedBy: provedBroadening || unevaluated.length === 0 ? "proof" : "undecided",
        permissions,
        trust,
        unevaluated,
        possiblyBroadening,
        narrowing,
        assumptions: [...assumptions],
        notes,
        questions,
    };
}

/** The questions answered so far in this process: the same documents always compare the same way. */
const decideOnce = decidedOnce(decideAccess, (answer) => !answer.decided);

/** One side of a question: the proof's policies and the evaluator's texts. */
interface ProofSide {
    readonly side: PolicySide;
    /** The texts for the evaluator; undefined when a text is not known. */
    readonly evaluated?: EvaluatedSide;
    /** What decides access, for telling whether the two sides are the same. */
    readonly texts: readonly (string | { readonly unknown: string })[];
    readonly boundary?: string | { readonly unknown: string };
}

/** The policies of `kind` that decide the role's requests on one side; none where the role does not exist. */
function proofSide(access: RoleAccess | undefined, kind: PolicyKind, side: Side): ProofSide {
    const file = side === "before" ? "the baseline's" : "the new";
    if (!access) {
        return {
            side: { policies: [] },
            evaluated: kind === "identity" ? { kind, policies: [] } : { kind },
            texts: [],
        };
    }
    if (kind === "trust") {
        const set = policySet(
            [{ id: "trust policy", name: `${file} trust policy`, document: access.trustPolicy }],
            "trust",
            side,
        );
        const text = set.texts[0];
        return {
            side: set.set,
            evaluated: typeof text === "string" ? { kind, trustPolicy: text } : undefined,
            texts: set.texts,
        };
    }
    const policies = policySet(access.permissionPolicies, "identity", side);
    const boundary = access.boundaryPolicy && policySet([access.boundaryPolicy], "identity", side);
    const known = (texts: readonly (string | { unknown: string })[]) =>
        texts.every((text): text is string => typeof text === "string");
    const boundaryText = boundary?.texts[0];
    return {
        side: { ...policies.set, boundary: boundary?.set },
        evaluated:
            known(policies.texts) && (boundaryText === undefined || typeof boundaryText === "string")
                ? { kind, policies: policies.texts, boundary: boundaryText }
                : undefined,
        texts: policies.texts,
        boundary: boundaryText,
    };
}

function policySet(
    attached: readonly AttachedPolicy[],
    kind: PolicyKind,
    side: Side,
): { set: PolicySet; texts: (string | { unknown: string })[] } {
    const file = side === "before" ? "the baseline's" : "the new";
    const set: { policies: ReturnType<typeof parsePolicy>[]; unknown: UnknownPolicy[] } = { policies: [], unknown: [] };
    const texts: (string | { unknown: string })[] = [];
    for (const policy of attached) {
        const document = policy.document;
        if (document.state === "known" && typeof document.value === "string") {
            set.policies.push(parsePolicy(`${file} ${policy.name}`, document.value, kind));
            texts.push(document.value);
        } else if (document.state === "absent") {
            texts.push(JSON.stringify({ Version: "2012-10-17", Statement: [] }));
        } else {
            // Known only after apply: it may differ on each side. Held by neither file: the same
            // ARN is the same text on both.
            const id = policy.unknownBecause ? policy.id : `${side}:${policy.id}`;
            set.unknown.push({
                id,
                name: `${file} ${policy.name}`.replace(/^the (baseline's|new) the /, "the "),
                reason: policy.unknownBecause ?? "it is known only after apply",
            });
            texts.push({ unknown: id });
        }
    }
    return { set, texts };
}

/** Whether the two sides hold the same policies, as policies, and the same boundary. */
function sameAccess(before: ProofSide, after: ProofSide): boolean {
    const same = (a: string | { unknown: string } | undefined, b: string | { unknown: string } | undefined) =>
        a === undefined || b === undefined
            ? a === b
            : typeof a === "string" && typeof b === "string"
              ? equivalentPolicies(a, b)
              : typeof a !== "string" && typeof b !== "string" && a.unknown === b.unknown;
    return (
        before.texts.length === after.texts.length &&
        before.texts.every((text) => after.texts.some((other) => same(text, other))) &&
        after.texts.every((text) => before.texts.some((other) => same(text, other))) &&
        same(before.boundary, after.boundary)
    );
}

async function entry(
    role: string,
    kind: PolicyKind,
    found: RequestClass,
    newly: "allowed" | "denied",
    before: EvaluatedSide | undefined,
    after: EvaluatedSide | undefined,
    check: typeof checkWitness,
): Promise<AccessEntry> {
    return {
        role,
        actions: found.actions,
        actionCount: found.actionCount,
        ...(found.everyActionOf ? { everyActionOf: found.everyActionOf } : {}),
        ...(kind === "identity" ? { resource: found.scope } : { principal: found.scope }),
        context: found.context,
        ...(found.dependsOn ? { dependsOn: found.dependsOn } : {}),
        witness: found.witness,
        // The evaluator reads IAM one way where the class depends on a reading it leaves open.
        evaluator: found.readingDependence
            ? { outcome: "not checked", why: `it holds ${found.readingDependence}, which the evaluator does not model` }
            : await check(found.witness, newly, before, after),
    };
}

/** A witness as a line: `s3:PutObject on arn:aws:s3:::b/x with s3:prefix "a"`. */
export function describeWitness(witness: WitnessRequest): string {
    const context = Object.entries(witness.context)
        .map(([key, value]) => `${key} ${JSON.stringify(value)}`)
        .join(", ");
    const subject = witness.resource !== undefined ? `on ${witness.resource}` : `by ${witness.principal}`;
    return `${witness.action} ${subject}${context ? ` with ${context}` : ""}`;
}

/** A boundary added where there was none can only narrow what the role may do. */
function boundaryAdded(pair: AccessPair): string[] {
    const before = pair.before?.permissionsBoundary;
    const after = pair.after?.permissionsBoundary;
    if (pair.before && before?.state === "absent" && after && after.state !== "absent") {
        const shown = after.state === "known" ? String(after.value) : "(known after apply)";
        return [`the permissions boundary ${shown} is added to ${pair.role}`];
    }
    return [];
}

/** The partitions the ARNs of the role's documents name, on each side: two different ones are two different roles. */
function partitionNote(pair: AccessPair): string[] {
    const partitions = (access: RoleAccess | undefined) => {
        const found = new Set<string>();
        const texts = [access?.trustPolicy, ...(access?.permissionPolicies ?? []).map((policy) => policy.document)];
        for (const value of texts) {
            if (value?.state === "known" && typeof value.value === "string") {
                for (const match of value.value.matchAll(/arn:(aws[a-z-]*):/g)) {
                    found.add(match[1]);
                }
            }
        }
        return found;
    };
    const before = partitions(pair.before);
    const after = partitions(pair.after);
    if (before.size === 0 || after.size === 0 || [...after].every((partition) => before.has(partition))) {
        return [];
    }
    return [
        `the documents of ${pair.role} move from partition ${[...before].join(", ")} to ${[...after].join(", ")}: ` +
            "a role there is another role, in another account, and what it may do there is new",
    ];
}
