import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { getPulumiComponents } from "@pulumi/pulumi/provider/experimental";
import { PROJECT_DIR } from "../../tools/projectDir";

interface PackageManifest {
    readonly main?: string;
    readonly exports?: string | { readonly ".": string | { readonly default?: string; readonly require?: string } };
}

function readJson<T>(file: string): T {
    return JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, file), "utf8")) as T;
}

/**
 * The file `pulumi up` runs for a Node.js project whose Pulumi.yaml has the
 * given `main`, as the CLI and @pulumi/pulumi's cmd/run/run.js work it out:
 * a file `main` is run as given; otherwise the entry point is "." and run.js
 * takes package.json's "exports" (else "main") target, if that file exists.
 */
function programPulumiUpRuns(main: string | undefined, manifest: PackageManifest): string {
    if (main && !fs.statSync(path.join(PROJECT_DIR, main)).isDirectory()) {
        return path.join(PROJECT_DIR, main);
    }
    const exported = typeof manifest.exports === "object" ? manifest.exports["."] : manifest.exports;
    const target = (typeof exported === "object" ? (exported.default ?? exported.require) : exported) ?? manifest.main;
    const file = target && path.join(PROJECT_DIR, target);
    return file && fs.existsSync(file) ? file : PROJECT_DIR;
}

describe("entry points", () => {
    const manifest = readJson<PackageManifest>("package.json");

    it("`pulumi up` runs the stack program, index.ts, though package.json names the library", () => {
        const project = yaml.load(fs.readFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), "utf8")) as { main?: string };
        assert.equal(
            programPulumiUpRuns(project.main, manifest),
            path.join(PROJECT_DIR, "index.ts"),
            "Pulumi.yaml must keep `main: index.ts`",
        );
        // Why Pulumi.yaml needs it: without it, the library would run, register nothing,
        // and `pulumi up` would delete the stack's resources.
        assert.equal(programPulumiUpRuns(undefined, manifest), path.join(PROJECT_DIR, "lib", "index.js"));
    });

    it("the plugin host, which requires this directory, loads the plugin entry: a function, and no component", function () {
        const loaded = require.resolve(PROJECT_DIR);
        if (loaded !== path.join(PROJECT_DIR, "lib", "pluginHost.js")) {
            assert.fail(`Node loads ${loaded} for this directory; run \`npm run build\` (npm ci and npm install do).`);
        }
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const entry: unknown = require(loaded);
        // cmd/run-plugin serves the component classes it finds with the SDK's own provider,
        // and calls what it loaded when it finds none: here, the start of this package's provider.
        assert.deepEqual(getPulumiComponents(entry), []);
        assert.equal(typeof entry, "function");
        assert.equal((entry as { name: string }).name, "servePlugin");
    });
});
