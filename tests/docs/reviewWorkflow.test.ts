// The GitHub Actions job the README offers for CI (examples/ci/review-plan.yml):
// the README shows that very file, and its steps plan the base branch into a
// baseline, then the pull request against it, with arguments the plan accepts,
// and the base branch's review (never the pull request's code) is the gate.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { parsePlanArguments } from "../../plan/runPlan";
import { parseReviewArguments } from "../../review/src/runReview";
import { PROJECT_DIR } from "../../tools/projectDir";

const WORKFLOW_FILE = path.join("examples", "ci", "review-plan.yml");

interface Step {
    name?: string;
    uses?: string;
    with?: Record<string, string | number>;
    run?: string;
    "working-directory"?: string;
}

interface Workflow {
    on: string | string[] | Record<string, unknown>;
    env?: Record<string, string>;
    jobs: Record<string, { "runs-on": string; steps: Step[] }>;
}

/** One `npm run plan` of a run step: its directory, its arguments, and the file its stdout goes to. */
interface PlanCommand {
    /** `plan` or `review`. */
    readonly script: string;
    readonly dir: string;
    readonly argv: string[];
    readonly stdoutTo?: string;
    /** Whether `npm ci` ran in the same directory before it. */
    readonly afterInstall: boolean;
}

/** A shell line's words, with double quotes removed and `$NAME` taken from `env`. */
function words(line: string, env: Record<string, string>): string[] {
    return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map(([, quoted, bare]) =>
        (quoted ?? bare).replace(/\$(\w+)/g, (_, name: string) => env[name] ?? `<unset ${name}>`),
    );
}

/** Each `npm run plan` the job's steps run, in order. */
function planCommands(steps: readonly Step[], env: Record<string, string>): PlanCommand[] {
    const installed = new Set<string>();
    const commands: PlanCommand[] = [];
    for (const step of steps.filter((candidate) => candidate.run !== undefined)) {
        const dir = step["working-directory"] ?? ".";
        for (const line of step.run!.split("\n").filter((text) => text.trim() !== "")) {
            const [command, ...rest] = words(line, env);
            if (command === "npm" && rest[0] === "ci") {
                installed.add(dir);
            } else if (command === "npm" && (rest.includes("plan") || rest.includes("review"))) {
                const argv = rest.slice(rest.indexOf("--") + 1);
                const redirect = argv.findIndex((word) => word === ">" || word === ">>");
                commands.push({
                    script: rest.includes("plan") ? "plan" : "review",
                    dir,
                    argv: redirect === -1 ? argv : argv.slice(0, redirect),
                    stdoutTo: redirect === -1 ? undefined : argv[redirect + 1],
                    afterInstall: installed.has(dir),
                });
            }
        }
    }
    return commands;
}

