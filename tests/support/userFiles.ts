// Which files of the project's root are the user's rather than the project's.
// The README has users edit the stack files (their account id, the worked
// example's folder) and write files of their own, such as the worked example's
// baseline.json, so no test may read them: a user's edit must never turn
// `npm test` red. The tests read the dev stack as shipped, in tests/fixtures/.
import { execFileSync } from "child_process";
import * as path from "path";
import { PROJECT_DIR } from "../../tools/projectDir";

/** The dev stack as the repository ships it: the tests' copy of Pulumi.dev.yaml. */
export const SHIPPED_DEV_STACK = path.join(PROJECT_DIR, "tests", "fixtures", "Pulumi.dev.yaml");

/** A stack file (`Pulumi.<stack>.yaml`) or a copy of one (`Pulumi.dev.yaml.orig`); not `Pulumi.yaml`. */
export function isStackFile(name: string): boolean {
    return /^Pulumi\.[^/\\]+\.yaml/.test(name);
}

/**
 * Whether `name`, a file in the project's root, is the user's: a stack file,
 * or a file Git does not track (`tracked`: the root's tracked files, unknown
 * outside a Git checkout).
 */
export function isUserFile(name: string, tracked: ReadonlySet<string> | undefined): boolean {
    return isStackFile(name) || (tracked !== undefined && !tracked.has(name));
}

/** The files of the project's root that Git tracks; `undefined` outside a Git checkout. */
export function trackedRootFiles(): ReadonlySet<string> | undefined {
    try {
        const listed = execFileSync("git", ["ls-files", "-z", "--", "."], {
            cwd: PROJECT_DIR,
            encoding: "utf8",
            stdio: ["ignore", "pipe", "ignore"],
        });
        return new Set(listed.split("\0").filter((file) => file !== "" && !file.includes("/")));
    } catch {
        return undefined;
    }
}
