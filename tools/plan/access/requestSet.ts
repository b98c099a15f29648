// The requests on which the old and the new policy documents are evaluated:
// one fixed set that reaches around everything either document names. For the
// permission policy: each bucket (and one whose name merely starts with it),
// each folder, the objects inside, beside and above it, the listings of it and
// of every level above it, with and without the delimiter and prefix keys, and
// each KMS key (and one of another id), through S3 and otherwise. For the
// trust policy: Pinpoint from each account, region and project either document
// names and from others, without the source keys, and other principals.
import { canonicalStatements } from "../diff/policyEquivalence";
import { AssumeRoleRequest, RoleRequest } from "./iamEvaluator";
import { kmsRequest } from "./kmsRequests";
import { bucketRequest, listRequest, objectRequest } from "./s3Requests";

/** A request, with the resource (or principal) and context it stands for in a summary. */
export interface SummarisedRequest<Request> {
    readonly request: Request;
    /** The resource pattern it stands for, e.g. `arn:aws:s3:::b/Exports/*`; for the trust policy, the principal. */
    readonly scope: string;
    /** The context it is made in, e.g. `s3:prefix "Exports/"`; empty when there is none. */
    readonly context: string;
}

const OBJECT_ACTIONS = [
    "s3:GetObject",
    "s3:PutObject",
    "s3:DeleteObject",
    "s3:PutObjectAcl",
    "s3:AbortMultipartUpload",
];
const BUCKET_ACTIONS = ["s3:GetBucketLocation", "s3:DeleteBucket", "s3:PutBucketPolicy"];
const KMS_ACTIONS = ["kms:GenerateDataKey", "kms:Decrypt", "kms:Encrypt"];
const WILDCARD = /[*?$]/;

/** What a set of permission policies names: partitions, buckets, folders (key prefixes) and KMS keys. */
interface PermissionTargets {
    partition: string;
    buckets: Set<string>;
    folders: Set<string>;
    keys: Set<string>;
}

/** The S3 and KMS requests around everything `documents` (permission policies, as JSON text) name. */
export function permissionRequests(documents: readonly string[]): SummarisedRequest<RoleRequest>[] {
    const targets = permissionTargets(documents);
    const requests = new RequestList<RoleRequest>();
    const bucketArn = (bucket: string) => `arn:${targets.partition}:s3:::${bucket}`;
    const folders = [...targets.folders];
    for (const bucket of targets.buckets) {
        // Inside each folder, and in the folders of a bucket whose name starts with the bucket's.
        for (const folder of folders) {
            for (const near of [bucket, `${bucket}-other`]) {
                for (const action of OBJECT_ACTIONS) {
                    requests.add(
                        withArn(objectRequest(action, near, `${folder}export.csv`), targets.partition),
                        objectScope(bucketArn(near), `${folder}export.csv`, folders),
                        "",
                    );
                }
                requests.add(
                    withArn(listRequest(near, folder, "/"), targets.partition),
                    bucketArn(near),
                    listing(folder, "/"),
                );
            }
        }
        for (const folder of folders) {
            // Beside the folder (a sibling whose name starts with its name) and above it.
            const trimmed = folder.replace(/\/$/, "");
            const outside = [
                ...(trimmed ? [`${trimmed}-other/export.csv`] : []),
                ...ancestors(folder).map((ancestor) => `${ancestor}export.csv`),
            ];
            for (const key of outside) {
                for (const action of OBJECT_ACTIONS) {
                    requests.add(
                        withArn(objectRequest(action, bucket, key), targets.partition),
                        objectScope(bucketArn(bucket), key, folders),
                        "",
                    );
                }
            }
            const listings: [string | undefined, string | undefined][] = [
                [folder, undefined],
                [`${folder}nested/`, "/"],
                ...ancestors(folder).flatMap((ancestor): [string, string | undefined][] => [
                    [ancestor, "/"],
                    [ancestor, undefined],
                ]),
                ...(trimmed ? [[`${trimmed}-other/`, "/"] as [string, string]] : []),
                [undefined, undefined],
            ];
            for (const [prefix, delimiter] of listings) {
                requests.add(
                    withArn(listRequest(bucket, prefix, delimiter), targets.partition),
                    bucketArn(bucket),
                    listing(prefix, delimiter),
                );
            }
        }
        for (const action of BUCKET_ACTIONS) {
            requests.add(withArn(bucketRequest(action, bucket), targets.partition), bucketArn(bucket), "");
        }
    }
    requests.add({ action: "s3:ListAllMyBuckets", resource: "*" }, "*", "");
    for (const key of targets.keys) {
        const region = key.split(":")[3];
        for (const target of [key, key.replace(/.$/, (last) => (last === "0" ? "1" : "0"))]) {
            for (const via of [`s3.${region}.amazonaws.com`, `sqs.${region}.amazonaws.com`, undefined]) {
                for (const action of KMS_ACTIONS) {
                    requests.add(
                        kmsRequest(action, target, via),
                        target,
                        via === undefined ? "called directly" : `kms:ViaService "${via}"`,
                    );
                }
            }
        }
    }
    return requests.list();
}

