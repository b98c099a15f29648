import { plainValue } from "../diff/wireValues";
import { BaselineError, BaselineResource, isEngineResource } from "./baseline";

/** The deployment version `pulumi stack export` writes, and the only one read here. */
export const DEPLOYMENT_VERSION = 3;

/**
 * The program's resources in the output of `pulumi stack export`: a deployment
 * of version 3, `{ version, deployment: { manifest, resources: [...] } }`.
 * The stack resource and the providers are left out, and so are resources
 * marked for deletion by an earlier, unfinished replacement.
 */
export function readStackExport(file: string, document: Record<string, unknown>): BaselineResource[] {
    if (document.version !== DEPLOYMENT_VERSION) {
        throw new BaselineError(
            `The baseline ${file} is a deployment of version ${JSON.stringify(document.version)}; the plan reads ` +
                `version ${DEPLOYMENT_VERSION}, which \`pulumi stack export\` writes. Export the stack again with a current CLI.`,
        );
    }
    const deployment = document.deployment as { manifest?: unknown; resources?: unknown } | null;
    if (typeof deployment !== "object" || deployment === null || typeof deployment.manifest !== "object") {
        throw new BaselineError(
            `The baseline ${file} has no deployment manifest: it is not the output of \`pulumi stack export\`.`,
        );
    }
    const resources = deployment.resources ?? [];
    if (!Array.isArray(resources)) {
        throw new BaselineError(`The baseline ${file} has deployment.resources that is not a list.`);
    }
    return resources
        .map((resource, index) => checkedResource(file, resource, index))
        .filter((resource) => !isEngineResource(resource.type) && resource.delete !== true)
        .map((resource) => ({
            urn: resource.urn,
            type: resource.type,
            custom: resource.custom === true,
            parent: resource.parent,
            id: resource.id,
            inputs: plainValue(resource.inputs ?? {}) as Record<string, unknown>,
            outputs: plainValue(resource.outputs ?? {}) as Record<string, unknown>,
            propertyDependencies: resource.propertyDependencies,
        }));
}

interface ExportedResource {
    readonly urn: string;
    readonly type: string;
    readonly custom?: boolean;
    readonly delete?: boolean;
    readonly id?: string;
    readonly parent?: string;
    readonly inputs?: Record<string, unknown>;
    readonly outputs?: Record<string, unknown>;
    readonly propertyDependencies?: Record<string, string[]>;
}

function checkedResource(file: string, resource: unknown, index: number): ExportedResource {
    const candidate = resource as Partial<ExportedResource> | null;
    if (typeof candidate?.urn !== "string" || typeof candidate.type !== "string") {
        throw new BaselineError(
            `The baseline ${file} has a resource without a urn or type (deployment.resources[${index}]).`,
        );
    }
    return candidate as ExportedResource;
}
