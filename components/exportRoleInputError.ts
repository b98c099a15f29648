import * as pulumi from "@pulumi/pulumi";
import { formatProblems, Problem } from "./validation/violation";

/**
 * The error for bad arguments of ExportRole, and of the policy builders the
 * library exports: one message that lists every problem, each
 * naming the argument, showing its value, stating the rule and, where there is
 * an obvious one, the fix.
 *
 * It is a `pulumi.RunError`, which the Pulumi program runner prints as its
 * message alone, without a stack trace: a user's mistake is not a crash. A
 * program in another language gets the same problems listed against each
 * argument.
 */
export class ExportRoleInputError extends pulumi.RunError {
    /** The problems, one per bad argument, in the order the message lists them. */
    public readonly problems: readonly Problem[];

    /**
     * @param heading The first line, saying whose arguments are bad.
     * @param problems The problems, listed one per line under the heading.
     */
    constructor(heading: string, problems: readonly Problem[]) {
        super(formatProblems(heading, problems));
        this.name = "ExportRoleInputError";
        this.problems = problems;
    }
}
