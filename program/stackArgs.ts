import * as pulumi from "@pulumi/pulumi";
import { ExportRoleArgs } from "../components";
import { secretConfigKeys } from "./secretConfigKeys";
import { readStackSettings } from "./stackSettings";

/**
 * The ExportRole arguments this stack's config gives. Values the stack keeps
 * as secrets stay secrets: they reach the resources (and so the state) as
 * secret Outputs, and error messages do not show them. A value not known here
 * (the offline plan's secrets and ESC keys) is an unknown Output, as a value
 * known only after apply is in a preview.
 */
export function stackExportRoleArgs(): ExportRoleArgs {
    const config = pulumi.runtime.allConfig();
    const { settings, secret, unknown } = readStackSettings(
        config,
        pulumi.getStack(),
        secretConfigKeys(Object.keys(config)),
    );
    const args: Record<string, unknown> = { ...settings };
    for (const setting of unknown) {
        args[setting] = pulumi.output(pulumi.unknown);
    }
    return Object.fromEntries(
        Object.entries(args).map(([setting, value]) => [
            setting,
            secret.has(setting as keyof typeof settings) ? pulumi.secret(value) : value,
        ]),
    ) as unknown as ExportRoleArgs;
}
