import * as pulumi from "@pulumi/pulumi";
import { ExportRoleArgs } from "../components";
import { secretConfigKeys } from "./secretConfigKeys";
import { readStackSettings } from "./stackSettings";

/**
 * The ExportRole arguments this stack's config gives. Values the stack keeps
 * as secrets stay secrets: they reach the resources (and so the state) as
 * secret Outputs, and error messages do not show them.
 */
export function stackExportRoleArgs(): ExportRoleArgs {
    const config = pulumi.runtime.allConfig();
    const { settings, secret } = readStackSettings(config, pulumi.getStack(), secretConfigKeys(Object.keys(config)));
    return Object.fromEntries(
        Object.entries(settings).map(([setting, value]) => [
            setting,
            secret.has(setting as keyof typeof settings) ? pulumi.secret(value) : value,
        ]),
    ) as unknown as ExportRoleArgs;
}
