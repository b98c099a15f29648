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

/**
 * Collects the rejections nobody awaits while `body` runs. A value that fails
 * its check after it resolves fails the registration of every resource built
 * from it; the runtime surfaces that as an unhandled rejection, which the
 * program runner reports (once per error object) and the test reads here.
 *
 * Under the mocks every step of a registration is a promise continuation: no
 * timer, no I/O. So once one macrotask (`setImmediate`) has run after `body`,
 * every registration that can proceed has finished or failed, and Node has
 * emitted the rejections nobody handled, which it does before running the next
 * macrotask. (`pulumi.runtime.disconnect()` cannot be the wait here: it waits
 * for every registration, and those that depend on a refused resource, such
 * as the attachment and the component's outputs, never finish.)
 */
export async function unhandledRejectionsDuring(body: () => Promise<void>): Promise<unknown[]> {
    const rejections: unknown[] = [];
    const collect = (reason: unknown) => rejections.push(reason);
    process.on("unhandledRejection", collect);
    try {
        await body();
        await new Promise(setImmediate);
        // The refused registrations stay pending for good, by design. Drop them
        // from the runtime's leak report, which is printed when the process exits.
        leakedPromises();
    } finally {
        process.off("unhandledRejection", collect);
    }
    return rejections;
}
