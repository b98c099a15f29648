import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { ConstructResult } from "@pulumi/pulumi/provider";
import { ComponentProvider } from "@pulumi/pulumi/provider/experimental";
import { outcomeOf } from "./constructionOutcome";
import { EXPORT_ROLE_TYPE, ExportRole, ExportRoleArgs } from "./exportRole";

/** The outputs construct hands back to the engine: every public output of ExportRole, as the schema lists them. */
export const EXPORT_ROLE_OUTPUTS = [
    "role",
    "policy",
    "attachment",
    "roleArn",
    "roleName",
    "policyArn",
    "s3UrlPrefix",
] as const satisfies readonly (keyof ExportRole)[];

/**
 * The provider name Pulumi's plugin host derives from an npm package name: the
 * scope dropped, every character but letters, digits, `-` and `_` made a `-`.
 */
export function providerNameOf(packageName: string): string {
    return packageName.replace(/^@[^/]*\//, "").replace(/[^-a-zA-Z0-9_]/g, "-");
}

/**
 * The component provider that serves ExportRole to programs in other
 * languages: the SDK's, with its schema, but a construct of its own that
 * always answers.
 *
 * Why: when an input of a resource is an Output that fails, @pulumi/pulumi
 * (3.248.0 and before) rejects the resource's registration but never settles
 * its URN, ID or outputs (runtime/resource.js: prepareResource fails before
 * resolveURN is ever called). The SDK's construct (provider/server.js) then
 * serializes the component's state, which awaits each child's ID and URN, so
 * it waits for good. The SDK's plugin host only answers because its
 * unhandled-rejection handler fails every request in flight, the other
 * ExportRoles of the same program among them, after logging the error a
 * second time with its stack trace. tests/package/construct.test.ts reproduces
 * the first two with a bare resource, and tests/package/pluginHost.test.ts
 * runs the plugin host.
 *
 * ExportRole never gives a child a failing input (checkedSettings.ts), and
 * records how its construction ends (constructionOutcome.ts). This construct
 * awaits that outcome before it hands the state over: a bad late value gives
 * the same InputPropertiesError, listed against each argument, as a bad value
 * given outright, and nothing is left unhandled.
 */
export class ExportRoleProvider extends ComponentProvider {
    /** @param packageDir The directory of this package: its package.json names the provider, its source gives the schema. */
    constructor(packageDir: string) {
        const manifest = JSON.parse(fs.readFileSync(path.join(packageDir, "package.json"), "utf8")) as { name: string };
        super({ dirname: packageDir, name: providerNameOf(manifest.name), components: [ExportRole] });
    }

    /** Builds an ExportRole as the engine asks, and answers once it is built or has failed. */
    public override async construct(
        name: string,
        type: string,
        inputs: pulumi.Inputs,
        options: pulumi.ComponentResourceOptions,
    ): Promise<ConstructResult> {
        if (type !== EXPORT_ROLE_TYPE) {
            throw new Error(`unknown resource type ${type}: this package serves ${EXPORT_ROLE_TYPE} only`);
        }
        const component = new ExportRole(name, inputs as unknown as ExportRoleArgs, options);
        await outcomeOf(component);
        return {
            urn: component.urn,
            state: Object.fromEntries(EXPORT_ROLE_OUTPUTS.map((output) => [output, component[output]])),
        };
    }
}
