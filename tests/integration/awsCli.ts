import { spawnSync } from "child_process";
import { setTimeout as sleep } from "timers/promises";

/**
 * Runs an AWS CLI command and returns its JSON answer. The CLI takes
 * credentials and region the way the AWS SDKs do (environment, profiles, SSO,
 * instance roles), and decodes IAM's URL-encoded policy documents.
 */
export function awsCli(args: readonly string[]): unknown {
    const result = spawnSync("aws", [...args, "--output", "json"], {
        encoding: "utf8",
        env: { ...process.env, AWS_PAGER: "" },
    });
    if (result.status !== 0) {
        throw new Error(`aws ${args.join(" ")} failed: ${(result.stderr || String(result.error ?? "")).trim()}`);
    }
    return JSON.parse(result.stdout || "null") as unknown;
}

/** A policy document as the CLI returns it: usually decoded already, else URL-encoded JSON text. */
export function policyDocument(document: unknown): unknown {
    return typeof document === "string" ? JSON.parse(decodeURIComponent(document)) : document;
}

/**
 * Waits until IAM says the role `roleName` does not exist, asking every few
 * seconds for at most `withinMs`. IAM is eventually consistent: a role just
 * deleted can still be read for a while. Throws if the role is still there at
 * the end, or if IAM answers with any error but NoSuchEntity.
 */
export async function waitUntilRoleGone(roleName: string, withinMs = 60_000): Promise<void> {
    const deadline = Date.now() + withinMs;
    for (;;) {
        try {
            awsCli(["iam", "get-role", "--role-name", roleName]);
        } catch (error) {
            if (/NoSuchEntity/.test((error as Error).message)) {
                return;
            }
            throw error;
        }
        const left = deadline - Date.now();
        if (left <= 0) {
            throw new Error(`the role ${roleName} still exists ${withinMs / 1000} s after destroy`);
        }
        await sleep(Math.min(5_000, left));
    }
}
