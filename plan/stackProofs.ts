// What the plan proves about the stack's own documents, for every request,
// before anything is deployed: that the permission policy is the AWS guide's
// (the documented profile) or within it (writeOnly), that no object action
// reaches a key outside the folder, and that only Amazon Pinpoint of the
// named account (and project) may assume the role. Each claim is a question
// to the proof (review/src/proof/): a reference policy against the stack's.
import { folderPrefix, trimFolder } from "../components/policies/exportLocation";
import { partitionOfRegion } from "../components/policies/partition";
import { PINPOINT_SERVICE_PRINCIPAL } from "../components/policies/trustPolicy";
import type { ExportRoleSettings } from "../components/validation/exportRoleProblems";
import { decideAccess, FoundRequests } from "../review/src/proof/decideAccess";
import { parsePolicy, PolicyKind } from "../review/src/proof/policyStatements";
import { RequestScope } from "../review/src/proof/requestSpace";
import { SolverSession } from "../review/src/proof/solverProcess";
import { AccessEntry } from "../review/src/access/accessChanges";
import { decidedOnce } from "../review/src/access/decidedOnce";
import { awsGuidePolicy } from "./awsGuidePolicy";
import { checkWitness, EvaluatedSide } from "../review/src/access/witnessCheck";

/** One claim about the stack's documents, and what the proof found. */
export interface StackProof {
    /** The claim, as a sentence. */
    readonly claim: string;
    /** `proved` for every request; `disproved`, with the requests that break it; `undecided`, with the reason. */
    readonly outcome: "proved" | "disproved" | "undecided";
    /** Why it is not decided. */
    readonly reason?: string;
    /** Requests the stack's document allows and the claim's reference does not. */
    readonly beyond: readonly AccessEntry[];
    /** For a claim of equivalence: requests the reference allows and the stack's document does not. */
    readonly short: readonly AccessEntry[];
    /** What the proof takes as given about requests. */
    readonly assumptions: readonly string[];
}

/** The stack's role, as the program registers it: its documents, known or not, and its settings. */
export interface StackDocuments {
    /** The permission policy's text; undefined when it is known only after apply. */
    readonly permissionPolicy?: string;
    /** The trust policy's text; undefined when it is known only after apply. */
    readonly trustPolicy?: string;
    readonly settings: ExportRoleSettings;
}

/** The claims about `documents`, each proved, disproved or not decided; kept for the process once decided. */
export const proveStack = decidedOnce(proveClaims, (found) => found.some((proof) => proof.outcome === "undecided"));

async function proveClaims(documents: StackDocuments, session: SolverSession): Promise<StackProof[]> {
    const { settings } = documents;
    const folder = trimFolder(settings.folder);
    const region = settings.region;
    const partition = region === undefined ? undefined : partitionOfRegion(region);
    const where = `${settings.bucket}/${folderPrefix(folder)}`;
    const profile = settings.accessProfile ?? "documented";
    const claims: Promise<StackProof>[] = [];
    if (partition === undefined) {
        const reason = "the region, and so the partition of every ARN, is known only after apply";
        claims.push(
            Promise.resolve(undecided(`the permission policy is the AWS guide's for ${where}`, reason)),
            Promise.resolve(undecided(`only ${PINPOINT_SERVICE_PRINCIPAL} may assume the role`, reason)),
        );
        return Promise.all(claims);
    }
    const guide = withExtras(awsGuidePolicy(partition, settings.bucket, folder), partition, settings);
    const objects = `arn:${partition}:s3:::${settings.bucket}/${folderPrefix(folder)}*`;
    claims.push(
        profile === "documented"
            ? prove(session, "identity", "equivalent", {
                  claim: `the permission policy allows exactly what the AWS guide's policy allows for ${where}${guide.said}`,
                  reference: guide.text,
                  actual: documents.permissionPolicy,
              })
            : prove(session, "identity", "within", {
                  claim: `the permission policy (${profile}) allows nothing that the AWS guide's policy for ${where}${guide.said} does not`,
                  reference: guide.text,
                  actual: documents.permissionPolicy,
              }),
        prove(session, "identity", "within", {
            claim: `no S3 object action reaches an object outside ${where}`,
            reference: JSON.stringify({ Version: "2012-10-17", Statement: [] }),
            actual: documents.permissionPolicy,
            scope: {
                description: "object actions on objects outside the folder",
                actions: (target) => target.service === "s3" && target.resourceType === "object",
                excludedResources: [objects],
            },
        }),
    );
    const account = settings.accountId;
    if (account === undefined) {
        claims.push(
            Promise.resolve(
                undecided(
                    `only ${PINPOINT_SERVICE_PRINCIPAL} may assume the role`,
                    "the account is known only after apply (set pinpoint-export:accountId)",
                ),
            ),
        );
    } else {
        const app = settings.applicationId;
        claims.push(
            prove(session, "trust", "within", {
                claim:
                    `only ${PINPOINT_SERVICE_PRINCIPAL} may assume the role, for account ${account}` +
                    (app ? ` and its Pinpoint project ${app}` : ""),
                reference: pinpointOnly(partition, account, app),
                actual: documents.trustPolicy,
            }),
        );
    }
    return Promise.all(claims);
}

