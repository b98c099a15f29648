// A resource as a program registers it, and what the engine answers: the
// after side of a step, whether the steps come from the offline plan or from
// `pulumi preview --json`.

/** One resource registration, as the engine would receive it. */
export interface Registration {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly custom: boolean;
    /** The parent's URN, or `undefined` for a resource at the root of the stack. */
    readonly parent: string | undefined;
    /** The inputs in the engine's wire form: unknown values are Pulumi's unknown sentinel. */
    readonly inputs: Record<string, unknown>;
    /** The URNs this resource was once known by: a rename with aliases keeps the resource. */
    readonly aliases: string[];
    /** The URNs of the resources whose outputs each input property is made from. */
    readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
}

/** What the engine tells the program about a resource it registered: its id and outputs. */
export interface EngineAnswer {
    /** The resource's id, or `undefined` when it is known only after apply. */
    readonly id: string | undefined;
    /** The outputs; absent ones are unknown, as in a preview. */
    readonly state: Record<string, unknown>;
}
