import * as pulumi from "@pulumi/pulumi";
// Single-module imports: loading the whole of @pulumi/aws costs a program about
// 0.1 s at start-up, for thousands of modules this package never uses.
import { getCallerIdentity } from "@pulumi/aws/getCallerIdentity";
import { getRegion } from "@pulumi/aws/getRegion";

/**
 * Why AWS could not tell a fact about a provider: the lookup that failed and
 * the error it gave. Plain data, as the SDK copies the values of Outputs.
 */
export interface LookupFailure {
    /** The AWS call that was made, as a person knows it, e.g. `sts:GetCallerIdentity`. */
    readonly failedLookup: string;
    /** The error the AWS provider gave, as the engine passed it on, on one line. */
    readonly reason: string;
}

/** Whether a value is a {@link LookupFailure} rather than the fact. */
export function isLookupFailure(value: unknown): value is LookupFailure {
    return typeof value === "object" && value !== null && "failedLookup" in value && "reason" in value;
}

/** A fact about a provider: its value (unknown in a preview that cannot know it), or why it could not be had. */
export type LookedUp = pulumi.Output<string | undefined | LookupFailure>;

interface ProviderFacts {
    region?: LookedUp;
    accountId?: LookedUp;
}

// Facts about a provider do not change while a program runs, so each is asked
// of AWS once per provider per program, however many ExportRoles need it.
// Programs are told apart by their resource monitor: one per `pulumi up`, one
// per `setMocks` in tests, one per construct call in a component provider.
const factsByProgram = new WeakMap<object, Map<pulumi.ProviderResource | undefined, ProviderFacts>>();

function factsOf(provider: pulumi.ProviderResource | undefined): ProviderFacts {
    const monitor = pulumi.runtime.getMonitor() ?? factsByProgram;
    let byProvider = factsByProgram.get(monitor);
    if (!byProvider) {
        byProvider = new Map();
        factsByProgram.set(monitor, byProvider);
    }
    let facts = byProvider.get(provider);
    if (!facts) {
        facts = {};
        byProvider.set(provider, facts);
    }
    return facts;
}

/**
 * A lookup whose failure is a value, not a rejection. A rejected Output fails
 * every resource built from it, and the SDK then reports it once per resource,
 * with a stack trace; as a value, the setting's check reports it once, with
 * what to do. (These are the promise forms of the invokes: the oldest SDK this
 * package supports has no public way to catch a failed Output.)
 */
function lookedUp<T>(lookup: string, answer: Promise<T>, fact: (result: T) => string | undefined): LookedUp {
    return pulumi.output(
        answer.then(fact, (error: unknown): LookupFailure => ({ failedLookup: lookup, reason: reasonOf(error) })),
    );
}

/** The engine's text for a failed invoke, on one line; the SDK puts it in the error's message. */
function reasonOf(error: unknown): string {
    const text = error instanceof Error ? error.message : String(error);
    return text.replace(/\s+/g, " ").trim() || "(no reason given)";
}

/** The region of `provider` (the default AWS provider when `undefined`). */
export function providerRegion(provider: pulumi.ProviderResource | undefined): LookedUp {
    const facts = factsOf(provider);
    facts.region ??= lookedUp("the AWS provider's getRegion", getRegion({}, { provider }), (result) => result.region);
    return facts.region;
}

/** The account of the credentials `provider` uses (the default AWS provider when `undefined`). */
export function callerAccountId(provider: pulumi.ProviderResource | undefined): LookedUp {
    const facts = factsOf(provider);
    facts.accountId ??= lookedUp(
        "sts:GetCallerIdentity",
        getCallerIdentity({}, { provider }),
        (result) => result.accountId,
    );
    return facts.accountId;
}
