// What the real-cloud test needs, and why it cannot run when something is
// missing: the opt-in, the Pulumi CLI (the Automation API drives it), the AWS
// CLI (which checks what was deployed) and AWS credentials.
import * as fs from "fs";
import * as path from "path";
import { awsCli } from "./awsCli";

/** The environment variable that opts in to deploying to a real AWS account. */
export const OPT_IN = "PINPOINT_EXPORT_INTEGRATION";

/** Whether an executable named `command` is on the PATH. */
function onPath(command: string): boolean {
    const names = process.platform === "win32" ? [`${command}.exe`, `${command}.cmd`] : [command];
    return (process.env.PATH ?? "").split(path.delimiter).some((dir) =>
        names.some((name) => {
            try {
                fs.accessSync(path.join(dir, name), fs.constants.X_OK);
                return true;
            } catch {
                return false;
            }
        }),
    );
}

/**
 * Why the real-cloud test cannot run here: one reason per missing
 * prerequisite, none when it can. Credentials are only asked for (a call to
 * AWS STS) once everything else is there.
 */
export function missingPrerequisites(): string[] {
    const missing = [
        ...(process.env[OPT_IN] === "1" ? [] : [`${OPT_IN} is not 1`]),
        ...(onPath("pulumi") ? [] : ["the pulumi CLI is not on PATH"]),
        ...(onPath("aws") ? [] : ["the aws CLI is not on PATH"]),
    ];
    if (missing.length === 0) {
        try {
            awsCli(["sts", "get-caller-identity"]);
        } catch (error) {
            missing.push(`no usable AWS credentials (${(error as Error).message.split("\n")[0]})`);
        }
    }
    return missing;
}
