// The offline plan reads stack files as the real Pulumi CLI does: a corpus of
// hand-written values, each as a person might type it into Pulumi.<stack>.yaml,
// read by the plan and by `pulumi config --json --show-secrets` of the CLI that
// tools/engine/build.sh builds. Every value must reach the program as the same
// text; the values of this project's keys that the CLI reads otherwise than
// written must be refused, naming the key and the quoted form to write; and the
// values the CLI itself refuses must be refused by the plan too.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readStackConfig } from "../../plan/stackConfig";
import { StackFileError } from "../../plan/stackFileError";
import { PROJECT_DIR } from "../../tools/projectDir";
import { EngineWorkspace, missingCli, run } from "../support/pulumiEngine";

/**
 * Values as written after `key: `, one line each. Plain scalars of every kind
 * go-yaml v3 resolves, their quoted forms, explicit tags, and maps and lists
 * (flow style) holding them, with anchors, merge keys and keys that are not text.
 */
const CORPUS: readonly string[] = [
    // The issue's examples.
    "012345678901",
    "0755",
    "1e3",
    "0x1F",
    "07200",
    "01234567890123456789012345678901",
    "2024-01-01",
    // Account ids and project ids as people write them.
    "123456789012",
    '"012345678901"',
    "'012345678901'",
    "000000000000",
    "0123456789abcdef0123456789abcdef",
    "01234567890123456789012345678901a",
    "12345678901234567890123456789012",
    // Integers: signs, octal, hex, binary, underscores, edges of int64 and uint64.
    "0",
    "00",
    "-0",
    "+0",
    "7",
    "-7",
    "+7",
    "08",
    "09",
    "0019",
    "0o17",
    "0O17",
    "0o19",
    "-0o17",
    "0x",
    "0xff",
    "0XFF",
    "-0x1F",
    "+0x1F",
    "0x_1F",
    "0b101",
    "0B101",
    "-0b101",
    "0b102",
    "1_000",
    "1__000",
    "1_000_",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775808",
    "-9223372036854775809",
    "18446744073709551615",
    "18446744073709551616",
    "0xFFFFFFFFFFFFFFFF",
    "0x1FFFFFFFFFFFFFFFF",
    // Floats: fractions, exponents, the shortest text, the JSON edges, YAML's own.
    "1.5",
    "1.50",
    "1.",
    ".5",
    "-.5",
    "+.5",
    ".5_5",
    "._5",
    "1e5",
    "1E5",
    "1e-5",
    "1e-7",
    "1.5e-7",
    "1e20",
    "1e21",
    "1e400",
    "1e-400",
    "-0.0",
    "0.1",
    "3600.0",
    "7.2e3",
    "123456789.0",
    "0.000001",
    "1_0.5",
    ".",
    "+",
    "-1-",
    "1e",
    "1.2.3",
    // Booleans and nulls, and what YAML 1.1 took for them.
    "true",
    "True",
    "TRUE",
    "tRue",
    "false",
    "False",
    "yes",
    "no",
    "on",
    "off",
    "y",
    "n",
    "~",
    "null",
    "Null",
    "NULL",
    "",
    '""',
    "nil",
    // Dates and times: the layouts go-yaml takes, and near misses.
    "2024-1-2",
    "2024-01-01T10:00:00Z",
    "2024-01-01t10:00:00Z",
    "2024-01-01T10:00:00+05:30",
    "2024-01-01T10:00:00-05:00",
    "2024-01-01T10:00:00",
    "2024-01-01 10:00:00",
    "2024-01-01 10:00:00.5",
    "2024-01-01 10:00:00,25",
    "2001-12-14t21:59:43.10-05:00",
    "2024-01-01T10:00:00.123456789123Z",
    "2024-02-29",
    "2023-02-29",
    "2024-13-01",
    "2024-01-01x",
    "24-01-01",
    '"2024-01-01"',
    // Text that looks like something else, and text with YAML's own characters.
    "1:30",
    "12:30:00",
    "1,000",
    "$100",
    "v1.2.3",
    "pinpoint/exports",
    "/service-role/",
    "arn:aws:kms:us-east-1:123456789012:key/0755",
    "Exports # a comment",
    "'it''s'",
    '"tab\\there"',
    '"\\u00e9t\\u00e9"',
    "café",
    "<b>&amp;</b>",
    // Explicit tags.
    "!!str 0755",
    "!!str true",
    "!!int 0755",
    "!!int 12",
    "!!float 12",
    "!!float 1.5",
    "!!bool true",
    "!!null ~",
    // Maps and lists: values of every kind inside, keys that are not text, nesting, anchors and merges.
    "{}",
    "[]",
    "{cost: 4711, team: platform}",
    "{cost: 0755, zero: 012345678901, hex: 0x1F}",
    "{a: 1e3, b: 1.50, c: -0.0, d: 1e21, e: 1e-7}",
    "{a: true, b: True, c: yes, d: ~, e: null, f: }",
    "{when: 2024-01-01, at: 2024-01-01T10:00:00+05:30}",
    "{quoted: \"0755\", single: '1e3'}",
    "{1e6: x, 123456789.0: y, 1.5: z, 1e-7: w, 2024-01-01: d, true: t, 0x1F: h, 12: i, -0.0: m, 1e21: n, ~: nil}",
    "{z: 1, a: 2, m: 3}",
    "{a: {b: {c: [1, 0755, [true, ~]]}}}",
    "[1, 0755, 1e3, 2024-01-01, yes, ~, '0755']",
    "[{a: 1}, [], {}]",
    "{a: 18446744073709551615, b: 9223372036854775808, c: -9223372036854775809}",
    "{<<: {a: 1, b: 2}, b: 3}",
    "{secure_not: 1, secure: 12}",
    "{secure: 12}",
    "{tag: '<b>&</b>', uni: \"\\u2028\"}",
];

