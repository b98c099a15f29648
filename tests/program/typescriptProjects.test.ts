import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { PROJECT_DIR } from "../../tools/projectDir";

// @pulumi/pulumi keeps this out of its typings. cmd/run/run.js reads the
// tsconfig with it and, unless PULUMI_NODEJS_TRANSPILE_ONLY is set, runs
// ts-node transpile-only when it returns `noCheck: true`.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { loadTypeScriptCompilerOptions } = require("@pulumi/pulumi/tsutils") as {
    loadTypeScriptCompilerOptions: (tsConfigPath: string) => object;
};

/** tsconfig.json's compilerOptions as the runner reads them: as written, without `extends`. */
function runnerCompilerOptions(): Record<string, unknown> {
    return loadTypeScriptCompilerOptions(path.join(PROJECT_DIR, "tsconfig.json")) as Record<string, unknown>;
}

function parsed(configFile: string): ts.ParsedCommandLine {
    const config = ts.getParsedCommandLineOfConfigFile(path.join(PROJECT_DIR, configFile), undefined, {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (diagnostic) =>
            assert.fail(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")),
    })!;
    assert.deepEqual(config.errors, [], `${configFile} has errors`);
    return config;
}

/** Every TypeScript file of the repository but those other projects own: the build, the examples and their fixtures. */
function repositoryTypeScriptFiles(): string[] {
    const others = new Set(["node_modules", "lib", "bin", "examples", ".git"]);
    const owned = path.join(PROJECT_DIR, "tests", "package", "consumer");
    // The review package's build, as lib/ is the component's.
    const reviewBuild = path.join(PROJECT_DIR, "review", "lib");
    const walk = (dir: string): string[] =>
        fs
            .readdirSync(dir, { withFileTypes: true })
            .filter((entry) => !(dir === PROJECT_DIR && others.has(entry.name)))
            .flatMap((entry) => {
                const file = path.join(dir, entry.name);
                if (entry.isDirectory()) {
                    return file === owned || file === reviewBuild ? [] : walk(file);
                }
                return entry.name.endsWith(".ts") ? [file] : [];
            });
    return walk(PROJECT_DIR).sort();
}

describe("the TypeScript projects", () => {
    it("let `pulumi up` run the program without type-checking it, as @pulumi/pulumi's runner reads tsconfig.json", () => {
        assert.equal(runnerCompilerOptions().noCheck, true);
    });

    it("type-check every file in tsconfig.check.json, which tsconfig.json references for editors", () => {
        const check = parsed("tsconfig.check.json");
        assert.notEqual(check.options.noCheck, true);
        assert.equal(check.options.strict, true);
        assert.deepEqual(check.fileNames.map((file) => path.resolve(file)).sort(), repositoryTypeScriptFiles());

        const runtime = parsed("tsconfig.json");
        assert.deepEqual(
            runtime.projectReferences?.map((reference) => path.resolve(reference.path)),
            [path.join(PROJECT_DIR, "tsconfig.check.json")],
        );
        const manifest = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "package.json"), "utf8")) as {
            scripts: Record<string, string>;
        };
        assert.match(manifest.scripts.typecheck, /tsc -p tsconfig\.check\.json --noEmit/);
    });

    it("compile the program under `pulumi up` with the options it is type-checked with", () => {
        // The runner puts its own target, module, module resolution and source maps under the
        // compilerOptions it reads, so tsconfig.json must state each of them itself.
        const written = runnerCompilerOptions();
        const { noCheck, ...runtime } = parsed("tsconfig.json").options;
        const { composite, noCheck: checked, ...check } = parsed("tsconfig.check.json").options;
        assert.deepEqual([noCheck, checked, composite], [true, false, true]);
        assert.deepEqual({ ...runtime, configFilePath: undefined }, { ...check, configFilePath: undefined });
        for (const option of ["target", "module", "moduleResolution", "sourceMap"]) {
            assert.notEqual(written[option], undefined, `tsconfig.json must set ${option}`);
        }
    });

    it("start Pulumi's schema analyzer from index.ts, the file it looks for when package.json names lib/", () => {
        assert.deepEqual(
            parsed("tsconfig.json").fileNames.map((file) => path.relative(PROJECT_DIR, file)),
            ["index.ts"],
        );
    });
});
