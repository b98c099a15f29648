import * as pulumi from "@pulumi/pulumi";

/** A child resource of an ExportRole, as its failure is told to a person. */
export interface Child {
    /** The resource. */
    readonly resource: pulumi.CustomResource;
    /** What it is to the ExportRole, e.g. `role`. */
    readonly part: "policy" | "role" | "attachment";
    /** Its resource name, e.g. `exports-role`. */
    readonly name: string;
}

/**
 * A child resource that the engine reported as not created, e.g. because IAM
 * refused it. Carries the brand of `pulumi.RunError`, which the Node.js program
 * runner checks to print the message without a stack trace: the stack would
 * point into the SDK, and AWS's own message already names the cause.
 */
export class ChildNotCreatedError extends Error {
    /** Read by `pulumi.RunError.isInstance`. */
    public readonly __pulumiRunError = true;

    /**
     * The SDK's error for the failed registration, made into this one. The
     * SDK rejects every output of the failed resource with that same object,
     * and nothing awaits them; the program runner reports each unhandled error
     * object once, so the one object must carry the one message.
     *
     * @param error The SDK's error.
     * @param component The ExportRole's name.
     * @param child The child that was not created.
     */
    public static adopt(error: unknown, component: string, child: Child): ChildNotCreatedError {
        const reason = reasonOf(error);
        const adopted = error instanceof Error ? error : new Error();
        Object.setPrototypeOf(adopted, ChildNotCreatedError.prototype);
        const message = [
            `ExportRole "${component}" could not create its ${child.part} "${child.name}": ${reason}`,
            `  Fix: ${fixFor(child.part, reason)}.`,
            `  ${consequenceOf(child.part)}`,
        ].join("\n");
        // The SDK prefixes the message each time the error passes a dependent's inputs: keep it as written.
        Object.defineProperty(adopted, "message", { get: () => message, set: () => undefined, configurable: true });
        Object.defineProperty(adopted, "__pulumiRunError", { value: true });
        adopted.name = "ChildNotCreatedError";
        return adopted as ChildNotCreatedError;
    }
}

/**
 * Resolves once every child is registered; rejects with one
 * {@link ChildNotCreatedError} for the first child the engine failed. A child
 * that waits for a failed one stays pending, and so does this, if nothing fails
 * but a child never registers.
 */
export function whenRegistered(component: string, children: readonly Child[]): Promise<void> {
    return Promise.all(
        children.map((child) =>
            registered(child.resource).catch((error: unknown) => {
                throw ChildNotCreatedError.adopt(error, component, child);
            }),
        ),
    ).then(() => undefined);
}

/** When a resource has its URN: at once under a preview's unknowns; a rejection if its registration failed. */
function registered(resource: pulumi.Resource): Promise<void> {
    // The SDK's isSecret waits for the URN, and fails with it.
    return pulumi.isSecret(resource.urn).then(() => undefined);
}

/**
 * AWS's answer in the SDK's error, on one line: without the "error serializing
 * property ..." prefixes the SDK adds each time the same error passes a
 * dependent resource, its "failed to register new resource NAME [TYPE]: ", and
 * gRPC's status, e.g. "2 UNKNOWN: ".
 */
function reasonOf(error: unknown): string {
    const text = error instanceof Error ? error.message : String(error);
    return (
        text
            .replace(/^(error serializing property "[^"]*": )*/, "")
            .replace(/^failed to register new resource \S+ \[[^\]]+\]: /, "")
            .replace(/^\d+ [A-Z_]+: /, "")
            .replace(/\s+/g, " ")
            .trim() || "(no reason given)"
    );
}

/** What to do, from IAM's error code in AWS's answer. */
function fixFor(part: Child["part"], reason: string): string {
    const nameArgument = part === "role" ? "roleName" : "policyName";
    if (/\bEntityAlreadyExists\b/.test(reason) && part !== "attachment") {
        return `give another ${nameArgument}, or leave ${nameArgument} unset so that Pulumi picks a unique name`;
    }
    if (/\bMalformedPolicyDocument\b/.test(reason)) {
        return "IAM refused a policy document that pinpoint-export built, which is a bug in pinpoint-export: report it, with the document `pulumi preview --diff` shows";
    }
    if (/\bLimitExceeded\b/.test(reason)) {
        return "the account has reached an IAM quota: delete roles or policies it no longer uses, or ask AWS for a higher quota";
    }
    if (/\b(AccessDenied|not authorized)\b/.test(reason)) {
        return "let the AWS provider's credentials call iam:CreatePolicy, iam:CreateRole and iam:AttachRolePolicy (and iam:TagPolicy and iam:TagRole, with tags)";
    }
    if (/\bNoSuchEntity\b/.test(reason)) {
        return part === "role"
            ? "check that the permissionsBoundary policy exists"
            : "the role or the policy was deleted outside Pulumi: run `pulumi refresh`, then `pulumi up`";
    }
    return "put right what AWS's answer names, then run `pulumi up` again";
}

/** What the failure leaves behind, so that nothing half-made goes unexplained. */
function consequenceOf(part: Child["part"]): string {
    const after = "fix the cause and run `pulumi up` again, or run `pulumi destroy` to remove it.";
    return part === "attachment"
        ? `The policy and the role were created, but the role does not have the policy's permissions: ${after}`
        : `The attachment was not created. Whatever else this ExportRole created stays in the stack: ${after}`;
}
