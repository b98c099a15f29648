// The README's "Reviewing a change in your own program", run word for word:
// the review packed from a copy of the checkout's review/, installed into a program of
// the user's, and a preview piped into it. `pulumi` here is a stand-in on PATH
// that prints a preview built to the engine's shape (tests/support/previewBuilder.ts):
// there is no AWS provider or credentials to preview a real program with.
import { strict as assert } from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { PROJECT_DIR } from "../../tools/projectDir";
import { widerFolderPreview } from "../support/previewBuilder";

/** The commands of the section's first `sh` block. */
function consumerCommands(): string[] {
    const readme = fs.readFileSync(path.join(PROJECT_DIR, "README.md"), "utf8");
    const section = /^## Reviewing a change in your own program\n([\s\S]*?)(?=^## )/m.exec(readme)?.[1];
    assert.ok(section, 'README.md has no section "Reviewing a change in your own program"');
    const block = /^```sh\n([\s\S]*?)^```$/m.exec(section)?.[1];
    assert.ok(block, "the section has no sh block");
    return block.split("\n").filter((line) => line.trim() !== "" && !line.startsWith("#"));
}

describe("the README's consumer review, run word for word", () => {
    let root: string;
    let ran: { code: number; stdout: string; stderr: string };

    before(async function () {
        // Packing builds review/lib/ with tsc; npm installs z3-solver from its cache.
        this.timeout(180_000);
        root = fs.mkdtempSync(path.join(os.tmpdir(), "pinpoint-export-consumer-review-"));
        // The parts of a checkout the commands read: review/, the compiler options it extends, node_modules.
        const checkout = path.join(root, "pinpoint-export");
        fs.cpSync(path.join(PROJECT_DIR, "review"), path.join(checkout, "review"), {
            recursive: true,
            filter: (source) =>
                !["lib", "node_modules"].includes(path.relative(PROJECT_DIR, source).split(path.sep)[1]),
        });
        fs.copyFileSync(path.join(PROJECT_DIR, "tsconfig.json"), path.join(checkout, "tsconfig.json"));
        fs.symlinkSync(path.join(PROJECT_DIR, "node_modules"), path.join(checkout, "node_modules"), "dir");
        const program = path.join(root, "my-program");
        fs.mkdirSync(program);
        fs.writeFileSync(path.join(program, "package.json"), JSON.stringify({ name: "my-program", private: true }));
        const stand = path.join(root, "stand-in");
        fs.mkdirSync(stand);
        fs.writeFileSync(path.join(stand, "preview.json"), JSON.stringify(widerFolderPreview("shop-exports"), null, 4));
        fs.writeFileSync(
            path.join(stand, "pulumi"),
            `#!/bin/sh\n# A stand-in for \`pulumi preview --json\`: no AWS here.\ncat "${path.join(stand, "preview.json")}"\n`,
            { mode: 0o755 },
        );
        try {
            const { stdout, stderr } = await promisify(execFile)("sh", ["-c", consumerCommands().join("\n")], {
                cwd: root,
                encoding: "utf8",
                maxBuffer: 1 << 24,
                env: {
                    ...process.env,
                    PATH: `${stand}${path.delimiter}${process.env.PATH}`,
                    // Offline where npm's cache has the packages: the words stay the README's.
                    npm_config_prefer_offline: "true",
                    npm_config_audit: "false",
                    npm_config_fund: "false",
                },
            });
            ran = { code: 0, stdout, stderr };
        } catch (error) {
            const failed = error as { code: number; stdout: string; stderr: string };
            ran = { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
        }
    });
    after(() => fs.rmSync(root, { recursive: true, force: true }));

    it("installs the packed review into the program, and its bin fails the gate with 3 on a broadening", () => {
        assert.equal(ran.code, 3, `${ran.stdout}\n${ran.stderr}`);
        assert.ok(fs.existsSync(path.join(root, "my-program", "node_modules", "pinpoint-export-review", "lib")));
    });

    it("prints Markdown for the job summary, the verdict first, naming the role and its component", () => {
        const markdown = ran.stdout.slice(ran.stdout.indexOf("### pinpoint-export-review"));
        assert.match(markdown, /^### pinpoint-export-review\n\n\*\*Verdict: BROADENS ACCESS/);
        assert.match(markdown, /\| `exports-role` \(exports\) \| yes \| no \| - \|/);
        assert.match(markdown, /<details><summary>Witnesses<\/summary>/);
    });
});
