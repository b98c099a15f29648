// The one place where this repository's code uses a part of @pulumi/pulumi
// that the SDK keeps private (hidden from its typings as `@internal`).
//
// Which config keys hold secrets (`pulumi config set --secret`) is known to the
// SDK: the language host passes their names (the engine's ConfigSecretKeys),
// and the public `pulumi.runtime.setAllConfig(config, secretKeys)` sets them for
// tests and the offline plan. But the SDK has no public way to ask for them:
// `pulumi.Config` can only mark a value secret (`getSecret`), whatever the
// stack holds. Its own `isConfigSecret`, in runtime/config, answers; it is
// there from the oldest SDK of the peer range (3.142.0) to the newest
// (3.248.0), and tests/program/secretConfigKeys.test.ts runs against both.
//
// An SDK without it gets an error that says so: a secret must never be shown
// or stored as plain text because the SDK changed.
import * as pulumi from "@pulumi/pulumi";

/**
 * Those of `keys` (fully qualified, e.g. `pinpoint-export:accountId`) whose
 * values the stack holds as secrets.
 */
export function secretConfigKeys(keys: readonly string[]): Set<string> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { isConfigSecret } = require("@pulumi/pulumi/runtime/config") as { isConfigSecret?: unknown };
    if (typeof isConfigSecret !== "function") {
        throw new pulumi.RunError(
            "This version of @pulumi/pulumi does not say which config values are secrets " +
                "(its runtime/config has no isConfigSecret), so the stack program cannot keep them secret. " +
                "Use an @pulumi/pulumi version from 3.142.0 to 3.248.0, and report this to pinpoint-export.",
        );
    }
    return new Set(keys.filter((key) => (isConfigSecret as (key: string) => boolean)(key)));
}
