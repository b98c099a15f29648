import * as pulumi from "@pulumi/pulumi";
import { describeProblem, formatProblems, Problem } from "./validation/violation";

/**
 * The error for bad inputs: one message that lists every problem.
 *
 * It is an `InputPropertiesError`, so the engine shows each problem against its
 * property when the component is built for another language. It also carries
 * the brand of `pulumi.RunError`, which the Node.js program runner checks (with
 * `RunError.isInstance`) to print the message without a stack trace: a user's
 * mistake is not a crash.
 */
export class ExportRoleInputError extends pulumi.InputPropertiesError {
    /** Read by `pulumi.RunError.isInstance`. */
    public readonly __pulumiRunError = true;

    /** The problems, one per bad key or argument. */
    public readonly problems: readonly Problem[];

    /**
     * @param heading The first line, saying whose inputs are bad.
     * @param problems The problems, listed one per line under the heading.
     */
    constructor(heading: string, problems: readonly Problem[]) {
        const message = formatProblems(heading, problems);
        super({
            message,
            errors: problems.map((problem) => ({ propertyPath: problem.key, reason: describeProblem(problem) })),
        });
        this.name = "ExportRoleInputError";
        this.problems = problems;
    }
}
