/** What an update starts from: the stack's resources as a baseline file records them. */

/** One resource of the baseline. */
export interface BaselineResource {
    readonly urn: string;
    readonly type: string;
    readonly custom: boolean;
    /** The parent's URN, if any. */
    readonly parent?: string;
    /** The id the provider gave it; absent in a plan, which knows no ids. */
    readonly id?: string;
    /**
     * Its inputs, secrets opened where the file holds them in plain text. In a
     * stack export these are the provider's checked inputs: with the names
     * Pulumi generated and the defaults the provider filled (listed in
     * `__defaults`). In a plan, the program's own inputs, with unknowns.
     */
    readonly inputs: Readonly<Record<string, unknown>>;
    /** Its outputs; absent in a plan, which knows none. */
    readonly outputs?: Readonly<Record<string, unknown>>;
    /** For each input, the URNs of the resources it was made from, where the file records them. */
    readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
}

/** The two kinds of file a baseline can be. */
export type BaselineFormat = "pulumi stack export" | "offline plan";

/** A baseline, with only the resources the program registers: not the stack resource or providers. */
export interface Baseline {
    /** The file it was read from, as given. */
    readonly file: string;
    readonly format: BaselineFormat;
    readonly resources: readonly BaselineResource[];
}

/** A baseline file that cannot be used: not found, not JSON, of another kind, project or stack. */
export class BaselineError extends Error {}

/** Types of the resources the engine adds to every stack, which no program registers: not ours to diff. */
export function isEngineResource(type: string): boolean {
    return type === "pulumi:pulumi:Stack" || type.startsWith("pulumi:providers:");
}
