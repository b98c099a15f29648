// A class of requests said in words a reviewer reads at a glance: "delete and
// overwrite any object under Exports/ in shop-exports". The words are a
// summary; the actions and resources beside them are the exact answer.
import type { AccessEntry } from "../access/accessChanges";

/** The verb each action name's first word stands for, the most consequential first. */
const VERBS: readonly (readonly [string, string])[] = [
    ["Delete", "delete"],
    ["Put", "overwrite"],
    ["Pass", "pass"],
    ["Assume", "assume"],
    ["Bypass", "bypass"],
    ["Create", "create"],
    ["Update", "change"],
    ["Modify", "change"],
    ["Attach", "attach"],
    ["Detach", "detach"],
    ["Restore", "restore"],
    ["Get", "read"],
    ["Describe", "read"],
    ["List", "list"],
    ["Decrypt", "decrypt"],
    ["Encrypt", "encrypt"],
    ["Invoke", "invoke"],
    ["Abort", "abort"],
    ["Tag", "tag"],
    ["Untag", "untag"],
];

/** At most this many verbs are named; the rest are counted. */
const SHOWN_VERBS = 4;

/** What the role can newly do (or no longer do), in words. */
export function inWords(entry: AccessEntry): string {
    if (entry.principal !== undefined) {
        return `let ${entry.principal} assume the role`;
    }
    const what = resourceInWords(entry);
    if (entry.actions.includes("*")) {
        return `do anything to ${what}`;
    }
    const everything = entry.actions.filter((action) => action.endsWith(":*")).map((action) => action.split(":")[0]);
    const verbs: string[] = [];
    for (const action of entry.actions) {
        const name = action.split(":")[1] ?? action;
        if (name === "*") {
            continue;
        }
        const first = /^[A-Z][a-z]+/.exec(name)?.[0] ?? name;
        const verb = VERBS.find(([word]) => word === first)?.[1] ?? first.toLowerCase();
        if (!verbs.includes(verb)) {
            verbs.push(verb);
        }
    }
    const rank = (verb: string) => {
        const found = VERBS.findIndex(([, said]) => said === verb);
        return found === -1 ? VERBS.length : found;
    };
    verbs.sort((a, b) => rank(a) - rank(b));
    const doing = [...everything.map((service) => `do anything in ${service}`), ...verbs];
    if (doing.length > SHOWN_VERBS) {
        const rest = doing.length - (SHOWN_VERBS - 1);
        return `${doing.slice(0, SHOWN_VERBS - 1).join(", ")} and ${rest} other kinds of action on ${what}`;
    }
    return verbs.length === 0 ? `${joinWords(doing)} on ${what}` : `${joinWords(doing)} ${what}`;
}

function joinWords(words: readonly string[]): string {
    return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

/** The resources of the class in words: `any object under Exports/ in shop-exports`. */
function resourceInWords(entry: AccessEntry): string {
    const scope = entry.resource ?? "";
    const [inside, ...outside] = scope.split(" but not ");
    // Objects left out of the same bucket are said by their folder: "except under Exports/daily/".
    const bucketOf = /^arn:aws[a-z-]*:s3:::([^/*]+)\//.exec(inside)?.[1];
    const left = outside
        .join(" but not ")
        .split(", ")
        .map((part) => {
            const folder = /^arn:aws[a-z-]*:s3:::([^/*]+)\/([^*]*)\*$/.exec(part);
            return folder && folder[1] === bucketOf ? `under ${folder[2]}` : part;
        });
    const except = outside.length > 0 ? ` except ${left.join(", ")}` : "";
    if (inside === "*" || inside.startsWith("any ")) {
        return `any resource${except}`;
    }
    const object = /^arn:aws[a-z-]*:s3:::([^/*]+)\/(.*)$/.exec(inside);
    if (object && !inside.includes(" ")) {
        const [, bucket, key] = object;
        if (key === "*") {
            return `any object in ${bucket}${except}`;
        }
        if (key.endsWith("*") && !key.slice(0, -1).includes("*")) {
            return `any object under ${key.slice(0, -1)} in ${bucket}${except}`;
        }
        return `the objects ${key} in ${bucket}${except}`;
    }
    if (/^arn:aws[a-z-]*:s3:::\*$/.test(inside)) {
        return `any bucket${except.replace(/arn:aws[a-z-]*:s3:::/g, "")}`;
    }
    const bucket = /^arn:aws[a-z-]*:s3:::([^/*]+)$/.exec(inside);
    if (bucket) {
        return `the bucket ${bucket[1]}${except}`;
    }
    return `${inside}${except}`;
}
