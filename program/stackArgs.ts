import * as pulumi from "@pulumi/pulumi";
import { ExportRoleArgs } from "../components";
import { readStackSettings } from "./stackSettings";

// @pulumi/pulumi keeps this out of its typings. It is how the SDK itself knows
// which config keys the stack holds as secrets (`pulumi config set --secret`).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { isConfigSecret } = require("@pulumi/pulumi/runtime/config") as { isConfigSecret: (key: string) => boolean };

/**
 * The ExportRole arguments this stack's config gives. Values the stack keeps
 * as secrets stay secrets: they reach the resources (and so the state) as
 * secret Outputs, and error messages do not show them.
 */
export function stackExportRoleArgs(): ExportRoleArgs {
    const config = pulumi.runtime.allConfig();
    const secretKeys = new Set(Object.keys(config).filter((key) => isConfigSecret(key)));
    const { settings, secret } = readStackSettings(config, pulumi.getStack(), secretKeys);
    return Object.fromEntries(
        Object.entries(settings).map(([setting, value]) => [
            setting,
            secret.has(setting as keyof typeof settings) ? pulumi.secret(value) : value,
        ]),
    ) as unknown as ExportRoleArgs;
}
