// The newest @pulumi/pulumi and @pulumi/aws that the npm registry serves,
// beside the rest of this repository's devDependencies at their pinned
// versions, installed once per set of versions into the cache folder of
// cachedInstall.ts: what test/node24.ts runs the component's tests with.
import { execFile } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { promisify } from "util";
import { cacheDir, installOnce } from "../cachedInstall";
import { PROJECT_DIR } from "../projectDir";

/** The packages taken at their newest. */
export const NEWEST_SDKS = ["@pulumi/pulumi", "@pulumi/aws"] as const;

async function npm(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv }): Promise<string> {
    return promisify(execFile)("npm", args, { ...options, encoding: "utf8", maxBuffer: 1 << 24 }).then(
        ({ stdout }) => stdout,
        (error: { stderr?: string; message: string }) => {
            throw new Error(
                `npm ${args.join(" ")} failed (it needs the npm registry): ${error.stderr || error.message}`,
            );
        },
    );
}

/**
 * The node_modules folder that holds the newest SDKs, installed first if it is
 * not there yet (npm install, about 30 to 60 s), and their versions. `env` is
 * the environment npm runs in: Node 24's, as the newest SDK needs Node >= 22.
 */
export async function newestSdkModules(
    env: NodeJS.ProcessEnv,
): Promise<{ modules: string; versions: Record<string, string>; installed: boolean }> {
    const versions: Record<string, string> = {};
    for (const name of NEWEST_SDKS) {
        versions[name] = (await npm(["view", name, "version"], { env })).trim();
    }
    // The root's devDependencies and the review workspace's own: the plan and the type-check reach the
    // review's sources, which need z3-solver and the IAM catalogue.
    const manifestOf = (folder: string) =>
        JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, folder, "package.json"), "utf8")) as {
            dependencies?: Record<string, string>;
            devDependencies?: Record<string, string>;
        };
    const own = manifestOf(".");
    const review = manifestOf("review");
    const manifest = JSON.stringify(
        {
            name: "pinpoint-export-newest-sdk",
            version: "0.0.0",
            private: true,
            license: "Apache-2.0",
            dependencies: {
                ...review.dependencies,
                ...review.devDependencies,
                ...own.devDependencies,
                ...versions,
            },
        },
        null,
        4,
    );
    const hash = createHash("sha256").update(manifest).digest("hex").slice(0, 16);
    const { dir, installed } = await installOnce(path.join(cacheDir(), `newest-sdk-${hash}`), async (staging) => {
        fs.writeFileSync(path.join(staging, "package.json"), manifest);
        // --ignore-scripts: @pulumi/aws's install script would ask the Pulumi CLI for the AWS plugin.
        await npm(["install", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel", "error"], {
            cwd: staging,
            env,
        });
    });
    return { modules: path.join(dir, "node_modules"), versions, installed };
}
