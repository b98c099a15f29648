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
    /** Keys whose values are encrypted in the stack file and cannot be read offline. */
    readonly secretKeys: string[];
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
    const secretKeys: string[] = [];
    for (const [key, declaration] of Object.entries(project.config ?? {})) {
        const declared = declarationValue(declaration);
        if (declared !== undefined) {
            config[qualify(key)] = asConfigText(declared);
        }
    }
    for (const [key, value] of Object.entries(stackConfig)) {
        if (isSecure(value)) {
            secretKeys.push(qualify(key));
            config[qualify(key)] = "[secret]";
        } else {
            config[qualify(key)] = asConfigText(value);
        }
    }
    return { project: project.name, stack, config, secretKeys };
}

function readYaml(file: string): unknown {
    try {
        return yaml.load(fs.readFileSync(file, "utf8"));
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

function isSecure(value: unknown): boolean {
    return typeof value === "object" && value !== null && "secure" in value;
}

/** The CLI hands every config value to the program as text; maps and lists as JSON. */
function asConfigText(value: unknown): string {
    return typeof value === "string" ? value : JSON.stringify(value);
}