/**
 * The guide's policy with what the stack asks for beyond the guide's example,
 * each statement written here, apart from the component's builder: the listing
 * of a nested folder's parent levels (the guide's example has one level), and
 * the use of the bucket's KMS key through S3.
 */
function withExtras(guide: string, partition: string, settings: ExportRoleSettings): { text: string; said: string } {
    const document = JSON.parse(guide) as { Statement: object[] };
    const said: string[] = [];
    const levels = trimFolder(settings.folder).split("/");
    if (levels.length > 1) {
        const parents = levels.slice(0, -1).map((_, depth) => `${levels.slice(0, depth + 1).join("/")}/`);
        document.Statement.push({
            Effect: "Allow",
            Action: "s3:ListBucket",
            Resource: `arn:${partition}:s3:::${settings.bucket}`,
            Condition: { StringEquals: { "s3:delimiter": "/", "s3:prefix": parents } },
        });
        said.push(
            `the listing of the folder's parent levels ${parents.join(", ")} (the guide's example has one level)`,
        );
    }
    if (settings.kmsKeyArn !== undefined) {
        document.Statement.push({
            Effect: "Allow",
            Action: ["kms:Decrypt", "kms:GenerateDataKey"],
            Resource: settings.kmsKeyArn,
            Condition: { StringEquals: { "kms:ViaService": `s3.${settings.kmsKeyArn.split(":")[3]}.amazonaws.com` } },
        });
        said.push(`the use of the KMS key ${settings.kmsKeyArn} through S3`);
    }
    return { text: JSON.stringify(document), said: said.length > 0 ? `, with ${said.join(" and ")}` : "" };
}

/**
 * The reference of the trust claim, written apart from the component's own
 * builder: any STS action on the role by Pinpoint, for the account, and for
 * the project when one is named, in any region.
 */
function pinpointOnly(partition: string, account: string, app: string | undefined): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Service: PINPOINT_SERVICE_PRINCIPAL },
                Action: "sts:*",
                Condition: {
                    StringEquals: { "aws:SourceAccount": account },
                    ...(app
                        ? { ArnLike: { "aws:SourceArn": `arn:${partition}:mobiletargeting:*:${account}:apps/${app}` } }
                        : {}),
                },
            },
        ],
    });
}

interface Question {
    readonly claim: string;
    /** The reference policy's text. */
    readonly reference: string;
    /** The stack's policy's text; undefined when it is known only after apply. */
    readonly actual?: string;
    readonly scope?: RequestScope;
}

async function prove(
    session: SolverSession,
    kind: PolicyKind,
    relation: "equivalent" | "within",
    question: Question,
): Promise<StackProof> {
    if (question.actual === undefined) {
        return undecided(question.claim, "the document is known only after apply");
    }
    const decision = await decideAccess(
        {
            kind,
            before: { policies: [parsePolicy("the reference", question.reference, kind)] },
            after: { policies: [parsePolicy("the stack's policy", question.actual, kind)] },
            scope: question.scope,
            newlyDenied: relation === "equivalent",
        },
        session,
    );
    if (!decision.decided) {
        return undecided(question.claim, decision.reason);
    }
    const evaluated = (text: string): EvaluatedSide =>
        kind === "identity" ? { kind, policies: [text] } : { kind, trustPolicy: text };
    const entries = (found: FoundRequests, newly: "allowed" | "denied") =>
        Promise.all(
            found.classes.map(async (request) => ({
                role: "the stack's role",
                actions: request.actions,
                actionCount: request.actionCount,
                ...(kind === "identity" ? { resource: request.scope } : { principal: request.scope }),
                context: request.context,
                witness: request.witness,
                evaluator: await checkWitness(
                    request.witness,
                    newly,
                    evaluated(question.reference),
                    evaluated(question.actual!),
                ),
            })),
        );
    const beyond = await entries(decision.newlyAllowed, "allowed");
    const short = relation === "equivalent" ? await entries(decision.newlyDenied, "denied") : [];
    return {
        claim: question.claim,
        outcome: beyond.length === 0 && short.length === 0 ? "proved" : "disproved",
        beyond,
        short,
        assumptions: decision.assumptions,
    };
}

function undecided(claim: string, reason: string): StackProof {
    return { claim, outcome: "undecided", reason, beyond: [], short: [], assumptions: [] };
}