/** Values the CLI refuses: each is alone in a stack file, which the plan must refuse too. */
const REFUSED_BY_CLI: readonly string[] = [".nan", ".NaN", ".inf", "-.Inf", "+.INF", "[.nan]", "{a: -.inf}"];

/** The stack file of a corpus project: each value under a key of its own, `corpus:v000` on. */
function corpusStack(values: readonly string[]): string {
    return `config:\n${values.map((value, index) => `  corpus:${corpusKey(index)}: ${value}\n`).join("")}`;
}

function corpusKey(index: number): string {
    return `v${String(index).padStart(3, "0")}`;
}

/** `pulumi config --json --show-secrets`, key by key. */
type CliConfig = Record<string, { readonly value?: string; readonly objectValue?: unknown; readonly secret: boolean }>;

const missing = missingCli();

(missing ? describe.skip : describe)(
    `the plan reads ${CORPUS.length} hand-written stack file values as the real CLI's \`pulumi config --json\` does${missing ? ` (pending: ${missing})` : ""}`,
    () => {
        let workspace: EngineWorkspace;
        let dir: string;
        let project: string;
        let cliConfig: CliConfig;
        /** What the CLI says of a stack file of its own, for each value it refuses. */
        const refusals = new Map<string, { code: number; stderr: string }>();

        /** Runs the CLI in the corpus project, in UTC: Go names an offset that is the local zone's by the zone. */
        const pulumi = (...args: string[]) =>
            run("pulumi", [...args, "--non-interactive", "--color", "never"], project, {
                ...workspace.environment(),
                TZ: "UTC",
            });

        /** The corpus project's stack file, with the salt `pulumi stack init` wrote kept first. */
        const writeStack = (salt: string, text: string) =>
            fs.writeFileSync(path.join(project, "Pulumi.corpus.yaml"), `${salt}${text}`);

        before(async function () {
            this.timeout(120_000);
            workspace = EngineWorkspace.create();
            dir = fs.mkdtempSync(path.join(os.tmpdir(), "config-corpus-"));
            project = path.join(dir, "corpus");
            fs.mkdirSync(project);
            // A project of its own, with nothing declared: every value is read as written, and no key is ours.
            fs.writeFileSync(path.join(project, "Pulumi.yaml"), "name: corpus\nruntime: yaml\n");
            const init = await pulumi("stack", "init", "corpus");
            assert.equal(init.code, 0, init.stderr);
            const salt = fs.readFileSync(path.join(project, "Pulumi.corpus.yaml"), "utf8");
            writeStack(salt, corpusStack(CORPUS));
            const listed = await pulumi("config", "--json", "--show-secrets");
            assert.equal(listed.code, 0, listed.stderr);
            cliConfig = JSON.parse(listed.stdout) as CliConfig;
            for (const value of REFUSED_BY_CLI) {
                writeStack(salt, corpusStack([value]));
                const refused = await pulumi("config", "--json");
                refusals.set(value, { code: refused.code, stderr: refused.stderr });
            }
            writeStack(salt, corpusStack(CORPUS));
        });

        after(() => {
            workspace?.dispose();
            if (dir) {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        });

        it(`hands the program each value as the same text as the CLI (${CORPUS.length} values)`, () => {
            assert.ok(CORPUS.length >= 100, `only ${CORPUS.length} values`);
            const plan = readStackConfig(project, "corpus");
            const disagreements: string[] = [];
            CORPUS.forEach((written, index) => {
                const key = `corpus:${corpusKey(index)}`;
                const cli = cliConfig[key];
                const planned = plan.config[key];
                if (cli === undefined) {
                    disagreements.push(`${written}: the CLI has no ${key}`);
                } else if (cli.objectValue !== undefined) {
                    // The same JSON, whatever its escapes (Go's encoder writes < as \u003c).
                    let parsed: unknown;
                    try {
                        parsed = JSON.parse(planned);
                    } catch {
                        parsed = planned;
                    }
                    try {
                        assert.deepEqual(parsed, cli.objectValue);
                    } catch {
                        disagreements.push(`${written}: the CLI ${cli.value}, the plan ${planned}`);
                    }
                } else if (cli.value !== planned) {
                    disagreements.push(
                        `${written}: the CLI ${JSON.stringify(cli.value)}, the plan ${JSON.stringify(planned)}`,
                    );
                }
            });
            assert.deepEqual(disagreements, []);
            // Nothing of the corpus is a secret: `{secure: 12}` is a map, as the CLI reads it.
            assert.deepEqual(plan.secretKeys, []);
            assert.ok(Object.values(cliConfig).every((entry) => !entry.secret));
        });

        it(`refuses the values the CLI refuses, NaN and the infinities, by key (${REFUSED_BY_CLI.length} stack files)`, () => {
            for (const value of REFUSED_BY_CLI) {
                const cli = refusals.get(value)!;
                assert.notEqual(cli.code, 0, `the CLI took ${value}`);
                assert.match(cli.stderr, /json: .*unsupported value: [-+]?(NaN|Inf)/, value);
                const file = path.join(dir, `refused.yaml`);
                fs.writeFileSync(file, corpusStack([value]));
                assert.throws(
                    () => readStackConfig(project, "corpus", file),
                    (error: unknown) =>
                        error instanceof StackFileError &&
                        /^refused\.yaml: corpus:v000(\.a|\[0\])?: \S+ is the number -?(NaN|Infinity) to YAML, which the Pulumi CLI cannot hand a program/.test(
                            error.message,
                        ),
                    value,
                );
            }
        });

        it("refuses each value of this project's text keys that the CLI reads otherwise than written, naming the key and the quoted form", () => {
            const file = path.join(dir, "Pulumi.dev.yaml");
            let refused = 0;
            CORPUS.forEach((written, index) => {
                const cli = cliConfig[`corpus:${corpusKey(index)}`];
                // A plain scalar (not quoted or tagged, no comment) whose text changes on its way to the
                // program, but for null, which is "".
                const misread =
                    cli.objectValue === undefined &&
                    !/^["'!]| #/.test(written) &&
                    cli.value !== written &&
                    cli.value !== "";
                fs.writeFileSync(
                    file,
                    `config:\n  pinpoint-export:bucket: example-bucket\n  pinpoint-export:folder: ${written}\n`,
                );
                let message: string | undefined;
                try {
                    readStackConfig(PROJECT_DIR, "dev", file);
                } catch (error) {
                    message = (error as Error).message;
                }
                if (misread) {
                    refused++;
                    assert.ok(message !== undefined, `${written} was read as ${cli.value}`);
                    assert.ok(
                        message.includes(
                            `  - pinpoint-export:folder: ${written} reaches the program as ${JSON.stringify(cli.value)}, not as written`,
                        ) && message.includes(`Fix: write \`pinpoint-export:folder: ${JSON.stringify(written)}\``),
                        message,
                    );
                } else if (cli.objectValue === undefined) {
                    // (A map's values are checked one by one: tags in tests/plan/stackFiles.test.ts.)
                    assert.ok(
                        message === undefined || !message.includes("reads otherwise than written"),
                        `${written}: ${message}`,
                    );
                }
            });
            // Most of the corpus's plain numbers, booleans and dates are such values.
            assert.ok(refused >= 50, `only ${refused} refused`);
        });
    },
);

(missing ? describe.skip : describe)(
    `pulumi config set --secret, then npm run plan on the stack file the CLI wrote${missing ? ` (pending: ${missing})` : ""}`,
    () => {
        const APPLICATION_ID = "0123456789abcdef0123456789abcdef";
        const TAG = "cost-center-4711";
        let workspace: EngineWorkspace;
        let stackText: string;
        let text: { code: number; stdout: string; stderr: string };
        let json: { code: number; stdout: string; stderr: string };

        before(async function () {
            this.timeout(120_000);
            workspace = EngineWorkspace.create();
            await workspace.pulumiOk("stack", "init", "secrets");
            await workspace.pulumiOk("config", "set", "aws:region", "eu-west-1");
            await workspace.pulumiOk("config", "set", "pinpoint-export:bucket", "my-export-bucket");
            await workspace.pulumiOk("config", "set", "pinpoint-export:folder", "Exports");
            await workspace.pulumiOk("config", "set", "pinpoint-export:accountId", "123456789012");
            await workspace.pulumiOk("config", "set", "--secret", "pinpoint-export:applicationId", APPLICATION_ID);
            await workspace.pulumiOk("config", "set", "--path", "pinpoint-export:tags.team", "platform");
            await workspace.pulumiOk("config", "set", "--secret", "--path", "pinpoint-export:tags.cost", TAG);
            stackText = fs.readFileSync(workspace.stackFile("secrets"), "utf8");
            // The stack is named by its file, Pulumi.secrets.yaml.
            const plan = (...args: string[]) =>
                run(
                    "npm",
                    ["run", "plan", "--silent", "--", "--config-file", workspace.stackFile("secrets"), ...args],
                    PROJECT_DIR,
                );
            [text, json] = await Promise.all([plan(), plan("--json")]);
        });

        after(() => workspace?.dispose());

        it("plans the stack, the secrets as unknown secret text, and never prints them or their ciphertexts", () => {
            assert.equal(text.code, 0, text.stderr);
            assert.equal(json.code, 0, json.stderr);
            const ciphertexts = [...stackText.matchAll(/secure: (\S+)/g)].map((found) => found[1]);
            assert.equal(ciphertexts.length, 2, stackText);
            for (const output of [text.stdout, text.stderr, json.stdout, json.stderr]) {
                for (const secret of [APPLICATION_ID, TAG, ...ciphertexts]) {
                    assert.ok(!output.includes(secret), `printed: ${secret}`);
                }
            }
            assert.match(text.stdout, /^Offline plan for stack "secrets" of project pinpoint-export\n/);
            assert.match(
                text.stdout,
                /\nSecrets: pinpoint-export:applicationId and pinpoint-export:tags are encrypted in the stack file/,
            );
        });

        it("shows the tags and the trust policy as [secret], and leaves the trust claim not decided, saying why", () => {
            const role = text.stdout.slice(text.stdout.indexOf('+ create aws:iam/role:Role "'));
            assert.match(role, /\n {4}assumeRolePolicy: \[secret\]\n/);
            assert.match(role, /\n {4}tags: \[secret\]\n/);
            assert.match(
                text.stdout,
                /\n {2}not decided: only pinpoint\.amazonaws\.com may assume the role, for the stack's account: pinpoint-export:applicationId is a secret, which the offline plan cannot decrypt \(`pulumi preview` can\)\.\n/,
            );
            // The permission policy depends on no secret: its claims are proved.
            assert.match(
                text.stdout,
                /\n {2}proved: the permission policy allows exactly what the AWS guide's policy allows/,
            );
        });
    },
);
