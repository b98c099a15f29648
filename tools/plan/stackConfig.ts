import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";

/** What the offline plan knows of a project and one of its stacks. */
export interface StackConfig {
    /** The project name from `Pulumi.yaml`. */
    readonly project: string;
    /** The stack name. */
    readonly stack: string;
    /** Fully qualified keys to values as the Pulumi CLI hands them to a program: text. */
    readonly config: Record<string, string>;
}

/** A problem with the project or stack files themselves. */
export class StackFileError extends Error {}

/**
 * The config a `pulumi up` of `stack` would give the program: the defaults and
 * values declared in `Pulumi.yaml`, overridden by `Pulumi.<stack>.yaml` (or by
 * `configFile`, like the CLI's `--config-file`).
 */
export function readStackConfig(projectDir: string, stack: string, configFile?: string): StackConfig {
    const project = readYaml(path.join(projectDir, "Pulumi.yaml")) as {
        name?: string;
        config?: Record<string, unknown>;
    };
    if (typeof project?.name !== "string") {
        throw new StackFileError("Pulumi.yaml has no project name.");
    }
    const stackFile = configFile ?? path.join(projectDir, `Pulumi.${stack}.yaml`);
    if (!fs.existsSync(stackFile)) {
        const stacks = fs
            .readdirSync(projectDir)
            .map((file) => /^Pulumi\.(.+)\.yaml$/.exec(file)?.[1])
            .filter(Boolean);
        throw new StackFileError(
            `There is no ${path.basename(stackFile)}. Stacks with a config file here: ${stacks.join(", ") || "none"}.`,
        );
    }
    const stackConfig = (readYaml(stackFile) as { config?: Record<string, unknown> } | null)?.config ?? {};

    const qualify = (key: string) => (key.includes(":") ? key : `${project.name}:${key}`);
    const config: Record<string, string> = {};
    const required: string[] = [];
    for (const [key, declaration] of Object.entries(project.config ?? {})) {
        const declared = declarationValue(declaration);
        if (declared !== undefined) {
            config[qualify(key)] = asConfigText(declared);
        } else if (isSchema(declaration)) {
            required.push(qualify(key));
        }
    }
    const secure: string[] = [];
    for (const [key, value] of Object.entries(stackConfig)) {
        if (isSecure(value)) {
            secure.push(qualify(key));
        } else {
            config[qualify(key)] = asConfigText(value);
        }
    }
    if (secure.length > 0) {
        throw new StackFileError(
            `${path.basename(stackFile)} holds encrypted values (${secure.join(", ")}), which only the Pulumi CLI ` +
                "can decrypt. Plan with a config file without them (--config-file), or run `pulumi preview`.",
        );
    }
    // As the CLI does before it runs the program: a declared key without a default must be set.
    const missing = required.filter((key) => config[key] === undefined);
    if (missing.length > 0) {
        throw new StackFileError(
            `Stack "${stack}" is missing configuration values ${missing.join(", ")}: set them with ` +
                missing.map((key) => `\`pulumi config set ${key} <value>\``).join(" and ") +
                ` (or in ${path.basename(stackFile)}).`,
        );
    }
    return { project: project.name, stack, config };
}

// The Pulumi CLI reads a config scalar as the text it is written as (Go's YAML
// decoders keep the literal text when they decode into a string), so an
// unquoted 012345678901 stays 012345678901. js-yaml's default schema would make
// it the number 12345678901: the failsafe schema keeps every scalar as text.
function readYaml(file: string): unknown {
    try {
        return yaml.load(fs.readFileSync(file, "utf8"), { schema: yaml.FAILSAFE_SCHEMA });
    } catch (error) {
        throw new StackFileError(`${path.basename(file)} cannot be read: ${(error as Error).message}`);
    }
}

/** A `Pulumi.yaml` config entry is a plain value, `{ value }`, or a schema with an optional `default`. */
function declarationValue(declaration: unknown): unknown {
    if (typeof declaration !== "object" || declaration === null || Array.isArray(declaration)) {
        return declaration;
    }
    const entry = declaration as Record<string, unknown>;
    return "value" in entry ? entry.value : entry.default;
}

/** A structured declaration (`type`, `description`, …) rather than a plain value. */
function isSchema(declaration: unknown): boolean {
    return typeof declaration === "object" && declaration !== null && "type" in declaration;
}

function isSecure(value: unknown): boolean {
    return typeof value === "object" && value !== null && "secure" in value;
}

/** The CLI hands every config value to the program as text; maps and lists as JSON. */
function asConfigText(value: unknown): string {
    return typeof value === "string" ? value : JSON.stringify(value);
}
