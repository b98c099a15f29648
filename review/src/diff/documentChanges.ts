// The IAM statement changes of an update: for each policy document that
// changes (the permission policy, the trust policy), its statements added and
// removed.
import { PropertyValue } from "./decideStep";
import { PlanStep } from "./planSteps";
import { providerRules } from "./providerRules";
import { StatementRow, statementChanges } from "./statementChanges";
import { inputValue } from "./wireValues";

/** The statement changes of one policy document of one resource. */
export interface DocumentChange {
    /** The resource that holds the document, as its step names it. */
    readonly resource: string;
    /** The input that holds it, e.g. `policy` or `assumeRolePolicy`. */
    readonly property: string;
    /** The rows, or `undefined` when a side is known only after apply and cannot be compared. */
    readonly rows: readonly StatementRow[] | undefined;
}

/**
 * The statement changes of every policy document in `steps` that differs
 * between the baseline and the program: of a created resource, every statement
 * is added; of a deleted one, removed.
 */
export function documentChanges(steps: readonly PlanStep[]): DocumentChange[] {
    return steps.flatMap((step) =>
        [...providerRules(step.type).policyDocuments].flatMap((property): DocumentChange[] => {
            const changes =
                step.op === "create" ||
                step.op === "delete" ||
                step.changes.some((change) => change.property === property);
            if (!changes) {
                return [];
            }
            const before = inputValue(step.before?.inputs[property]);
            const after = inputValue(step.after?.inputs[property]);
            if (before.state === "unknown" || after.state === "unknown") {
                return [{ resource: step.name, property, rows: undefined }];
            }
            const rows = statementChanges(textOf(before), textOf(after), `(the role ${step.name})`);
            return rows.length > 0 ? [{ resource: step.name, property, rows }] : [];
        }),
    );
}

function textOf(value: PropertyValue): string | undefined {
    return value.state === "known" ? String(value.value) : undefined;
}
