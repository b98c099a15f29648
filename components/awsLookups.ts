import * as pulumi from "@pulumi/pulumi";
// Single-module imports: loading the whole of @pulumi/aws costs a program about
// 0.1 s at start-up, for thousands of modules this package never uses.
import { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
import { getRegionOutput } from "@pulumi/aws/getRegion";

interface ProviderFacts {
    region?: pulumi.Output<string>;
    accountId?: pulumi.Output<string>;
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

/** The region of `provider` (the default AWS provider when `undefined`). */
export function providerRegion(provider: pulumi.ProviderResource | undefined): pulumi.Output<string> {
    const facts = factsOf(provider);
    facts.region ??= getRegionOutput({}, { provider }).region;
    return facts.region;
}

/** The account of the credentials `provider` uses (the default AWS provider when `undefined`). */
export function callerAccountId(provider: pulumi.ProviderResource | undefined): pulumi.Output<string> {
    const facts = factsOf(provider);
    facts.accountId ??= getCallerIdentityOutput({}, { provider }).accountId;
    return facts.accountId;
}
