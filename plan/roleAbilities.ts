// What each role of a first `pulumi up` can do, said in words: the review's
// question for a created role (everything it allows is newly allowed),
// answered by the proof, and each class of requests said as the review says
// it ("delete, overwrite, read and 8 other kinds of action on any object under
// Exports/ in example-bucket"). The classes themselves are the proof's.
import type { AccessEntry } from "../review/src/access/accessChanges";
import { compareAccess } from "../review/src/access/accessChanges";
import { accessPairs } from "../review/src/access/roleAccess";
import type { PlanStep } from "../review/src/diff/planSteps";
import type { SolverSession } from "../review/src/proof/solverProcess";
import { inWords } from "../review/src/verdict/plainWords";

/** What one role can do, in words. */
export interface RoleAbilities {
    /** The role resource's name, e.g. `pinpoint-export-role`. */
    readonly role: string;
    /** Each thing its permissions allow, said once, in the order the proof found them. */
    readonly can: readonly string[];
    /** Each principal its trust policy lets assume it, in words. */
    readonly assumedBy: readonly string[];
    /** What it may also do, depending on what the proof leaves open (`openQuestions`). */
    readonly possibly: readonly string[];
    /** Why some of it is only possible, or could not be said: a document known only after apply, an open reading of IAM. */
    readonly openQuestions: readonly string[];
}

/** The abilities of every role `steps` create, from nothing: all they allow is newly allowed. */
export async function roleAbilities(steps: readonly PlanStep[], session: SolverSession): Promise<RoleAbilities[]> {
    const abilities: RoleAbilities[] = [];
    for (const pair of accessPairs(steps).filter((found) => found.before === undefined)) {
        const access = await compareAccess([pair], session);
        const said = (entries: readonly AccessEntry[]) => [...new Set(entries.map(inWords))];
        abilities.push({
            role: pair.role,
            can: said(access.permissions.newlyAllowed),
            assumedBy: said(access.trust.newlyAllowed),
            possibly: said([...access.permissions.possiblyNewlyAllowed, ...access.trust.possiblyNewlyAllowed]),
            openQuestions: access.unevaluated,
        });
    }
    return abilities;
}
