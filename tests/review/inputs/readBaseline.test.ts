// Reading a baseline: which resources are the program's, and what their
// inputs hold when the stack keeps some of them as secrets.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readBaseline } from "../../../review/src/inputs/readBaseline";
import { UNKNOWN } from "../../../review/src/diff/wireValues";

const STACK_EXPORT = path.join(__dirname, "..", "..", "fixtures", "dev.stack-export.json");
const SECRET = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" };

describe("a baseline", () => {
    let dir: string;
    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "baseline-"));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("of `pulumi stack export` holds the program's resources, not the stack resource or the provider", () => {
        const baseline = readBaseline(STACK_EXPORT, "pinpoint-export", "dev");
        assert.equal(baseline.format, "pulumi stack export");
        assert.deepEqual(
            baseline.resources.map((resource) => resource.type),
            [
                "pinpoint-export:index:ExportRole",
                "aws:iam/policy:Policy",
                "aws:iam/role:Role",
                "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
            ],
        );
    });

    it("opens secrets exported with --show-secrets, leaves encrypted ones unknown, and skips resources pending deletion", () => {
        const document = JSON.parse(fs.readFileSync(STACK_EXPORT, "utf8")) as {
            deployment: { resources: Record<string, unknown>[] };
        };
        const [, , , policy, role] = document.deployment.resources;
        (policy.inputs as Record<string, unknown>).path = { ...SECRET, plaintext: '"/secret/"' };
        (role.inputs as Record<string, unknown>).description = { ...SECRET, ciphertext: "AAABAJ4m0c0=" };
        document.deployment.resources.push({ ...policy, delete: true });
        const file = path.join(dir, "secrets.json");
        fs.writeFileSync(file, JSON.stringify(document));
        const resources = readBaseline(file, "pinpoint-export", "dev").resources;
        assert.equal(resources.length, 4);
        assert.equal(resources[1].inputs.path, "/secret/");
        assert.equal(resources[2].inputs.description, UNKNOWN);
    });

    it("of a plan holds the new state of every step but a delete, whether or not npm's script header precedes it", () => {
        const file = path.join(dir, "plan.json");
        const state = (name: string) => ({
            urn: `urn:pulumi:dev::pinpoint-export::pinpoint-export:index:ExportRole$aws:iam/policy:Policy::${name}`,
            type: "aws:iam/policy:Policy",
            custom: true,
            inputs: { path: "/" },
        });
        // As `npm run plan -- --json > plan.json` writes it: npm's own lines come first.
        const npmHeader =
            "\n> pinpoint-export@0.1.0 plan\n> node -r ./tools/transpileCache.cjs plan/main.ts --json\n\n";
        fs.writeFileSync(
            file,
            npmHeader +
                JSON.stringify({
                    steps: [
                        { op: "create", urn: state("a").urn, newState: state("a") },
                        { op: "delete", urn: state("b").urn, oldState: state("b") },
                    ],
                }),
        );
        const baseline = readBaseline(file, "pinpoint-export", "dev");
        assert.deepEqual(
            [baseline.format, baseline.resources.map((resource) => resource.urn)],
            ["offline plan", [state("a").urn]],
        );
    });
});