/** What the trust policies name: principals, accounts, regions, Pinpoint projects. */
interface TrustTargets {
    partition: string;
    principals: Set<string>;
    accounts: Set<string>;
    regions: Set<string>;
    apps: Set<string>;
}

/** The requests to assume the role around everything `documents` (trust policies, as JSON text) name. */
export function trustRequests(documents: readonly string[]): SummarisedRequest<AssumeRoleRequest>[] {
    const targets = trustTargets(documents);
    const accounts = [...targets.accounts, otherThan(targets.accounts, ["999999999999", "888888888888"])];
    const regions = [...targets.regions, otherThan(targets.regions, ["us-west-2", "eu-west-1"])];
    const apps = [...targets.apps, otherThan(targets.apps, ["f".repeat(32), "e".repeat(32)])];
    const sourceArn = (region: string, account: string, app: string) =>
        `arn:${targets.partition}:mobiletargeting:${region}:${account}:apps/${app}`;
    const requests = new RequestList<AssumeRoleRequest>();
    const assume = (principal: string, context: Record<string, string>) =>
        requests.add(
            { principal, context },
            principal,
            Object.entries(context)
                .map(([key, value]) => `${key} "${value}"`)
                .join(", ") || "without aws:SourceAccount or aws:SourceArn",
        );
    for (const principal of targets.principals) {
        for (const account of accounts) {
            for (const region of regions) {
                for (const app of apps) {
                    assume(principal, {
                        "aws:SourceAccount": account,
                        "aws:SourceArn": sourceArn(region, account, app),
                    });
                }
            }
        }
        // The source keys disagree, or are missing.
        assume(principal, {
            "aws:SourceAccount": accounts[accounts.length - 1],
            "aws:SourceArn": sourceArn(regions[0], accounts[0], apps[0]),
        });
        assume(principal, { "aws:SourceAccount": accounts[0] });
        assume(principal, {});
    }
    const good = { "aws:SourceAccount": accounts[0], "aws:SourceArn": sourceArn(regions[0], accounts[0], apps[0]) };
    for (const principal of ["ec2.amazonaws.com", `arn:${targets.partition}:iam::${accounts[0]}:root`]) {
        assume(principal, good);
    }
    return requests.list();
}

function permissionTargets(documents: readonly string[]): PermissionTargets {
    const targets: PermissionTargets = { partition: "", buckets: new Set(), folders: new Set(), keys: new Set() };
    for (const statement of documents.flatMap((text) => canonicalStatements(text) ?? [])) {
        for (const arn of strings(statement.Resource)) {
            const s3 = /^arn:([^:]+):s3:::([^/]*)(?:\/(.*))?$/.exec(arn);
            const kms = /^arn:([^:]+):kms:[^:]+:\d{12}:key\/.+$/.exec(arn);
            if (s3) {
                targets.partition ||= s3[1];
                const bucket = literalPart(s3[2]);
                if (bucket) {
                    targets.buckets.add(bucket);
                }
                if (s3[3] !== undefined) {
                    targets.folders.add(folderOf(s3[3]));
                }
            } else if (kms && !WILDCARD.test(arn)) {
                targets.partition ||= kms[1];
                targets.keys.add(arn);
            }
        }
        const conditions = (statement.Condition ?? {}) as Record<string, Record<string, unknown>>;
        for (const [operator, keys] of Object.entries(conditions)) {
            for (const prefix of strings(keys["s3:prefix"])) {
                if (/Like/.test(operator) && WILDCARD.test(prefix)) {
                    targets.folders.add(folderOf(prefix));
                }
            }
        }
    }
    targets.partition ||= "aws";
    return targets;
}

