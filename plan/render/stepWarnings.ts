// What follows from a step beyond the resource itself, said in the plan's text
// and JSON alike: a role that is replaced or deleted takes its ARN with it, and
// Pinpoint's export jobs name the role by that ARN.
import { PlanStep } from "../../review/src/diff/planSteps";

const ROLE_TYPE = "aws:iam/role:Role";

/** The warnings of one step, as sentences; none for most steps. */
export function stepWarnings(step: PlanStep): string[] {
    if (step.type !== ROLE_TYPE) {
        return [];
    }
    if (step.op === "replace") {
        return [
            "The role gets a new ARN: export jobs that name the old ARN stop working once the old role is deleted. " +
                "Give CreateExportJob the new one, the stack output roleArn, after `pulumi up`.",
        ];
    }
    if (step.op === "delete") {
        return ["The role is deleted: export jobs that name its ARN stop working."];
    }
    return [];
}
