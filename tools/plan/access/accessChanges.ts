// Whether an update changes what Amazon Pinpoint can do with the export role,
// decided by evaluating the old and the new documents on the same requests,
// not by reading their text.
import { PropertyValue } from "../diff/decideStep";
import { equivalentPolicies } from "../diff/policyEquivalence";
import { Decision, decideAssumeRole, decideWithBoundary } from "./iamEvaluator";
import { permissionRequests, SummarisedRequest, trustRequests } from "./requestSet";
import { AccessPair } from "./roleAccess";

/** Requests of the role that the update lets through or stops, summarised: the actions on one resource in one context. */
export interface PermissionEntry {
    readonly actions: readonly string[];
    /** The resource or the pattern of resources, e.g. `arn:aws:s3:::b/Exports/*`. */
    readonly resource: string;
    /** The context of the requests, e.g. a listing's prefix and delimiter; empty if none. */
    readonly context: string;
}

/** Requests to assume the role that the update lets through or stops: one principal in one context. */
export interface TrustEntry {
    readonly actions: readonly string[];
    /** Who asks, e.g. `pinpoint.amazonaws.com`. */
    readonly principal: string;
    /** The source account and ARN it asks with, or that it sends none. */
    readonly context: string;
}

/** What changes for one kind of policy. */
export interface DecisionChanges<Entry> {
    readonly newlyAllowed: readonly Entry[];
    readonly newlyDenied: readonly Entry[];
}

/** The access changes of an update. */
export interface AccessChanges {
    /** Whether anything is newly allowed, or a safeguard the evaluation cannot see through is weakened or unknown. */
    readonly broadening: boolean;
    readonly permissions: DecisionChanges<PermissionEntry>;
    readonly trust: DecisionChanges<TrustEntry>;
    /** Why it broadens besides what is newly allowed: a boundary removed or changed, a document not known. */
    readonly unevaluated: readonly string[];
    /** Safeguards added, which can only narrow access. */
    readonly narrowing: readonly string[];
    /** How many requests were evaluated, each on the old and the new document. */
    readonly requestCount: number;
}

const EMPTY_POLICY = JSON.stringify({ Version: "2012-10-17", Statement: [] });

/** Evaluates the old and new documents of every pair on one set of requests each, and summarises what changes. */
export async function compareAccess(pairs: readonly AccessPair[]): Promise<AccessChanges> {
    const unevaluated: string[] = [];
    const narrowing: string[] = [];
    const permissions: Changed[] = [];
    const trust: Changed[] = [];
    let requestCount = 0;
    for (const pair of pairs) {
        const documents = {
            permission: [pair.before.permissionPolicy, pair.after.permissionPolicy],
            trust: [pair.before.trustPolicy, pair.after.trustPolicy],
        } as const;
        for (const kind of ["permission", "trust"] as const) {
            const [before, after] = documents[kind].map(asText);
            const which = `the ${kind} policy of ${pair.role}`;
            if (before === undefined || after === undefined) {
                unevaluated.push(
                    `${before === undefined ? "the baseline's" : "the new"} ${kind} policy of ${pair.role} is not known ` +
                        "(it is known only after apply), so it cannot be evaluated",
                );
            } else if (!equivalentPolicies(before, after)) {
                try {
                    const changed = await evaluated(kind, before, after);
                    (kind === "permission" ? permissions : trust).push(...changed.changed);
                    requestCount += changed.requestCount;
                } catch (error) {
                    unevaluated.push(`the evaluator cannot read ${which}: ${(error as Error).message}`);
                }
            }
        }
        boundaryChange(pair, unevaluated, narrowing);
    }
    const changes = {
        permissions: {
            newlyAllowed: summarise(permissions, true).map(({ scope, ...entry }) => ({ ...entry, resource: scope })),
            newlyDenied: summarise(permissions, false).map(({ scope, ...entry }) => ({ ...entry, resource: scope })),
        },
        trust: {
            newlyAllowed: summarise(trust, true).map(({ scope, ...entry }) => ({ ...entry, principal: scope })),
            newlyDenied: summarise(trust, false).map(({ scope, ...entry }) => ({ ...entry, principal: scope })),
        },
    };
    return {
        broadening:
            unevaluated.length > 0 ||
            changes.permissions.newlyAllowed.length > 0 ||
            changes.trust.newlyAllowed.length > 0,
        ...changes,
        unevaluated,
        narrowing,
        requestCount,
    };
}