function trustTargets(documents: readonly string[]): TrustTargets {
    const targets: TrustTargets = {
        partition: "",
        principals: new Set(["pinpoint.amazonaws.com"]),
        accounts: new Set(),
        regions: new Set(),
        apps: new Set(),
    };
    for (const statement of documents.flatMap((text) => canonicalStatements(text) ?? [])) {
        const principal = statement.Principal as Record<string, unknown> | undefined;
        for (const service of strings(principal?.Service)) {
            targets.principals.add(service);
        }
        for (const keys of Object.values((statement.Condition ?? {}) as Record<string, Record<string, unknown>>)) {
            for (const account of strings(keys["aws:SourceAccount"]).filter((value) => /^\d{12}$/.test(value))) {
                targets.accounts.add(account);
            }
            for (const arn of strings(keys["aws:SourceArn"])) {
                const source = /^arn:([^:]+):mobiletargeting:([^:]*):([^:]*):apps\/(.*)$/.exec(arn);
                if (source) {
                    const [, partition, region, account, app] = source;
                    targets.partition ||= partition;
                    for (const [set, value] of [
                        [targets.regions, region],
                        [targets.accounts, account],
                        [targets.apps, app],
                    ] as const) {
                        if (value && !WILDCARD.test(value)) {
                            set.add(value);
                        }
                    }
                }
            }
        }
    }
    targets.partition ||= "aws";
    return targets;
}

/**
 * The objects a key stands for in a summary: those of the deepest folder that
 * holds it, but not those of the folders inside that one, e.g.
 * `arn:aws:s3:::b/Exports/* but not Exports/daily/*`; the whole bucket when no
 * folder holds it.
 */
function objectScope(bucketArn: string, key: string, folders: readonly string[]): string {
    const holder = ["", ...folders]
        .filter((folder) => key.startsWith(folder))
        .reduce((deepest, folder) => (folder.length > deepest.length ? folder : deepest));
    const inner = folders.filter((folder) => folder !== holder && folder.startsWith(holder));
    return (
        `${bucketArn}/${holder}*` +
        (inner.length > 0 ? ` but not ${inner.map((folder) => `${folder}*`).join(", ")}` : "")
    );
}

/** The folder a key pattern reaches into: its part before any wildcard, up to the last `/`. */
function folderOf(pattern: string): string {
    const literal = literalPart(pattern);
    return literal.slice(0, literal.lastIndexOf("/") + 1);
}

/** The part of a pattern before its first wildcard or policy variable. */
function literalPart(pattern: string): string {
    const wildcard = pattern.search(WILDCARD);
    return wildcard === -1 ? pattern : pattern.slice(0, wildcard);
}

/** Every prefix above a folder, from the top of the bucket: `a/b/` → `""`, `a/`. */
function ancestors(folder: string): string[] {
    const levels = folder.split("/").slice(0, -1);
    return levels.map((_, depth) => (depth === 0 ? "" : `${levels.slice(0, depth).join("/")}/`));
}

function listing(prefix: string | undefined, delimiter: string | undefined): string {
    const parts = [
        prefix === undefined ? "no s3:prefix" : `s3:prefix "${prefix}"`,
        delimiter === undefined ? "no s3:delimiter" : `s3:delimiter "${delimiter}"`,
    ];
    return parts.join(", ");
}

/** The first of `candidates` that is not in `taken`. */
function otherThan(taken: ReadonlySet<string>, candidates: readonly string[]): string {
    return candidates.find((candidate) => !taken.has(candidate))!;
}

function strings(value: unknown): string[] {
    return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(
        (item): item is string => typeof item === "string",
    );
}

/** S3 request builders write `arn:aws:`; the documents may be in another partition. */
function withArn(request: RoleRequest, partition: string): RoleRequest {
    return partition === "aws"
        ? request
        : { ...request, resource: request.resource.replace(/^arn:aws:/, `arn:${partition}:`) };
}

/** Requests in the order they were added, each once. */
class RequestList<Request> {
    private readonly requests = new Map<string, SummarisedRequest<Request>>();

    add(request: Request, scope: string, context: string): void {
        const key = JSON.stringify(request);
        if (!this.requests.has(key)) {
            this.requests.set(key, { request, scope, context });
        }
    }

    list(): SummarisedRequest<Request>[] {
        return [...this.requests.values()];
    }
}
