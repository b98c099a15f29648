// What the repository's review says of a change the real engine previewed.
// The review command of the review issue is not there yet: until it lands,
// the review is the offline plan's `--against` the stack's `pulumi stack
// export`, on the stack file after the change, invoked as a user does (`npm
// run plan`), so that moving the plan's modules does not break it. When the
// review command lands, it reads the engine's `pulumi preview --json` itself:
// only the body of reviewChange changes, not the tests that call it.
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
    /** The steps that change something, as `<op> <urn>` lines (see changedOps). */
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
    readonly accessChanges: {
        readonly broadening: boolean;
        readonly verdict: string;
        readonly permissions?: { readonly newlyAllowed?: readonly { readonly resource: string }[] };
    };
}

/** Reviews a change the engine previewed (for now, by planning it offline against the stack export). */
export async function reviewChange(change: PreviewedChange): Promise<ReviewVerdict> {
    const args = ["--stack", change.stack, "--config-file", change.stackFile, "--against", change.stackExport];
    const result = await run("npm", ["run", "plan", "--silent", "--", ...args, "--json"], PROJECT_DIR);
    assert.equal(result.code, 0, `npm run plan -- ${args.join(" ")} --json failed:\n${result.stderr}`);
    const plan = JSON.parse(result.stdout) as PlanAgainstJson;
    return {
        ops: changedOps(plan.steps),
        broadening: plan.accessChanges.broadening,
        verdict: plan.accessChanges.verdict,
        newlyAllowedResources: [
            ...new Set((plan.accessChanges.permissions?.newlyAllowed ?? []).map((entry) => entry.resource)),
        ].sort(),
    };
}
