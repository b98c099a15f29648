// The phases of `npm test`: every check the project has, each a script of
// package.json, and what each needs before it can start.
import { staleLibraryReason } from "../libraryBuild";

/** One phase of `npm test`: a package.json script, and the phases it must wait for. */
export interface Phase {
    /** The phase's name in the summary, e.g. `eslint`. */
    readonly name: string;
    /** The package.json script that runs it, e.g. `lint:eslint`: `npm run <script>` runs the phase alone. */
    readonly script: string;
    /** The phases that must have passed before it starts. */
    readonly after: readonly string[];
    /** Whether its work is already done, so that it need not run: the library build, when lib/ is fresh. */
    readonly upToDate?: () => boolean;
}

/**
 * The phases, longest first among those that can start at once, so that the
 * machine's cores are kept busy. Mocha waits for the library build: the
 * package tests pack `lib/`.
 */
export const PHASES: readonly Phase[] = [
    { name: "eslint", script: "lint:eslint", after: [] },
    // `npm ci` builds lib/ (the "prepare" script), so in CI it is fresh already.
    { name: "build", script: "build", after: [], upToDate: () => staleLibraryReason() === undefined },
    { name: "mocha", script: "test:mocha", after: ["build"] },
    { name: "typecheck", script: "typecheck", after: [] },
    { name: "prettier", script: "lint:prettier", after: [] },
    // The README's worked example in a copy of the repository, beside mocha rather than in it (about 5 s).
    { name: "readme", script: "test:readme", after: [] },
];
