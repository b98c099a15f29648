// The oldest @pulumi/pulumi and @pulumi/aws that the package's peer ranges
// allow (3.142.0 and 7.2.0), installed with `npm ci` from the package.json and
// package-lock.json in tests/package/oldestSdk/ into a cache folder outside the
// repository, once per lock file:
//
//   npx ts-node --transpile-only tools/oldestSdk.ts   # installs if needed; prints its node_modules folder
//
// The folder is oldest-sdk-<hash of the lock file> in the cache folder of
// cachedInstall.ts. tests/package/oldestSdk.test.ts
// runs the fault and construct tests under it, and installs it first if it
// is missing; .ci/run installs it before `npm test`.
import { execFile } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { promisify } from "util";
import { cacheDir, installOnce } from "./cachedInstall";
import { PROJECT_DIR } from "./projectDir";

/** The project files the install is made from. */
export const OLDEST_SDK_PROJECT = path.join(PROJECT_DIR, "tests", "package", "oldestSdk");

/** Where the install of the current lock file goes. */
export function oldestSdkDir(): string {
    const lock = fs.readFileSync(path.join(OLDEST_SDK_PROJECT, "package-lock.json"));
    return path.join(cacheDir(), `oldest-sdk-${createHash("sha256").update(lock).digest("hex").slice(0, 16)}`);
}

/**
 * The node_modules folder that holds the oldest SDKs, installed first if it is
 * not there yet (npm ci, about 10 to 30 s, needs the npm registry).
 */
export async function oldestSdkModules(): Promise<{ modules: string; installed: boolean }> {
    const { dir, installed } = await installOnce(oldestSdkDir(), async (staging) => {
        for (const file of ["package.json", "package-lock.json"]) {
            fs.copyFileSync(path.join(OLDEST_SDK_PROJECT, file), path.join(staging, file));
        }
        // --ignore-scripts: @pulumi/aws's install script would ask the Pulumi CLI for the AWS plugin.
        await promisify(execFile)("npm", ["ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel", "error"], {
            cwd: staging,
            maxBuffer: 1 << 24,
        }).catch((error: { stderr?: string; message: string }) => {
            throw new Error(
                `npm ci of tests/package/oldestSdk/ failed (it needs the npm registry, once): ` +
                    (error.stderr || error.message),
            );
        });
    });
    return { modules: path.join(dir, "node_modules"), installed };
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
