import * as pulumi from "@pulumi/pulumi";

// Internal to the SDK (hidden from its typings), and the only way to clear its
// record of pending promises.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { leakedPromises } = require("@pulumi/pulumi/runtime/debuggable") as { leakedPromises: () => unknown };

/**
 * The value of an Output, as a Promise that also rejects when the Output
 * fails. (`apply` alone would never run for a failed Output, and the test
 * would hang instead of failing.) Uses the Output's own `promise()`.
 */
export function promiseOf<T>(output: pulumi.Output<T>): Promise<T> {
    return (output as unknown as { promise(): Promise<T> }).promise();
}

/** The values of several Outputs. */
export function promisesOf<T extends Record<string, pulumi.Output<unknown>>>(
    outputs: T,
): Promise<{ [K in keyof T]: pulumi.Unwrap<T[K]> }> {
    return promiseOf(pulumi.output(outputs) as pulumi.Output<{ [K in keyof T]: pulumi.Unwrap<T[K]> }>);
}

/** Lets everything happen that can: under the mocks every step is a promise continuation (see below). */
export function settle(): Promise<void> {
    return new Promise(setImmediate);
}

/**
 * What became of `promise` once everything that can happen has happened.
 * Under the mocks nothing waits for a timer or I/O, so `"pending"` means it
 * never settles. Handles a rejection, so it is not for the one error a program
 * reports by leaving it unhandled.
 */
export async function stateAfterSettling(promise: Promise<unknown>): Promise<"resolved" | "rejected" | "pending"> {
    let state: "resolved" | "rejected" | "pending" = "pending";
    promise.then(
        () => (state = "resolved"),
        () => (state = "rejected"),
    );
    await settle();
    return state;
}

/**
 * Collects the errors of the rejections nobody awaits while `body` runs: what
 * the program runner would report, once per error object. An ExportRole whose
 * late value fails its check, or whose lookup fails, leaves exactly one: the
 * rejection of its checks (`checksOf` in exportRole.ts). A child the mocks
 * refuse leaves the SDK's one error, however many outputs it fails with it.
 *
 * Under the mocks every step of a registration is a promise continuation: no
 * timer, no I/O. So once one macrotask (`setImmediate`) has run after `body`,
 * every registration that can proceed has finished or failed, and Node has
 * emitted the rejections nobody handled, which it does before running the next
 * macrotask. (`pulumi.runtime.disconnect()` cannot be the wait here: it waits
 * for every registration, and those that depend on a refused resource, such
 * as the attachment and the component's outputs, never finish.)
 */
export async function unhandledRejectionsDuring(body: () => void | Promise<void>): Promise<unknown[]> {
    // As the program runner reports them: once per error object, however many promises
    // reject with it (and mocha's own listener emits each one a second time).
    const rejections = new Set<unknown>();
    const collect = (reason: unknown) => rejections.add(reason);
    process.on("unhandledRejection", collect);
    try {
        await body();
        await settle();
        // What a failure stops stays pending for good, by design. Drop it from
        // the runtime's leak report, which is printed when the process exits.
        leakedPromises();
    } finally {
        process.off("unhandledRejection", collect);
    }
    return [...rejections.values()];
}
