// The offline plan under any stack file a person might write: each run ends in
// a plan whose policies pass the rules, or in exit code 1 with one message
// that names the key or the line at fault; never a stack trace, another code
// or a hang. And whatever the file, the plan only reads it.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import fc from "fast-check";
import {
    PERMISSION_POLICY_MAX_SIZE,
    policySizeViolation,
    TRUST_POLICY_MAX_SIZE,
} from "../../components/validation/policyQuotas";
import { PINPOINT_SERVICE_PRINCIPAL } from "../../components/policies/trustPolicy";
import { runPlan } from "../../plan/runPlan";
import { PROJECT_DIR } from "../../tools/projectDir";
import { PlanRun } from "../support/planProcess";
import { isCommonEnough, propertyRuns } from "../support/propertyRuns";
import { stackFileText } from "../support/stackFileTexts";

/**
 * The share of generated stack files that are valid. A valid one costs about
 * 15 ms (the program runs and registers four resources), one with a bad value
 * about 5 ms (the program stops at its config), broken YAML well under 1 ms.
 * At 2,000 cases, 1% valid (and 2% with bad values; some broken ones stay
 * valid too, so about 2.5% end in a plan) keeps the property at 2.5 to 4 s of
 * mocha's time on this shared 2-core machine, while every part of the plan
 * runs dozens of times.
 */
const VALID_SHARE = 0.01;

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const SECRET_SIGNATURE = "4dabf18193072939515e22adb298388d";

interface PlanJson {
    config: Record<string, string>;
    steps: { newState: { type: string; inputs: Record<string, unknown> } }[];
    outputs: Record<string, unknown>;
}

interface PolicyDocument {
    Version: string;
    Statement: { Principal?: unknown; Resource?: string[]; Condition?: Record<string, Record<string, unknown>> }[];
}

/** The messages the plan refuses a stack file with: each names a key or a line. */
const REFUSALS: readonly RegExp[] = [
    // A key's value breaks a rule: one line per key, `<namespace>:<key>: <value> <rule>` (keys may hold spaces).
    /^The config of stack "dev" is invalid:\n( {2}- [^\s:]*:.*: .*\n)+$/,
    // A required key unset: each named, and a key that may be its misspelling named with its value.
    /^Stack "dev" is missing configuration values? \S+:\S+(( and|,) \S+:\S+)*: set (it|them) with .*\n$/,
    /^Stack "dev" is missing configuration values? \S+:\S+(( and|,) \S+:\S+)*:\n( {2}- \S+:\S+(: ".*" is not a key of this project| is not set)\. Fix: .*\n)+$/,
    // A value the CLI reads otherwise than written (an unquoted 0755 as 493): each named, with how to write it
    // (a tag's key may hold spaces: `pinpoint-export:tags.9 _=`).
    /^stack\.yaml has (a value|values) that the Pulumi CLI reads otherwise than written .*:\n( {2}- [^\s:]*:.*: .* reaches the program as ".*", not as written: .*\. Fix: write `.*`.*\n)+$/s,
    // What the CLI itself refuses: NaN or an infinity (JSON has neither), a key that is not text.
    /^stack\.yaml: \S+: .* to YAML, which the Pulumi CLI cannot hand a program \(JSON has no NaN or infinity\)/,
    /^stack\.yaml: the config key .* is .* to YAML, not text, and the Pulumi CLI refuses it/,
    /^stack\.yaml sets .*:.* twice, as ".*" and as ".*": keep one\.\n$/,
    /^stack\.yaml: .*:.* (holds more than 10,000 values|contains itself)/,
    /^stack\.yaml: config must be a mapping of keys to values/,
    /^stack\.yaml must be a YAML mapping with a `config:` key/,
    /^stack\.yaml is not valid YAML: .*, at line (\d+)/,
];

/** The line a YAML error names, which must be one of the file's. */
function namedLine(message: string): number | undefined {
    const found = /^stack\.yaml is not valid YAML: .*, at line (\d+)/.exec(message);
    return found ? Number(found[1]) : undefined;
}

