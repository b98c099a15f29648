// This package's component provider, the one Pulumi's plugin host serves
// when another program runs `pulumi package add` on this repository
// (components/pluginHost.ts): ExportRole, under the provider name of
// package.json's name.
import * as path from "path";
import { ExportRoleProvider } from "../../components/exportRoleProvider";
import { PROJECT_DIR } from "../projectDir";

/** Where `npm run schema` writes the schema, for review and for the schema test to compare. */
export const SCHEMA_FILE = path.join(PROJECT_DIR, "schema.json");

/** The provider that serves ExportRole to other languages. */
export function componentProvider(): ExportRoleProvider {
    return new ExportRoleProvider(PROJECT_DIR);
}

/**
 * The package schema, as `pulumi package add` gets it. Pulumi's analyzer reads
 * the TypeScript source for it: argument and output types, and the doc
 * comments as descriptions.
 */
export async function packageSchema(provider: ExportRoleProvider = componentProvider()): Promise<PackageSchema> {
    return JSON.parse(await provider.getSchema()) as PackageSchema;
}

/** The parts of a Pulumi package schema that this package's tests read. */
export interface PackageSchema {
    readonly name: string;
    readonly version: string;
    readonly description?: string;
    readonly resources: Readonly<Record<string, ResourceSchema>>;
    readonly types: Readonly<Record<string, unknown>>;
    readonly dependencies?: readonly { readonly name: string; readonly version: string }[];
}

/** One resource (here, a component) of a package schema. */
export interface ResourceSchema {
    readonly isComponent?: boolean;
    readonly description?: string;
    readonly inputProperties: Readonly<Record<string, PropertySchema>>;
    readonly requiredInputs?: readonly string[];
    readonly properties: Readonly<Record<string, PropertySchema>>;
    readonly required?: readonly string[];
}

/** One input or output property of a resource schema. */
export interface PropertySchema {
    readonly type?: string;
    readonly $ref?: string;
    readonly additionalProperties?: PropertySchema;
    readonly items?: PropertySchema;
    readonly optional?: boolean;
    readonly plain?: boolean;
    readonly description?: string;
}
