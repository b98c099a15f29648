// This package's component provider, built the way Pulumi's plugin host
// (@pulumi/pulumi's cmd/run-plugin) builds it when another program runs
// `pulumi package add` on this repository: the components are the
// ComponentResource classes the library entry exports, and the provider name
// is package.json's name.
import * as fs from "fs";
import * as path from "path";
import { ComponentProvider, getPulumiComponents } from "@pulumi/pulumi/provider/experimental";
import * as library from "../../components";
import { PROJECT_DIR } from "../projectDir";

/** Where `npm run schema` writes the schema, for review and for the schema test to compare. */
export const SCHEMA_FILE = path.join(PROJECT_DIR, "schema.json");

/**
 * The provider name the plugin host derives from an npm package name: the
 * scope dropped, every character but letters, digits, `-` and `_` made a `-`.
 */
export function providerNameOf(packageName: string): string {
    return packageName.replace(/^@[^/]*\//, "").replace(/[^-a-zA-Z0-9_]/g, "-");
}

/** The provider that serves the library's components to other languages. */
export function componentProvider(): ComponentProvider {
    const manifest = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "package.json"), "utf8")) as { name: string };
    return new ComponentProvider({
        dirname: PROJECT_DIR,
        name: providerNameOf(manifest.name),
        components: getPulumiComponents(library),
    });
}

/**
 * The package schema, as `pulumi package add` gets it. Pulumi's analyzer reads
 * the TypeScript source for it: argument and output types, and the doc
 * comments as descriptions.
 */
export async function packageSchema(provider: ComponentProvider = componentProvider()): Promise<PackageSchema> {
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
