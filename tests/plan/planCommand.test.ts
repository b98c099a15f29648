// `npm run plan` as a user or a CI step runs it: a process of its own, whose
// exit code and streams are what a shell sees. Everything else about the plan,
// exit code 2 for bad arguments among it, is tested in-process, through
// runPlan (the same code, minus main.ts, which passes its code and streams on),
// which is much cheaper. These runs are left out of `npm run test:unit`.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PlanRun, planProcess } from "../support/planProcess";
import { SHIPPED_DEV_STACK } from "../support/userFiles";

/** The dev stack's file with the folder changed, written to `dir`. */
function devStackWithFolder(dir: string, folder: string): string {
    const file = path.join(dir, `Pulumi.${folder}.yaml`);
    fs.writeFileSync(
        file,
        "config:\n" +
            "  aws:region: us-east-1\n" +
            "  pinpoint-export:bucket: example-bucket\n" +
            `  pinpoint-export:folder: ${folder}\n` +
            '  pinpoint-export:accountId: "123456789012"\n',
    );
    return file;
}

describe("the `npm run plan` command, as a process", () => {
    let dir: string;
    let json: PlanRun;
    let badConfig: PlanRun;
    let broadening: PlanRun;

    // Each run costs about a second, most of it loading TypeScript and the
    // Pulumi SDK; all but the baseline run at once.
    before(async function () {
        this.timeout(60000);
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-command-"));
        const bad = path.join(dir, "bad.yaml");
        fs.writeFileSync(
            bad,
            'config:\n  pinpoint-export:bucket: "s3://my-bucket"\n  pinpoint-export:folder: Exports\n',
        );
        const baseline = path.join(dir, "baseline.json");
        [json, badConfig] = await Promise.all([
            planProcess("--config-file", SHIPPED_DEV_STACK, "--json"),
            planProcess("--config-file", bad),
        ]);
        fs.writeFileSync(baseline, json.stdout);
        broadening = await planProcess(
            "--stack",
            "dev",
            "--config-file",
            devStackWithFolder(dir, "Other"),
            "--against",
            baseline,
            "--fail-on-broadening",
        );
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("exits 0 with the plan alone on stdout: JSON a CI step can keep as a baseline", () => {
        assert.equal(json.code, 0, json.stderr);
        assert.equal(json.stderr, "");
        const plan = JSON.parse(json.stdout) as { changeSummary: Record<string, number> };
        assert.deepEqual(plan.changeSummary, { create: 4 });
    });

    it("exits 1 with the validation message alone on stderr, and no stack trace, when the config is bad", () => {
        assert.deepEqual(badConfig, {
            code: 1,
            stdout: "",
            stderr:
                'The config of stack "dev" is invalid:\n' +
                '  - pinpoint-export:bucket: "s3://my-bucket" is an S3 URL, not a bucket name. Fix: give the bucket name, e.g. my-bucket.\n',
        });
    });

    it("exits 3 with --fail-on-broadening when the change broadens access, the plan still on stdout", () => {
        assert.equal(broadening.code, 3, broadening.stderr);
        assert.match(broadening.stdout, /\nBroadens access: yes \(proved: a request is newly allowed\)\n$/);
    });
});
