// Loaded before any test (.mocharc.json), and by the plan processes the tests
// start (planProcess.ts): reading one of the user's files in the project's root
// (userFiles.ts) throws, and fails the run even where a test caught the error.
// Only what is read counts: listing the root or checking a file's size is fine.
// The module itself, not a namespace copy of it (whose members only have getters): its functions are replaced.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import fs = require("fs");
import * as path from "path";
import { fileURLToPath } from "url";
import { PROJECT_DIR } from "../../tools/projectDir";
import { isUserFile, trackedRootFiles } from "./userFiles";

const tracked = trackedRootFiles();
const read: string[] = [];

function refuseUserFile(file: unknown): void {
    if (typeof file !== "string" && !Buffer.isBuffer(file) && !(file instanceof URL)) {
        return; // a file descriptor: its file was refused when it was opened
    }
    const absolute = path.resolve(file instanceof URL ? fileURLToPath(file) : file.toString());
    const name = path.basename(absolute);
    if (path.dirname(absolute) === PROJECT_DIR && isUserFile(name, tracked)) {
        read.push(name);
        throw new Error(
            `A test read ${name} in the project's root, which is the user's to edit or to leave there, so a ` +
                "user's change could turn `npm test` red. Read tests/fixtures/Pulumi.dev.yaml (SHIPPED_DEV_STACK) " +
                "or a file of the test's own instead; a new file of the project needs `git add`.",
        );
    }
}

type Reader = (file: unknown, ...rest: unknown[]) => unknown;

function guard<T extends object>(module: T, names: readonly string[]): void {
    const functions = module as unknown as Record<string, Reader>;
    for (const name of names) {
        const original = functions[name];
        functions[name] = function (this: unknown, file: unknown, ...rest: unknown[]) {
            refuseUserFile(file);
            return original.call(this, file, ...rest);
        };
    }
}

guard(fs, ["readFileSync", "openSync", "readFile", "open", "createReadStream"]);
guard(fs.promises, ["readFile", "open"]);

/** Mocha's root hooks: a read that a test caught and survived still fails the run. */
export const mochaHooks = {
    afterAll(): void {
        if (read.length > 0) {
            throw new Error(`Tests read the user's files ${[...new Set(read)].join(", ")}: see the errors above.`);
        }
    },
};
