import { execFile } from "child_process";
import * as path from "path";
import { promisify } from "util";
import { PROJECT_DIR } from "../../tools/projectDir";

/** Makes the process refuse to read the user's files, as the tests do. */
const USER_FILES_UNREAD = path.join(__dirname, "userFilesUnread.ts");

/** What a run of the plan printed, and its exit code. */
export interface PlanRun {
    readonly code: number;
    readonly stdout: string;
    readonly stderr: string;
}

/** Runs the plan as a user does, `npm run plan -- <args>`, minus npm's own start-up, in a process of its own. */
export async function planProcess(...args: string[]): Promise<PlanRun> {
    try {
        const { stdout, stderr } = await promisify(execFile)(
            process.execPath,
            ["-r", "./tools/transpileCache.cjs", "-r", USER_FILES_UNREAD, "plan/main.ts", ...args],
            { cwd: PROJECT_DIR },
        );
        return { code: 0, stdout, stderr };
    } catch (error) {
        const failed = error as { code: number; stdout: string; stderr: string };
        return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
}
