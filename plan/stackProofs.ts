// What the plan proves about the stack's own documents, for every request,
// before anything is deployed: that the permission policy is the AWS guide's
// (the documented profile) or within it (writeOnly), that no object action
// reaches a key outside the folder, and that only Amazon Pinpoint of the
// named account (and project) may assume the role. Each claim is a question
// to the proof (review/src/proof/): a reference policy against the stack's.
import { folderPrefix, trimFolder } from "../components/policies/exportLocation";
import { partitionOfRegion } from "../components/policies/partition";
import { PINPOINT_SERVICE_PRINCIPAL } from "../components/policies/trustPolicy";
import type { ExportRoleSettings, SettingName } from "../components/validation/exportRoleProblems";
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
    /**
     * The settings whose values the plan cannot know, each with its config key
     * and why: a secret, or a key an ESC environment may set. They are absent
     * from `settings`.
     */
    readonly unknown?: ReadonlyMap<SettingName, UnknownSetting>;
}

/** A setting the plan cannot know: its config key, and whether it is a secret or left to ESC environments. */
export interface UnknownSetting {
    readonly key: string;
    /** A secret the plan cannot decrypt, or a key that the named ESC environments may set. */
    readonly because: { readonly secret: true } | { readonly secret: false; readonly environments: string };
}

/** The settings the permission policy is built from. */
const PERMISSION_SETTINGS: readonly SettingName[] = ["bucket", "folder", "region", "accessProfile", "kmsKeyArn"];
/** The settings the trust policy is built from. */
const TRUST_SETTINGS: readonly SettingName[] = ["accountId", "region", "applicationId"];

/** The claims about `documents`, each proved, disproved or not decided; kept for the process once decided. */
export const proveStack = decidedOnce(proveClaims, (found) => found.some((proof) => proof.outcome === "undecided"));

async function proveClaims(documents: StackDocuments, session: SolverSession): Promise<StackProof[]> {
    const { settings } = documents;
    // What depends on a value the plan cannot know is not decided, and says which value and why.
    const unknownBecause = (depends: readonly SettingName[]) => {
        const unknown = depends.flatMap((setting) => documents.unknown?.get(setting) ?? []);
        const secrets = [...new Set(unknown.filter((setting) => setting.because.secret).map(({ key }) => key))];
        const unseen = [...new Set(unknown.filter((setting) => !setting.because.secret).map(({ key }) => key))];
        const reasons = [
            ...(secrets.length > 0
                ? [
                      `${listed(secrets)} ${secrets.length === 1 ? "is a secret" : "are secrets"}, which the offline ` +
                          "plan cannot decrypt (`pulumi preview` can)",
                  ]
                : []),
            ...unknown
                .flatMap((setting) => (setting.because.secret ? [] : [setting.because.environments]))
                .slice(0, 1)
                .map(
                    (environments) =>
                        `${listed(unseen)} may be set by the ESC environment ${environments}, which the offline plan cannot open`,
                ),
        ];
        return reasons.length > 0 ? reasons.join("; ") : undefined;
    };
    const permissionUnknown = unknownBecause(PERMISSION_SETTINGS);
    const trustUnknown = unknownBecause(TRUST_SETTINGS);
    const region = settings.region;
    const partition = region === undefined ? undefined : partitionOfRegion(region);
    const trustClaim = `only ${PINPOINT_SERVICE_PRINCIPAL} may assume the role`;
    const claims: Promise<StackProof>[] = [];
    if (permissionUnknown !== undefined) {
        claims.push(
            Promise.resolve(
                undecided(
                    "the permission policy is the AWS guide's for the stack's bucket and folder",
                    permissionUnknown,
                ),
            ),
            Promise.resolve(
                undecided("no S3 object action reaches an object outside the stack's folder", permissionUnknown),
            ),
        );
    } else if (partition === undefined) {
        const where = `${settings.bucket}/${folderPrefix(trimFolder(settings.folder))}`;
        claims.push(
            Promise.resolve(undecided(`the permission policy is the AWS guide's for ${where}`, REGION_UNKNOWN)),
        );
    } else {
        claims.push(...permissionClaims(documents, partition, session));
    }
    if (trustUnknown !== undefined) {
        claims.push(Promise.resolve(undecided(`${trustClaim}, for the stack's account`, trustUnknown)));
    } else if (partition === undefined) {
        claims.push(Promise.resolve(undecided(trustClaim, REGION_UNKNOWN)));
    } else {
        claims.push(trustClaimProof(documents, partition, session));
    }
    return Promise.all(claims);
}

const REGION_UNKNOWN = "the region, and so the partition of every ARN, is known only after apply";

/** The claims about the permission policy: the guide's (or within it), and nothing outside the folder. */
function permissionClaims(documents: StackDocuments, partition: string, session: SolverSession): Promise<StackProof>[] {
    const { settings } = documents;
    const folder = trimFolder(settings.folder);
    const where = `${settings.bucket}/${folderPrefix(folder)}`;
    const profile = settings.accessProfile ?? "documented";
    const guide = withExtras(awsGuidePolicy(partition, settings.bucket, folder), partition, settings);
    const objects = `arn:${partition}:s3:::${settings.bucket}/${folderPrefix(folder)}*`;
    return [
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
    ];
}

/** The claim about the trust policy: only Pinpoint, for the stack's account (and project), may assume the role. */
function trustClaimProof(documents: StackDocuments, partition: string, session: SolverSession): Promise<StackProof> {
    const { settings } = documents;
    const account = settings.accountId;
    if (account === undefined) {
        return Promise.resolve(
            undecided(
                `only ${PINPOINT_SERVICE_PRINCIPAL} may assume the role`,
                "the account is known only after apply (set pinpoint-export:accountId)",
            ),
        );
    }
    const app = settings.applicationId;
    return prove(session, "trust", "within", {
        claim:
            `only ${PINPOINT_SERVICE_PRINCIPAL} may assume the role, for account ${account}` +
            (app ? ` and its Pinpoint project ${app}` : ""),
        reference: pinpointOnly(partition, account, app),
        actual: documents.trustPolicy,
    });
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

/** `a`, `a and b`, `a, b and c`. */
function listed(items: readonly string[]): string {
    return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

function undecided(claim: string, reason: string): StackProof {
    return { claim, outcome: "undecided", reason, beyond: [], short: [], assumptions: [] };
}
