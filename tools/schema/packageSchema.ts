// The package schema, as Pulumi's analyzer derives it from the TypeScript
// source (argument and output types, doc comments as descriptions), which
// `npm run schema` writes to schema.json for ExportRoleProvider to serve.
// The analyzer is @pulumi/pulumi's provider/experimental, which this
// repository's SDK has and the oldest SDK of the peer range lacks: it runs
// here, when the schema is made, and never in the library or the plugin.
import * as fs from "fs";
import * as path from "path";
import { ComponentProvider } from "@pulumi/pulumi/provider/experimental";
import { ExportRole } from "../../components/exportRole";
import { PROJECT_DIR } from "../projectDir";

/** Where `npm run schema` writes the schema, for ExportRoleProvider to serve and the schema test to compare. */
export const SCHEMA_FILE = path.join(PROJECT_DIR, "schema.json");

/**
 * The provider name Pulumi's plugin host derives from an npm package name: the
 * scope dropped, every character but letters, digits, `-` and `_` made a `-`.
 */
export function providerNameOf(packageName: string): string {
    return packageName.replace(/^@[^/]*\//, "").replace(/[^-a-zA-Z0-9_]/g, "-");
}

/**
 * The package schema, as Pulumi's analyzer reads it from the TypeScript
 * source, starting from index.ts (CONTRIBUTING.md, "Packaging", where it
 * says where the analyzer starts). Takes a second or two.
 */
export async function packageSchema(): Promise<PackageSchema> {
    const manifest = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "package.json"), "utf8")) as { name: string };
    const analyzer = new ComponentProvider({
        dirname: PROJECT_DIR,
        name: providerNameOf(manifest.name),
        components: [ExportRole],
    });
    return JSON.parse(await analyzer.getSchema()) as PackageSchema;
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
