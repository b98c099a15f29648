// Runs this repository's TypeScript (`npm run plan`, the solver's process,
// mocha) without paying for TypeScript at every start: each .ts file is
// transpiled once, as `ts-node --transpile-only` transpiles it (the compiler
// options of tsconfig.json, no type-check), and kept in
// node_modules/.cache/pinpoint-export/ under a hash of its text, the
// options and the compiler's version. TypeScript itself is loaded only when a
// file is new or changed. Type-checking stays where it was: `npm test`.
//
// Use: node -r ./tools/transpileCache.cjs plan/main.ts
//
// Stack traces point into the JavaScript, not the TypeScript: the Pulumi SDK
// captures a stack trace for every promise it tracks, and mapping each through
// a source map cost mocha about a tenth of its time. PINPOINT_EXPORT_SOURCE_MAPS=1
// maps them, for a failure that needs its TypeScript line.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const CACHE_DIR = path.join(ROOT, "node_modules", ".cache", "pinpoint-export");
const TSCONFIG = path.join(ROOT, "tsconfig.json");
const TYPESCRIPT_VERSION = require("typescript/package.json").version;
// What decides the output besides each file: tsconfig.json, and this file's own options.
const CONFIG_TEXT = fs.readFileSync(TSCONFIG, "utf8") + fs.readFileSync(__filename, "utf8");

let typescript;
let parsedOptions;

/** Whether stack traces are mapped to the TypeScript. */
const SOURCE_MAPS = process.env.PINPOINT_EXPORT_SOURCE_MAPS === "1";

/** The compiler options of tsconfig.json, as ts-node reads them, for CommonJS, with source maps only when asked. */
function options() {
    if (!parsedOptions) {
        typescript = require("typescript");
        const read = typescript.readConfigFile(TSCONFIG, typescript.sys.readFile);
        const parsed = typescript.parseJsonConfigFileContent(read.config, typescript.sys, ROOT);
        parsedOptions = {
            ...parsed.options,
            module: typescript.ModuleKind.CommonJS,
            sourceMap: false,
            inlineSourceMap: SOURCE_MAPS,
            inlineSources: false,
            declaration: false,
            noEmit: false,
        };
    }
    return parsedOptions;
}

/**
 * The JavaScript of the TypeScript file `file` (whose text is `source`, read from the file unless
 * given: `npm run mutate` gives a file with one rule broken), from the cache or transpiled now and kept.
 */
function transpiled(file, source = fs.readFileSync(file, "utf8")) {
    const key = crypto
        .createHash("sha256")
        .update(TYPESCRIPT_VERSION)
        .update("\0")
        .update(CONFIG_TEXT)
        .update(SOURCE_MAPS ? "\0maps\0" : "\0")
        .update(file)
        .update("\0")
        .update(source)
        .digest("hex");
    const cached = path.join(CACHE_DIR, `${key.slice(0, 32)}.js`);
    try {
        return fs.readFileSync(cached, "utf8");
    } catch {
        // Not kept yet: transpile it.
    }
    const compilerOptions = options();
    const output = typescript.transpileModule(source, {
        compilerOptions,
        fileName: file,
        reportDiagnostics: false,
    }).outputText;
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    // Written under a name of its own, then renamed: two processes never read half a file.
    const partial = `${cached}.${process.pid}.tmp`;
    fs.writeFileSync(partial, output);
    fs.renameSync(partial, cached);
    return output;
}

/** Lets `require` load .ts files through the cache. */
function register() {
    if (SOURCE_MAPS) {
        process.setSourceMapsEnabled(true);
    }
    require.extensions[".ts"] = (module, file) => {
        module._compile(transpiled(file), file);
    };
}

register();

module.exports = { transpiled };
