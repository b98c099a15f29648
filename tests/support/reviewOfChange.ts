// What the repository's review says of a change the real engine previewed:
// `pinpoint-export-review` reads the engine's own `pulumi preview --json`, as a
// consumer's CI does, and the offline plan plans the same change against the
// stack's `pulumi stack export`, so that a test can hold the plan's ops to the
// engine's. Both run as a user runs them (`npm run review`, `npm run plan`).
import { strict as assert } from "assert";
import { PROJECT_DIR } from "../../tools/projectDir";
import { run } from "./pulumiEngine";
import { changedOps, PreviewStep } from "./standInEngine";

/** A change to a stack, as the engine saw it and as the review needs it. */
export interface PreviewedChange {
    /** The file holding the engine's `pulumi preview --json` of the change. */
    readonly previewJson: string;
    /** The file holding `pulumi stack export` of the stack before the change. */
    readonly stackExport: string;
    /** The stack file after the change, and its stack's name. */
    readonly stackFile: string;
    readonly stack: string;
}

/** The review's verdict on a change. */
export interface ReviewVerdict {
    /** The offline plan's steps that change something, against the stack export, as `<op> <urn>` lines. */
    readonly ops: readonly string[];
    /** Whether the change lets the role do something it could not do before. */
    readonly broadening: boolean;
    /** The review's sentence for it. */
    readonly verdict: string;
    /** The S3 resources of the requests newly allowed. */
    readonly newlyAllowedResources: readonly string[];
}

interface PlanAgainstJson {
    readonly steps: readonly PreviewStep[];
}

interface ReviewJson {
    readonly verdict: string;
    readonly broadensUnaccepted: boolean;
    readonly roles: readonly {
        readonly classes: readonly { readonly mark: string; readonly scope: string }[];
    }[];
}

/**
 * Reviews a change the engine previewed: the review of its `pulumi preview --json`, and the ops
 * of the offline plan against the stack export before it.
 */
export async function reviewChange(change: PreviewedChange): Promise<ReviewVerdict> {
    const reviewArgs = ["--preview", change.previewJson, "--format", "json"];
    const reviewed = await run("npm", ["run", "review", "--silent", "--", ...reviewArgs], PROJECT_DIR);
    assert.equal(reviewed.code, 0, `npm run review -- ${reviewArgs.join(" ")} failed:\n${reviewed.stderr}`);
    const review = JSON.parse(reviewed.stdout) as ReviewJson;
    const args = ["--stack", change.stack, "--config-file", change.stackFile, "--against", change.stackExport];
    const result = await run("npm", ["run", "plan", "--silent", "--", ...args, "--json"], PROJECT_DIR);
    assert.equal(result.code, 0, `npm run plan -- ${args.join(" ")} --json failed:\n${result.stderr}`);
    const plan = JSON.parse(result.stdout) as PlanAgainstJson;
    return {
        ops: changedOps(plan.steps),
        broadening: review.broadensUnaccepted,
        verdict: review.verdict,
        newlyAllowedResources: [
            ...new Set(
                review.roles.flatMap((role) =>
                    role.classes.filter((entry) => entry.mark === "+").map((entry) => entry.scope),
                ),
            ),
        ].sort(),
    };
}