/** The checks every plan's policies must pass: IAM's quotas, the one principal, and nothing outside the folder. */
function assertPoliciesPassRules(plan: PlanJson): void {
    const inputsOf = (type: string) => plan.steps.find((step) => step.newState.type === type)!.newState.inputs;
    // A secret (one made from an encrypted value) is in the engine's wire form, and unknown to the plan.
    const opened = (value: unknown) =>
        typeof value === "object" && value !== null && SECRET_SIGNATURE in value
            ? (value as unknown as { value: unknown }).value
            : value;
    const permission = opened(inputsOf("aws:iam/policy:Policy").policy);
    const trust = opened(inputsOf("aws:iam/role:Role").assumeRolePolicy);
    const exportsUrl = plan.outputs.s3UrlPrefix as string;
    if (permission !== UNKNOWN) {
        assert.equal(
            policySizeViolation("permission policy", permission as string, PERMISSION_POLICY_MAX_SIZE),
            undefined,
        );
        const document = JSON.parse(permission as string) as PolicyDocument;
        assert.equal(document.Version, "2012-10-17");
        const [bucket] = exportsUrl.slice("s3://".length).split("/");
        for (const resource of document.Statement.flatMap((statement) => statement.Resource ?? [])) {
            const s3 = /^arn:[\w-]+:s3:::(.*)$/.exec(resource);
            if (s3) {
                assert.ok(
                    s3[1] === "*" || s3[1] === bucket || `s3://${s3[1]}` === `${exportsUrl}*`,
                    `${resource} is outside ${exportsUrl}`,
                );
            } else {
                assert.equal(resource, plan.config["pinpoint-export:kmsKeyArn"], `${resource} is not the bucket's key`);
            }
        }
    }
    if (trust !== UNKNOWN) {
        assert.equal(policySizeViolation("trust policy", trust as string, TRUST_POLICY_MAX_SIZE), undefined);
        const document = JSON.parse(trust as string) as PolicyDocument;
        for (const statement of document.Statement) {
            assert.deepEqual(statement.Principal, { Service: PINPOINT_SERVICE_PRINCIPAL });
            assert.ok(statement.Condition?.StringEquals?.["aws:SourceAccount"], "confined to one account");
        }
    }
}

/**
 * What other tools write while the plan runs: npm's packages, Git's data, and the build outputs, which
 * `npm test`'s other phases write beside mocha (the type-check's build info in bin/, the library in lib/).
 */
const NOT_THE_PROJECTS_OWN = new Set(["node_modules", ".git", "bin", "lib"]);

/** The project's own files, with their sizes and modification times. */
function projectFiles(): Map<string, string> {
    const files = new Map<string, string>();
    const walk = (dir: string) => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
            const file = path.join(dir, entry.name);
            if (entry.isDirectory()) {
                if (!NOT_THE_PROJECTS_OWN.has(path.relative(PROJECT_DIR, file))) {
                    walk(file);
                }
            } else {
                const { size, mtimeMs } = fs.statSync(file);
                files.set(path.relative(PROJECT_DIR, file), `${size} bytes, modified ${mtimeMs}`);
            }
        }
    };
    walk(PROJECT_DIR);
    return files;
}

/** A stack file as the plan leaves it: its bytes and its modification time. */
function stackFileState(file: string): { bytes: Buffer; mtimeMs: number } {
    return { bytes: fs.readFileSync(file), mtimeMs: fs.statSync(file).mtimeMs };
}

/**
 * Runs `body` with V8 capturing no stack traces. The SDK captures one for every
 * promise it tracks and every resource, which ts-node then maps through source
 * maps; that is most of a plan's cost in this process, and the plan shows none
 * of them. A crash still shows: runPlan rejects instead of giving code 1.
 */
async function withoutStackTraces<T>(body: () => Promise<T>): Promise<T> {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
        return await body();
    } finally {
        Error.stackTraceLimit = limit;
    }
}