describe("the CI job the README offers (examples/ci/review-plan.yml)", () => {
    const text = fs.readFileSync(path.join(PROJECT_DIR, WORKFLOW_FILE), "utf8");
    const workflow = yaml.load(text) as Workflow;
    const [job, ...others] = Object.values(workflow.jobs);
    // What GitHub sets: the runner's temporary directory.
    const env = { ...workflow.env, RUNNER_TEMP: "/runner/temp" };

    it("is the file the README shows", () => {
        const readme = fs.readFileSync(path.join(PROJECT_DIR, "README.md"), "utf8");
        assert.ok(readme.includes(`\`\`\`yaml\n${text}\`\`\`\n`), "README.md's In CI block differs from the file");
        assert.ok(readme.includes(`(${WORKFLOW_FILE})`), "the README links to the file");
    });

    it("runs one job for each pull request, on a runner GitHub hosts", () => {
        const events = typeof workflow.on === "string" ? [workflow.on] : Object.keys(workflow.on);
        assert.deepEqual(events, ["pull_request"]);
        assert.deepEqual(others, []);
        assert.equal(job["runs-on"], "ubuntu-latest");
    });

    it("checks out the pull request and its base branch side by side, with Node.js 24", () => {
        const checkouts = job.steps.filter((step) => step.uses?.startsWith("actions/checkout@"));
        assert.deepEqual(
            checkouts.map((step) => [step.with?.path, step.with?.ref]),
            [
                ["head", undefined],
                ["base", "${{ github.event.pull_request.base.sha }}"],
            ],
        );
        const node = job.steps.find((step) => step.uses?.startsWith("actions/setup-node@"));
        assert.equal(node?.with?.["node-version"], 24);
    });

    it("plans the base branch into a baseline, then the pull request against it, and gates with the base's review", () => {
        const [baseline, change, gate, ...more] = planCommands(job.steps, env);
        assert.deepEqual(more, []);
        assert.deepEqual(
            [baseline, change, gate].map((command) => [command.script, command.dir]),
            [
                ["plan", "base"],
                ["plan", "head"],
                ["review", "base"],
            ],
            "the gate runs in the base branch's checkout, so the pull request cannot change it",
        );
        assert.ok(baseline.afterInstall && change.afterInstall && gate.afterInstall, "npm ci runs before each");
        const [written, read] = [parsePlanArguments(baseline.argv), parsePlanArguments(change.argv)];
        // A string is the plan's refusal of its arguments.
        assert.ok(typeof written !== "string", `the plan refuses ${baseline.argv.join(" ")}: ${written as string}`);
        assert.ok(typeof read !== "string", `the plan refuses ${change.argv.join(" ")}: ${read as string}`);
        assert.equal(written.json, true, "a baseline is the plan's JSON");
        assert.equal(baseline.stdoutTo, read.against, "the plan of the change reads the baseline the first wrote");
        assert.equal(read.json, true, "the change is the plan's JSON, in the shape of `pulumi preview --json`");
        assert.equal(written.stack, read.stack);
        assert.equal(read.stack, workflow.env?.STACK, "both plan the stack the workflow names");
        const reviewed = parseReviewArguments(gate.argv);
        assert.ok(typeof reviewed !== "string", `the review refuses ${gate.argv.join(" ")}: ${reviewed as string}`);
        assert.equal(reviewed.preview, change.stdoutTo, "the gate reviews the change the head's plan wrote");
        assert.equal(reviewed.failOnBroadening, true);
        assert.equal(reviewed.format, "markdown");
    });
});

describe("the CI job for a program of one's own (examples/ci/review-preview.yml)", () => {
    const file = path.join("examples", "ci", "review-preview.yml");
    const workflow = yaml.load(fs.readFileSync(path.join(PROJECT_DIR, file), "utf8")) as Workflow;
    const [job] = Object.values(workflow.jobs);
    const runs = job.steps.flatMap((step) =>
        step.run ? [{ dir: step["working-directory"] ?? ".", run: step.run }] : [],
    );

    it("is linked from the README", () => {
        const readme = fs.readFileSync(path.join(PROJECT_DIR, "README.md"), "utf8");
        assert.ok(readme.includes(`(${file})`));
    });

    it("installs the gate at a pinned version outside the pull request's checkout, and reads the accept list from the base", () => {
        const install = runs.find((step) => step.run.includes("npm install --prefix"));
        assert.ok(install, "the job installs the gate with npm install --prefix");
        assert.match(install.run, /--prefix "\$RUNNER_TEMP\/gate" pinpoint-export-review@\d+\.\d+\.\d+ /);
        assert.notEqual(install.dir, "head");
        const gate = runs.find((step) => step.run.includes('pinpoint-export-review"'));
        assert.ok(gate, "the job runs the gate's bin");
        assert.notEqual(gate.dir, "head");
        assert.match(gate.run, /\$RUNNER_TEMP\/gate\/node_modules\/\.bin\/pinpoint-export-review/);
        assert.match(gate.run, /--accept base\//);
        const argv = words(
            gate.run
                .replace(/\\\n/g, " ")
                .split("\n")
                .filter((line) => line.trim() !== "")
                .pop()!,
            {
                RUNNER_TEMP: "/runner/temp",
                accept: "",
            },
        )
            .slice(1)
            .filter((word) => word !== "");
        const redirect = argv.indexOf(">>");
        const parsed = parseReviewArguments(argv.slice(0, redirect));
        assert.ok(typeof parsed !== "string", `the review refuses ${argv.join(" ")}: ${parsed as string}`);
        assert.equal(parsed.failOnBroadening, true);
        assert.equal(parsed.format, "markdown");
        assert.equal(argv[redirect + 1], "<unset GITHUB_STEP_SUMMARY>", "the Markdown goes to the job summary");
    });
});
