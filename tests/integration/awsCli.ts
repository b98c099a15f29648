import { spawnSync } from "child_process";

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
