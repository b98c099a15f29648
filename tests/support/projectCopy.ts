import * as fs from "fs";
import * as path from "path";
import { PROJECT_DIR } from "../../tools/projectDir";
import { isUserFile, SHIPPED_DEV_STACK, trackedRootFiles } from "./userFiles";

/**
 * Copies the project into `dir` as a new user gets it: its own files, less
 * the top-level entries named in `leftOut`; the dev stack as shipped; none of
 * the user's files (userFiles.ts); and this node_modules, linked, not copied.
 */
export function copyProjectAsShipped(dir: string, leftOut: readonly string[]): void {
    const tracked = trackedRootFiles();
    const skipped = new Set(["node_modules", ...leftOut]);
    fs.cpSync(PROJECT_DIR, dir, {
        recursive: true,
        filter: (source) => {
            const relative = path.relative(PROJECT_DIR, source);
            if (relative === "" || relative.includes(path.sep)) {
                return true;
            }
            return !skipped.has(relative) && (fs.statSync(source).isDirectory() || !isUserFile(relative, tracked));
        },
    });
    fs.copyFileSync(SHIPPED_DEV_STACK, path.join(dir, "Pulumi.dev.yaml"));
    fs.symlinkSync(path.join(PROJECT_DIR, "node_modules"), path.join(dir, "node_modules"), "dir");
}
