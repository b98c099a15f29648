import * as fs from "fs";
import { Baseline, BaselineError } from "./baseline";
import { readPlanFile } from "./planFile";
import { readStackExport } from "./stackExport";

const KINDS = "a plan written by `npm run plan -- --json`, or the output of `pulumi stack export`";

/**
 * Reads the baseline in `file` (either kind) for `stack` of `project`. A file
 * that is missing, is not JSON, is neither kind, or holds another project's or
 * stack's resources is refused with a `BaselineError` that says what to do.
 */
export function readBaseline(file: string, project: string, stack: string): Baseline {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (error) {
        throw new BaselineError(`The baseline ${file} cannot be read: ${(error as Error).message}`);
    }
    let document: unknown;
    try {
        document = JSON.parse(withoutNpmHeader(text));
    } catch (error) {
        throw new BaselineError(`The baseline ${file} is not JSON (${(error as Error).message}). Give ${KINDS}.`);
    }
    const object = (typeof document === "object" && document !== null ? document : {}) as Record<string, unknown>;
    let baseline: Baseline;
    if ("deployment" in object) {
        baseline = {
            file,
            format: "pulumi stack export",
            resources: readStackExport(file, object),
        };
    } else if (Array.isArray(object.steps)) {
        baseline = {
            file,
            format: "offline plan",
            resources: readPlanFile(file, object as { steps: unknown[] }),
        };
    } else {
        throw new BaselineError(`The baseline ${file} is neither ${KINDS}.`);
    }
    checkOwner(baseline, project, stack);
    return baseline;
}

/**
 * The text without the lines npm prints before a script's own output
 * (`> pinpoint-export@0.1.0 plan`, `> ts-node …`), which land in the file when
 * it was written with `npm run plan -- --json > file` rather than `npm run --silent`.
 */
function withoutNpmHeader(text: string): string {
    return text.replace(/^(?:\s*\n|> [^\n]*\n)+(?=\s*\{)/, "");
}

/** The stack and project a URN names: `urn:pulumi:<stack>::<project>::<type>::<name>`. */
function urnOwner(urn: string): { stack: string; project: string } | undefined {
    const match = /^urn:pulumi:([^:]+)::([^:]+)::/.exec(urn);
    return match ? { stack: match[1], project: match[2] } : undefined;
}

function checkOwner(baseline: Baseline, project: string, stack: string): void {
    for (const resource of baseline.resources) {
        const owner = urnOwner(resource.urn);
        if (owner === undefined) {
            throw new BaselineError(
                `The baseline ${baseline.file} has a resource whose URN is not one: ${resource.urn}`,
            );
        }
        if (owner.project !== project) {
            throw new BaselineError(
                `The baseline ${baseline.file} is of the project ${owner.project}, not ${project}: give a baseline of this project.`,
            );
        }
        if (owner.stack !== stack) {
            throw new BaselineError(
                `The baseline ${baseline.file} is of the stack ${owner.stack}, but the plan is for the stack ${stack}: ` +
                    `plan with --stack ${owner.stack}, or give a baseline of ${stack}.`,
            );
        }
    }
}