/** The comparisons made so far in this process: the same documents always compare the same way. */
const comparisons = new Map<string, Promise<{ changed: Changed[]; requestCount: number }>>();

/** The requests whose decision changes from `before` to `after`, evaluated once per process. */
function evaluated(kind: "permission" | "trust", before: string, after: string) {
    const key = JSON.stringify([kind, before, after]);
    let comparison = comparisons.get(key);
    if (comparison === undefined) {
        comparison = kind === "permission" ? permissionChanges(before, after) : trustChanges(before, after);
        comparisons.set(key, comparison);
    }
    return comparison;
}

/** A request whose decision changes: now allowed, or now denied. */
interface Changed {
    readonly action: string;
    readonly scope: string;
    readonly context: string;
    readonly allowed: boolean;
}

function changedDecisions<Request>(
    requests: readonly SummarisedRequest<Request>[],
    decisions: readonly (readonly [Decision, Decision])[],
    actionOf: (request: Request) => string,
): Changed[] {
    return requests.flatMap(({ request, scope, context }, index) => {
        const [before, after] = decisions[index].map((decision) => decision === "Allowed");
        return before === after ? [] : [{ action: actionOf(request), scope, context, allowed: after }];
    });
}

async function permissionChanges(before: string, after: string): Promise<{ changed: Changed[]; requestCount: number }> {
    const requests = permissionRequests([before, after]);
    // One evaluation decides both: the old document as the role's policy, the new one as its
    // boundary; the evaluator analyses each on its own.
    const decisions = await Promise.all(
        requests.map(async ({ request }) => {
            const decided = await decideWithBoundary(before, after, request);
            return [decided.policy, decided.boundary] as const;
        }),
    );
    return {
        changed: changedDecisions(requests, decisions, (request) => request.action),
        requestCount: requests.length,
    };
}

async function trustChanges(before: string, after: string): Promise<{ changed: Changed[]; requestCount: number }> {
    const requests = trustRequests([before, after]);
    const decisions = await Promise.all(
        requests.map(({ request }) =>
            Promise.all([decideAssumeRole(before, request), decideAssumeRole(after, request)] as const),
        ),
    );
    return { changed: changedDecisions(requests, decisions, () => "sts:AssumeRole"), requestCount: requests.length };
}

/**
 * A permissions boundary only ever narrows what the policies allow, and the
 * evaluation cannot see through it: removing or changing one broadens access
 * as far as this plan can tell, adding one narrows it.
 */
function boundaryChange(pair: AccessPair, unevaluated: string[], narrowing: string[]): void {
    const before = pair.before.permissionsBoundary;
    const after = pair.after.permissionsBoundary;
    const shown = (value: PropertyValue) => (value.state === "known" ? String(value.value) : "(known after apply)");
    if (before.state === "absent") {
        if (after.state !== "absent") {
            narrowing.push(`the permissions boundary ${shown(after)} is added to ${pair.role}`);
        }
        return;
    }
    if (after.state === "absent") {
        unevaluated.push(`the permissions boundary ${shown(before)} is removed from ${pair.role}`);
    } else if (after.state !== "known" || before.state !== "known" || before.value !== after.value) {
        unevaluated.push(
            `the permissions boundary of ${pair.role} changes from ${shown(before)} to ${shown(after)}, ` +
                "and the evaluation cannot see through a boundary",
        );
    }
}

/** A document as text to evaluate: an absent one has no statements; `undefined` when it is not known. */
function asText(value: PropertyValue): string | undefined {
    if (value.state === "absent") {
        return EMPTY_POLICY;
    }
    return value.state === "known" && typeof value.value === "string" ? value.value : undefined;
}

/** The requests now allowed (or now denied) as one entry per scope and context, with all their actions. */
function summarise(
    changed: readonly Changed[],
    allowed: boolean,
): { actions: string[]; scope: string; context: string }[] {
    const entries = new Map<string, { scope: string; context: string; actions: Set<string> }>();
    for (const { action, scope, context } of changed.filter((change) => change.allowed === allowed)) {
        const key = JSON.stringify([scope, context]);
        const entry = entries.get(key) ?? { scope, context, actions: new Set<string>() };
        entry.actions.add(action);
        entries.set(key, entry);
    }
    return [...entries.values()]
        .map((entry) => ({ actions: [...entry.actions].sort(), scope: entry.scope, context: entry.context }))
        .sort((a, b) => a.scope.localeCompare(b.scope) || a.context.localeCompare(b.context));
}
