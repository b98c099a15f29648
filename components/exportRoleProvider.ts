import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { ConstructResult, Provider } from "@pulumi/pulumi/provider";
import { checksOf, EXPORT_ROLE_TYPE, ExportRole, ExportRoleArgs } from "./exportRole";
import { ExportRoleInputError } from "./exportRoleInputError";
import { describeProblem } from "./validation/violation";

/** The parts of the package schema this provider reads. */
interface PackageSchema {
    readonly version: string;
    readonly resources: Readonly<Record<string, { readonly properties: Readonly<Record<string, unknown>> }>>;
}

/**
 * The component provider that serves ExportRole to programs in other
 * languages (`pulumi package add`), written against the SDK's public
 * `Provider` interface, as old as the peer range.
 *
 * Its schema is the committed schema.json, which `npm run schema` generates
 * with Pulumi's analyzer and the schema test holds equal to it; construct
 * hands back the outputs that schema lists.
 *
 * Why construct awaits the checks: when an input of a resource is an Output
 * that fails, @pulumi/pulumi (3.142.0 to 3.248.0) rejects the resource's
 * registration but never settles its URN, ID or outputs
 * (runtime/resource.js: prepareResource fails before resolveURN is ever
 * called). The SDK's provider server serializes the state construct returns,
 * which awaits each child's URN, so it would wait for good; only the
 * server's unhandled-rejection handler answers, by failing every request in
 * flight. tests/package/construct.test.ts reproduces this with a bare
 * resource. ExportRole never gives a child a failing input (checkedSettings.ts):
 * a failed check leaves the children unregistered and rejects the checks'
 * outcome (`checksOf`), which this construct awaits, so the engine gets the
 * same InputPropertiesError, listed against each argument, as for a bad value
 * given outright.
 */
export class ExportRoleProvider implements Provider {
    /** The package's version, as the schema states it. */
    public readonly version: string;
    /** The package schema, as schema.json holds it. */
    public readonly schema: string;
    /** The outputs construct hands back: those the schema lists. */
    private readonly outputs: readonly string[];

    /** @param packageDir The directory of this package, which holds schema.json. */
    constructor(packageDir: string) {
        this.schema = fs.readFileSync(path.join(packageDir, "schema.json"), "utf8");
        const schema = JSON.parse(this.schema) as PackageSchema;
        this.version = schema.version;
        this.outputs = Object.keys(schema.resources[EXPORT_ROLE_TYPE].properties);
    }

    /** Builds an ExportRole as the engine asks, and answers once its checks have passed or failed. */
    public async construct(
        name: string,
        type: string,
        inputs: pulumi.Inputs,
        options: pulumi.ComponentResourceOptions,
    ): Promise<ConstructResult> {
        if (type !== EXPORT_ROLE_TYPE) {
            throw new Error(`unknown resource type ${type}: this package serves ${EXPORT_ROLE_TYPE} only`);
        }
        try {
            const component = new ExportRole(name, inputs as unknown as ExportRoleArgs, options);
            await checksOf(component);
            const properties = component as unknown as Readonly<Record<string, unknown>>;
            return {
                urn: component.urn,
                state: Object.fromEntries(this.outputs.map((output) => [output, properties[output]])),
            };
        } catch (error) {
            throw error instanceof ExportRoleInputError ? listedByArgument(error) : error;
        }
    }
}

/** The problems as the engine shows them to a program in another language: each against its argument. */
function listedByArgument(error: ExportRoleInputError): pulumi.InputPropertiesError {
    return new pulumi.InputPropertiesError({
        message: error.message,
        errors: error.problems.map((problem) => ({ propertyPath: problem.key, reason: describeProblem(problem) })),
    });
}