describe("the offline plan, given any stack file", () => {
    let dir: string;
    let stackFile: string;
    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-stack-files-"));
        stackFile = path.join(dir, "stack.yaml");
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    const runs = propertyRuns();
    it(`ends in a plan whose policies pass the rules, or in one message naming the key or line at fault (${runs} stack files)`, async function () {
        this.timeout(20 * runs);
        const ended = { inPlans: 0, inRefusals: 0 };
        const project = projectFiles();
        await withoutStackTraces(() =>
            fc.assert(
                fc.asyncProperty(stackFileText(VALID_SHARE), async ({ text }) => {
                    fs.writeFileSync(stackFile, text);
                    const before = stackFileState(stackFile);
                    const run = await runPlan(PROJECT_DIR, ["--config-file", stackFile, "--json"], { prove: false });
                    assert.deepEqual(stackFileState(stackFile), before, "the stack file is only read");
                    if (run.code === 0) {
                        assert.equal(run.stderr, "");
                        assertPoliciesPassRules(JSON.parse(run.stdout) as PlanJson);
                        ended.inPlans++;
                    } else {
                        assert.equal(run.code, 1, run.stderr);
                        assert.equal(run.stdout, "");
                        assert.doesNotMatch(run.stderr, /^\s+at \S/m, "no stack trace");
                        assert.ok(
                            REFUSALS.some((refusal) => refusal.test(run.stderr)),
                            `not a message that names a key or a line:\n${run.stderr}`,
                        );
                        const line = namedLine(run.stderr);
                        assert.ok(line === undefined || line <= text.split(/\r\n|\r|\n/).length, `no line ${line}`);
                        ended.inRefusals++;
                    }
                }),
                { numRuns: runs },
            ),
        );
        assert.deepEqual(
            projectFiles(),
            project,
            "the project's files are untouched (a file saved by hand while the tests ran shows here too)",
        );
        // Both endings, many times: generators that stopped making valid stacks would show here.
        assert.ok(isCommonEnough(ended.inPlans, runs, 1 / 200), `only ${ended.inPlans} plans`);
        assert.ok(isCommonEnough(ended.inRefusals, runs, 1 / 2), `only ${ended.inRefusals} refusals`);
    });
});

describe("the offline plan reads a stack file's values as the Pulumi CLI does", () => {
    let dir: string;
    const plan = async (config: string) => {
        const file = path.join(dir, "stack.yaml");
        fs.writeFileSync(file, `config:\n${config}`);
        return runPlan(PROJECT_DIR, ["--config-file", file, "--json"]);
    };
    before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-values-"))));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('takes a key without a value as "", not as the text "null"', async () => {
        const run = await plan("  pinpoint-export:bucket:\n  pinpoint-export:folder: Exports\n");
        assert.equal(run.code, 1);
        assert.match(
            run.stderr,
            /^The config of stack "dev" is invalid:\n {2}- pinpoint-export:bucket: "" is 0 characters long/,
        );
    });

    it("refuses a date-like folder, which the CLI hands the program as a Go timestamp, naming the quoted form", async () => {
        const run = await plan("  pinpoint-export:bucket: example-bucket\n  pinpoint-export:folder: 2024-01-01\n");
        assert.equal(run.code, 1);
        assert.match(
            run.stderr,
            /\n {2}- pinpoint-export:folder: 2024-01-01 reaches the program as "2024-01-01 00:00:00 \+0000 UTC", not as written: YAML reads it as the date-time .*\. Fix: write `pinpoint-export:folder: "2024-01-01"`\.\n$/,
        );
        const quoted = await plan('  pinpoint-export:bucket: example-bucket\n  pinpoint-export:folder: "2024-01-01"\n');
        assert.equal(quoted.code, 0, quoted.stderr);
        assert.equal((JSON.parse(quoted.stdout) as PlanJson).outputs.s3UrlPrefix, "s3://example-bucket/2024-01-01/");
    });

    it("plans a number whose text the CLI keeps (folder 2024, maxSessionDuration 7200) without a word", async () => {
        const run = await plan(
            "  pinpoint-export:bucket: example-bucket\n  pinpoint-export:folder: 2024\n" +
                "  pinpoint-export:maxSessionDuration: 7200\n",
        );
        assert.equal(run.code, 0, run.stderr);
        const config = (JSON.parse(run.stdout) as PlanJson).config;
        assert.equal(config["pinpoint-export:folder"], "2024");
        assert.equal(config["pinpoint-export:maxSessionDuration"], "7200");
    });

    it("refuses a key set twice, once with the project's namespace and once without", async () => {
        const run = await plan("  bucket: example-bucket\n  pinpoint-export:bucket: other-bucket\n");
        assert.deepEqual(run, {
            code: 1,
            stdout: "",
            stderr: 'stack.yaml sets pinpoint-export:bucket twice, as "bucket" and as "pinpoint-export:bucket": keep one.\n',
        });
    });
});

