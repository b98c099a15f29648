// The oldest @pulumi/pulumi and @pulumi/aws that the package's peer ranges
// allow (3.142.0 and 7.2.0), installed with `npm ci` from the package.json and
// package-lock.json in tests/package/oldestSdk/ into a cache folder outside the
// repository, once per lock file:
//
//   npx ts-node --transpile-only tools/oldestSdk.ts   # installs if needed; prints its node_modules folder
//
// The folder is $PINPOINT_EXPORT_SDK_CACHE, else ${XDG_CACHE_HOME:-$HOME/.cache}/pinpoint-export,
// then oldest-sdk-<hash of the lock file>. tests/package/oldestSdk.test.ts
// runs the fault and construct tests under it, and installs it first if it
// is missing; .ci/run installs it before `npm test`.
import { execFile } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { PROJECT_DIR } from "./projectDir";

/** The project files the install is made from. */
export const OLDEST_SDK_PROJECT = path.join(PROJECT_DIR, "tests", "package", "oldestSdk");

/** Where the install of the current lock file goes. */
export function oldestSdkDir(): string {
    const cache =
        process.env.PINPOINT_EXPORT_SDK_CACHE ??
        path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "pinpoint-export");
    const lock = fs.readFileSync(path.join(OLDEST_SDK_PROJECT, "package-lock.json"));
    return path.join(cache, `oldest-sdk-${createHash("sha256").update(lock).digest("hex").slice(0, 16)}`);
}

/**
 * The node_modules folder that holds the oldest SDKs, installed first if it is
 * not there yet (npm ci, about 10 to 30 s, needs the npm registry). An install
 * goes to a folder of its own and is renamed into place when complete, so a
 * run that stops half-way, or two at once, never leave a partial one.
 */
export async function oldestSdkModules(): Promise<{ modules: string; installed: boolean }> {
    const dir = oldestSdkDir();
    const modules = path.join(dir, "node_modules");
    if (fs.existsSync(modules)) {
        return { modules, installed: false };
    }
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    const staging = fs.mkdtempSync(`${dir}.installing-`);
    try {
        for (const file of ["package.json", "package-lock.json"]) {
            fs.copyFileSync(path.join(OLDEST_SDK_PROJECT, file), path.join(staging, file));
        }
        // --ignore-scripts: @pulumi/aws's install script would ask the Pulumi CLI for the AWS plugin.
        await promisify(execFile)("npm", ["ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel", "error"], {
            cwd: staging,
            maxBuffer: 1 << 24,
        }).catch((error: { stderr?: string; message: string }) => {
            throw new Error(
                `npm ci of tests/package/oldestSdk/ into ${dir} failed (it needs the npm registry, once): ` +
                    (error.stderr || error.message),
            );
        });
        try {
            fs.renameSync(staging, dir);
        } catch (error) {
            if (!fs.existsSync(modules)) {
                throw error;
            }
            // Another run installed it meanwhile.
        }
    } finally {
        fs.rmSync(staging, { recursive: true, force: true });
    }
    return { modules, installed: true };
}

if (require.main === module) {
    oldestSdkModules().then(
        ({ modules, installed }) => {
            process.stderr.write(installed ? "Installed the oldest SDKs.\n" : "The oldest SDKs are installed.\n");
            process.stdout.write(`${modules}\n`);
        },
        (error: unknown) => {
            process.stderr.write(`${(error as Error).message}\n`);
            process.exit(1);
        },
    );
}
