// Whether lib/, the npm library, is the build of components/ as they are now.
// Plain Node.js, shared by `npm test` (which builds only when it is not) and
// the package tests (which refuse to pack a stale build).
import * as fs from "fs";
import * as path from "path";
import { PROJECT_DIR } from "./projectDir";

const SOURCE_DIR = path.join(PROJECT_DIR, "components");
const LIBRARY_DIR = path.join(PROJECT_DIR, "lib");
/** The files besides the sources that decide what the build writes. */
const BUILD_SETTINGS = ["tsconfig.json", "tsconfig.build.json"].map((file) => path.join(PROJECT_DIR, file));

/** Every file under `dir`, relative to it, with `/` separators; none if it does not exist. */
function filesUnder(dir: string): string[] {
    if (!fs.existsSync(dir)) {
        return [];
    }
    return fs
        .readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"));
}

/** What lib/ holds when it is the build of components/: a `.js` and a `.d.ts` for each source. */
export function expectedLibraryFiles(): string[] {
    return filesUnder(SOURCE_DIR)
        .filter((file) => file.endsWith(".ts"))
        .flatMap((file) => [file.replace(/\.ts$/, ".js"), file.replace(/\.ts$/, ".d.ts")])
        .sort();
}

/**
 * Why lib/ is not the build of components/ as they are now, or `undefined`
 * when it is: it must hold exactly the files of their build, each newer than
 * its source and than the build's settings.
 */
export function staleLibraryReason(): string | undefined {
    const expected = expectedLibraryFiles();
    const actual = filesUnder(LIBRARY_DIR).sort();
    const missing = expected.filter((file) => !actual.includes(file));
    if (missing.length > 0) {
        return `lib/ has no ${missing.slice(0, 3).join(", ")}${missing.length > 3 ? ", …" : ""}`;
    }
    const extra = actual.filter((file) => !expected.includes(file));
    if (extra.length > 0) {
        return `lib/ holds ${extra.slice(0, 3).join(", ")}${extra.length > 3 ? ", …" : ""}, built from no source`;
    }
    const settingsTime = Math.max(...BUILD_SETTINGS.map((file) => fs.statSync(file).mtimeMs));
    const older = filesUnder(SOURCE_DIR)
        .filter((file) => file.endsWith(".ts"))
        .find((file) => {
            const built = fs.statSync(path.join(LIBRARY_DIR, file.replace(/\.ts$/, ".js"))).mtimeMs;
            return built < fs.statSync(path.join(SOURCE_DIR, file)).mtimeMs || built < settingsTime;
        });
    return older === undefined ? undefined : `lib/ is older than components/${older} or the build's settings`;
}