describe("what the offline plan keeps: it reads the stack file, and writes nothing", () => {
    const STACKS = {
        valid: "config:\n  aws:region: us-east-1\n  pinpoint-export:bucket: example-bucket\n  pinpoint-export:folder: Exports\n",
        brokenYaml: "config:\n  pinpoint-export:bucket: example-bucket\n   pinpoint-export:folder: Exports\n",
        selfContaining: "config: &config\n  pinpoint-export:bucket: example-bucket\n  pinpoint-export:tags: *config\n",
        encrypted:
            "config:\n  pinpoint-export:bucket: example-bucket\n  pinpoint-export:folder:\n    secure: AAABAKx2d0tXtF0=\n",
    };
    type Stack = keyof typeof STACKS;
    const STACK_NAMES = Object.keys(STACKS) as Stack[];
    const runs = {} as Record<Stack, PlanRun>;
    const files = {} as Record<
        Stack,
        { before: ReturnType<typeof stackFileState>; after: ReturnType<typeof stackFileState> }
    >;
    let project: { before: Map<string, string>; after: Map<string, string> };
    let dir: string;

    before(async function () {
        this.timeout(60000);
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-kept-"));
        const paths = {} as Record<Stack, string>;
        for (const stack of STACK_NAMES) {
            paths[stack] = path.join(dir, `${stack}.yaml`);
            fs.writeFileSync(paths[stack], STACKS[stack]);
            // An old modification time, so that any write would show in it.
            fs.utimesSync(paths[stack], new Date(2020, 0, 1), new Date(2020, 0, 1));
        }
        const projectBefore = projectFiles();
        const before = Object.fromEntries(STACK_NAMES.map((stack) => [stack, stackFileState(paths[stack])]));
        for (const stack of STACK_NAMES) {
            runs[stack] = await runPlan(PROJECT_DIR, ["--config-file", paths[stack]]);
            files[stack] = { before: before[stack], after: stackFileState(paths[stack]) };
        }
        project = { before: projectBefore, after: projectFiles() };
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("exits 1 with the line at fault and the lines around it", () => {
        assert.deepEqual(runs.brokenYaml, {
            code: 1,
            stdout: "",
            stderr:
                "brokenYaml.yaml is not valid YAML: bad indentation of a mapping entry, at line 3, column 26:\n" +
                " 1 | config:\n" +
                " 2 |   pinpoint-export:bucket: example-bucket\n" +
                " 3 |    pinpoint-export:folder: Exports\n" +
                "------------------------------^\n",
        });
    });

    it("plans a valid stack and an encrypted one, and refuses the others by the key at fault", () => {
        assert.equal(runs.valid.code, 0, runs.valid.stderr);
        assert.deepEqual(runs.selfContaining, {
            code: 1,
            stdout: "",
            stderr: "selfContaining.yaml: pinpoint-export:tags contains itself, through a YAML alias inside its own anchor.\n",
        });
        // An encrypted folder is planned as unknown secret text, its ciphertext never shown.
        assert.equal(runs.encrypted.code, 0, runs.encrypted.stderr);
        assert.doesNotMatch(runs.encrypted.stdout, /AAABAKx2d0tXtF0=/);
    });

    it("leaves each stack file's bytes and modification time as they were, whether it planned or refused", () => {
        for (const stack of STACK_NAMES) {
            assert.deepEqual(files[stack].after, files[stack].before, stack);
        }
    });

    it("leaves the project's files as they were", () => {
        assert.deepEqual(project.after, project.before);
    });
});
