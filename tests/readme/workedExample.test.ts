// The README's worked example, run word for word in a copy of the repository
// as a new user gets it, and then the parts of `npm test` that the example's
// changes could turn red. A whole `npm test` in the copy would take as long as
// this one; instead, what the example changed is held to each phase:
//   - eslint, the type-check and the build read only TypeScript and JavaScript
//     sources and their settings, and the example changes none;
//   - prettier is run on the changed files in the copy, with its ignore files;
//   - mocha: the changes are all the user's files (userFiles.ts), which no test
//     can read (userFilesUnread.ts makes a read fail the run).
// The rest of the copy is the working tree `npm test` checks around this.
// npm test runs this file as a phase of its own (tests/readme/mocharc.json).
import { strict as assert } from "assert";
import { execFile } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { PROJECT_DIR } from "../../tools/projectDir";
import { copyProjectAsShipped } from "../support/projectCopy";
import { isUserFile, trackedRootFiles } from "../support/userFiles";

/** What a command did. */
interface Ran {
    readonly command: string;
    readonly code: number;
    readonly stdout: string;
    readonly stderr: string;
}

/** The code blocks of the README's "A worked example": the commands, what they print, how to undo them. */
function workedExample(): { commands: string[]; output: string; undo: string[] } {
    const readme = fs.readFileSync(path.join(PROJECT_DIR, "README.md"), "utf8");
    const section = /^### A worked example\n([\s\S]*?)(?=^#{2,3} )/m.exec(readme)?.[1];
    assert.ok(section, 'README.md has no section "A worked example"');
    const blocks = [...section.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map(([, language, body]) => ({
        language,
        body,
    }));
    const shell = blocks.filter((block) => block.language === "sh");
    const text = blocks.find((block) => block.language === "text");
    assert.ok(shell.length === 2 && text, "the section has the commands, their output, and the commands to undo them");
    const lines = (body: string) => body.split("\n").filter((line) => line.trim() !== "" && !line.startsWith("#"));
    return { commands: lines(shell[0].body), output: text.body, undo: lines(shell[1].body) };
}

/** Each file of the copy (node_modules aside) with a hash of its bytes. */
function snapshot(dir: string): Map<string, string> {
    const files = new Map<string, string>();
    for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
        const file = path.join(entry.parentPath, entry.name);
        const relative = path.relative(dir, file);
        if (entry.isFile() && relative.split(path.sep)[0] !== "node_modules") {
            files.set(relative, createHash("sha256").update(fs.readFileSync(file)).digest("hex"));
        }
    }
    return files;
}

/** The files whose bytes differ between two snapshots, or that only one has. */
function changedFiles(before: Map<string, string>, after: Map<string, string>): string[] {
    const all = new Set([...before.keys(), ...after.keys()]);
    return [...all].filter((file) => before.get(file) !== after.get(file)).sort();
}

/** Runs `file` with `args` in `cwd`, to its end. */
async function run(cwd: string, file: string, ...args: string[]): Promise<Ran> {
    const command = [file, ...args].join(" ");
    try {
        const { stdout, stderr } = await promisify(execFile)(file, args, { cwd, encoding: "utf8" });
        return { command, code: 0, stdout, stderr };
    } catch (error) {
        const failed = error as { code: number; stdout: string; stderr: string };
        return { command, code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
}

describe("the README's worked example, run word for word in a copy of the repository", () => {
    const example = workedExample();
    let root: string;
    let copy: string;
    let ran: Ran[];
    let changed: string[];
    let prettier: Ran;
    let undone: Ran[];
    let restored: string[];

    before(async () => {
        root = fs.mkdtempSync(path.join(os.tmpdir(), "pinpoint-export-readme-"));
        copy = path.join(root, "pinpoint-export");
        copyProjectAsShipped(copy, [".git", "bin", "lib"]);
        const fresh = snapshot(copy);
        ran = [];
        for (const command of example.commands) {
            ran.push(await run(copy, "sh", "-c", command));
        }
        changed = changedFiles(fresh, snapshot(copy));
        const present = changed.filter((file) => fs.existsSync(path.join(copy, file)));
        prettier = await run(
            copy,
            path.join("node_modules", ".bin", "prettier"),
            "--check",
            "--ignore-unknown",
            ...present,
        );
        undone = [];
        for (const command of example.undo) {
            undone.push(await run(copy, "sh", "-c", command));
        }
        restored = changedFiles(fresh, snapshot(copy));
    });
    after(() => fs.rmSync(root, { recursive: true, force: true }));

    it("runs each command without an error", () => {
        assert.ok(ran.length >= 2, "the example has commands");
        for (const run of ran) {
            assert.equal(run.code, 0, `${run.command}\n${run.stdout}${run.stderr}`);
        }
    });

    it("prints what the README shows", () => {
        // npm's own two lines ("> pinpoint-export@0.1.0 plan", "> ts-node …") come before the plan's.
        const printed = ran[ran.length - 1].stdout.replace(/^\n?(> .*\n)+\n/, "");
        assert.equal(printed, example.output, "update the README's output block to what the plan prints");
    });

    it("changes only the user's files, which no test reads, and no source that eslint or the type-check read", () => {
        assert.ok(changed.length > 0, "the example changes the stack file");
        const tracked = trackedRootFiles();
        for (const file of changed) {
            assert.ok(!file.includes(path.sep) && isUserFile(file, tracked), `${file} is a file of the project`);
            assert.doesNotMatch(file, /\.[cm]?[jt]sx?$/, `${file} is a source file`);
        }
    });

    it("leaves nothing that prettier --check, as npm test runs it, refuses", () => {
        assert.equal(prettier.code, 0, prettier.stdout + prettier.stderr);
    });

    it("is undone by the commands the README gives for it", () => {
        for (const run of undone) {
            assert.equal(run.code, 0, `${run.command}\n${run.stderr}`);
        }
        assert.deepEqual(restored, []);
    });
});
