// Loaded with `-r`, after transpileCache.cjs, by `npm run mutate`'s test runs:
// when PINPOINT_EXPORT_MUTATION names one of tools/mutate/ruleMutations.ts,
// the file that mutation breaks is compiled with its edits, in memory. The
// working tree is never written, so an interrupted run leaves nothing to undo.
"use strict";
const fs = require("fs");
const path = require("path");
const { transpiled } = require("../transpileCache.cjs");

const ROOT = path.resolve(__dirname, "..", "..");
const id = process.env.PINPOINT_EXPORT_MUTATION;

if (id) {
    const { RULE_MUTATIONS, applyEdits } = require("./ruleMutations.ts");
    const mutation = RULE_MUTATIONS.find((candidate) => candidate.id === id);
    if (!mutation) {
        throw new Error(`PINPOINT_EXPORT_MUTATION=${id} names no mutation of tools/mutate/ruleMutations.ts`);
    }
    const target = path.join(ROOT, mutation.file);
    const compile = require.extensions[".ts"];
    require.extensions[".ts"] = (module, file) => {
        if (path.resolve(file) !== target) {
            compile(module, file);
            return;
        }
        module._compile(transpiled(file, applyEdits(fs.readFileSync(file, "utf8"), mutation)), file);
    };
}
