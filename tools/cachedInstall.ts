// Installs that tests need and that live outside the repository, once each, in
// a cache folder: the oldest SDKs of the peer ranges (oldestSdk.ts), Node.js 24
// and the newest SDKs (test/node24.ts).
//
// The folder is $PINPOINT_EXPORT_SDK_CACHE, else ${XDG_CACHE_HOME:-$HOME/.cache}/pinpoint-export.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** The cache folder that holds every install. */
export function cacheDir(): string {
    return (
        process.env.PINPOINT_EXPORT_SDK_CACHE ??
        path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "pinpoint-export")
    );
}

/**
 * `dir`, made by `install` unless it is there already. The install goes to a
 * folder of its own and is renamed into place when complete, so a run that
 * stops half-way, or two at once, never leave a partial one.
 */
export async function installOnce(
    dir: string,
    install: (staging: string) => Promise<void>,
): Promise<{ dir: string; installed: boolean }> {
    if (fs.existsSync(dir)) {
        return { dir, installed: false };
    }
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    const staging = fs.mkdtempSync(`${dir}.installing-`);
    try {
        await install(staging);
        try {
            fs.renameSync(staging, dir);
        } catch (error) {
            if (!fs.existsSync(dir)) {
                throw error;
            }
            // Another run installed it meanwhile.
        }
    } finally {
        fs.rmSync(staging, { recursive: true, force: true });
    }
    return { dir, installed: true };
}
