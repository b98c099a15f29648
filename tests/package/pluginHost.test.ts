import { strict as assert } from "assert";
import * as grpc from "@grpc/grpc-js";
import { EXPORT_ROLE_TYPE } from "../../components/exportRole";
import { mockResourceState } from "../../tools/mockResourceState";
import { PROJECT_DIR } from "../../tools/projectDir";
import { CALLER_STACK, FakeEngine, PluginProcess } from "../support/fakeEngine";
import { MOCK_AWS } from "../support/mocks";

// The bucket resource of the calling program that a bad bucket name came from,
// e.g. `bucket=source.bucket` in Python: the engine sends its value with this
// dependency, and the provider gets it as an Output.
const SOURCE_BUCKET = "urn:pulumi:test::exports-py::aws:s3/bucket:Bucket::source";
const GIVEN = { folder: "Exports", accountId: "123456789012", region: "us-east-1" };

describe("the plugin host (how `pulumi up` runs this package for a Python, Go, .NET, Java or YAML program)", function () {
    this.timeout(60000);
    let engine: FakeEngine;
    let plugin: PluginProcess;

    // Starting the plugin, a Node.js process that loads the SDK, takes a second or two.
    before(async () => {
        engine = await FakeEngine.start();
        plugin = await PluginProcess.start(PROJECT_DIR, engine);
    });
    after(() => {
        plugin?.stop();
        engine?.stop();
    });

    it("answers a bad value given as an Output, beside a good ExportRole, as it answers one given outright", async () => {
        const [bad, good] = await Promise.all([
            plugin.construct({
                type: EXPORT_ROLE_TYPE,
                name: "late",
                inputs: { ...GIVEN, bucket: "s3://my-bucket" },
                dependencies: { bucket: [SOURCE_BUCKET] },
            }),
            plugin.construct({
                type: EXPORT_ROLE_TYPE,
                name: "good",
                inputs: { ...GIVEN, bucket: "example-bucket" },
                dependencies: { bucket: [SOURCE_BUCKET] },
            }),
        ]);

        // The error of a TypeScript program, listed against the argument, as for a bad value given outright.
        const problem = '"s3://my-bucket" is an S3 URL, not a bucket name. Fix: give the bucket name, e.g. my-bucket.';
        assert.deepEqual(bad, {
            code: grpc.status.INVALID_ARGUMENT,
            details: `ExportRole "late" has invalid arguments:\n  - bucket: ${problem}`,
            propertyErrors: [{ propertyPath: "bucket", reason: `bucket: ${problem}` }],
        });
        assert.deepEqual(
            engine.record.registrations.filter((registration) => registration.name.startsWith("late")),
            [{ type: EXPORT_ROLE_TYPE, name: "late", parent: CALLER_STACK }],
            "none of its children",
        );

        // The other ExportRole of the same program is built: the failure is not everyone's.
        assert.ok("state" in good, JSON.stringify(good));
        assert.equal(
            good.state.roleArn,
            mockResourceState({ type: "aws:iam/role:Role", name: "good-role", inputs: {} }, MOCK_AWS).state.arn,
        );
        assert.equal(good.state.s3UrlPrefix, "s3://example-bucket/Exports/");
    });

    it("shows the user nothing else: no error in the engine's log, nothing on stderr", () => {
        assert.deepEqual(
            engine.record.logs.filter((log) => log.severity >= 2),
            [],
        );
        assert.equal(plugin.stderr, "");
    });
});
