import { strict as assert } from "assert";
import * as fs from "fs";
import * as pulumi from "@pulumi/pulumi";
import { Policy } from "@pulumi/aws/iam/policy";
import { Role } from "@pulumi/aws/iam/role";
import { EXPORT_ROLE_TYPE } from "../../components/exportRole";
import { ExportRoleProvider } from "../../components/exportRoleProvider";
import { GET_CALLER_IDENTITY, GET_REGION } from "../../plan/awsInvokeTokens";
import { PROJECT_DIR } from "../../tools/projectDir";
import { MOCK_AWS, useMocks } from "../support/mocks";
import { promiseOf, promisesOf, stateAfterSettling, unhandledRejectionsDuring } from "../support/outputs";

// The URN of a Python program's stack, which the engine passes as the component's parent.
const PYTHON_STACK = "urn:pulumi:test::exports-py::pulumi:pulumi:Stack::exports-py-test";

// A resource reference, as construct's state carries a child resource back to the engine.
interface ResourceReference {
    readonly urn: string;
    readonly id?: string;
    readonly packageVersion?: string;
}

// The provider server hands construct the inputs decoded from the engine's
// request: plain values, and Outputs for values that depend on other resources
// (a Python program's `bucket.bucket`). The argument names are the schema's.

describe("construct (how a Python, Go, .NET, Java or YAML program gets an ExportRole)", () => {
    const provider = new ExportRoleProvider(PROJECT_DIR);

    it("builds the component under the caller's stack, with its three children", async () => {
        const record = await useMocks();
        const inputs: pulumi.Inputs = { bucket: pulumi.output("example-bucket"), folder: "pinpoint/marketing" };
        const result = await provider.construct("marketing", EXPORT_ROLE_TYPE, inputs, {
            parent: new pulumi.DependencyResource(PYTHON_STACK),
        });
        const urn = await promiseOf(pulumi.output(result.urn));
        await pulumi.runtime.disconnect();

        const component = record.registrations.find((registration) => registration.urn === urn);
        assert.deepEqual(
            [component?.type, component?.name, component?.parent],
            [EXPORT_ROLE_TYPE, "marketing", PYTHON_STACK],
        );
        assert.deepEqual(
            record.registrations
                .filter((registration) => registration.parent === urn)
                .map((registration) => [registration.type, registration.name]),
            [
                ["aws:iam/policy:Policy", "marketing-policy"],
                ["aws:iam/role:Role", "marketing-role"],
                ["aws:iam/rolePolicyAttachment:RolePolicyAttachment", "marketing-attachment"],
            ],
        );
        // The account and region came from the caller's AWS provider, as for a TypeScript program.
        assert.deepEqual(record.invokes.map((invoke) => invoke.token).sort(), [GET_CALLER_IDENTITY, GET_REGION]);
    });

    it("returns every output, the children as references the caller's SDK turns back into resources", async () => {
        const record = await useMocks();
        const inputs: pulumi.Inputs = {
            bucket: "example-bucket",
            folder: "pinpoint/marketing",
            accountId: "123456789012",
            region: "us-east-1",
        };
        const result = await provider.construct("marketing", EXPORT_ROLE_TYPE, inputs, {});
        // What the provider server sends back to the engine.
        const [state] = await pulumi.runtime.serializeResourceProperties("construct state", result.state);
        // The children's own outputs, as the component's resources hold them.
        const children = result.state as { role: Role; policy: Policy };
        const own = await promisesOf({
            roleArn: children.role.arn,
            roleName: children.role.name,
            roleId: children.role.id,
            policyArn: children.policy.arn,
        });
        await pulumi.runtime.disconnect();

        const urnOf = (type: string) => record.registrations.find((registration) => registration.type === type)?.urn;
        const { role, policy, attachment, ...values } = state as Record<string, ResourceReference>;
        assert.equal(
            new Set([own.roleArn, own.roleName, own.policyArn]).size,
            3,
            "three distinct values to tell apart",
        );
        assert.deepEqual(values, {
            roleArn: own.roleArn,
            roleName: own.roleName,
            policyArn: own.policyArn,
            s3UrlPrefix: "s3://example-bucket/pinpoint/marketing/",
        });
        assert.equal(role.urn, urnOf("aws:iam/role:Role"));
        assert.equal(policy.urn, urnOf("aws:iam/policy:Policy"));
        assert.equal(attachment.urn, urnOf("aws:iam/rolePolicyAttachment:RolePolicyAttachment"));
        assert.equal(role.id, own.roleId);
    });

    it("reports bad inputs as input property errors, which the engine lists against each argument", async () => {
        await useMocks();
        const inputs: pulumi.Inputs = { bucket: "s3://example-bucket/Exports", folder: "Exp*orts" };
        await assert.rejects(provider.construct("bad", EXPORT_ROLE_TYPE, inputs, {}), (error: unknown) => {
            assert.ok(pulumi.InputPropertiesError.isInstance(error), "an InputPropertiesError");
            assert.deepEqual(
                error.errors.map((detail) => detail.propertyPath),
                ["bucket", "folder"],
            );
            assert.match(error.errors[0].reason, /is an S3 URL, not a bucket name/);
            return true;
        });
    });

    describe("under faults, answering the engine as a TypeScript program would end", () => {
        const GIVEN = { folder: "Exports", accountId: "123456789012", region: "us-east-1" };

        it("refuses a bad value given as an Output as it refuses one given outright, and registers no child", async () => {
            const record = await useMocks();
            const reported = await unhandledRejectionsDuring(async () => {
                const inputs: pulumi.Inputs = { ...GIVEN, bucket: pulumi.output("s3://example-bucket") };
                await assert.rejects(provider.construct("late", EXPORT_ROLE_TYPE, inputs, {}), (error: unknown) => {
                    assert.ok(pulumi.InputPropertiesError.isInstance(error), "an InputPropertiesError");
                    assert.deepEqual(error.errors, [
                        {
                            propertyPath: "bucket",
                            reason: 'bucket: "s3://example-bucket" is an S3 URL, not a bucket name. Fix: give the bucket name, e.g. example-bucket.',
                        },
                    ]);
                    return true;
                });
            });
            assert.deepEqual(reported, [], "nothing is left for the plugin host's handler, which fails every request");
            assert.deepEqual(
                record.resources.map((resource) => resource.type),
                [EXPORT_ROLE_TYPE],
            );
        });

        it("answers a preview in which the bucket is not known yet, leaving its check to the update", async () => {
            const record = await useMocks();
            // What the engine sends for a value another resource has not yet been given, in a preview.
            const bucket = pulumi.output(pulumi.unknown) as pulumi.Output<string>;
            const result = await provider.construct("unknown", EXPORT_ROLE_TYPE, { ...GIVEN, bucket }, {});
            assert.equal(
                await stateAfterSettling(promiseOf(result.state.s3UrlPrefix as pulumi.Output<string>)),
                "resolved",
            );
            // In whatever order the unknowns let them register: all four.
            assert.deepEqual(
                record.resources.map((resource) => resource.type).sort(),
                [
                    EXPORT_ROLE_TYPE,
                    "aws:iam/policy:Policy",
                    "aws:iam/role:Role",
                    "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
                ].sort(),
            );
        });

        it("refuses a lookup AWS cannot answer against the argument that avoids it", async () => {
            await useMocks(MOCK_AWS, {
                failingInvokes: { [GET_CALLER_IDENTITY]: "No valid credential sources found." },
            });
            const inputs: pulumi.Inputs = { bucket: "example-bucket", folder: "Exports", region: "us-east-1" };
            await assert.rejects(provider.construct("blind", EXPORT_ROLE_TYPE, inputs, {}), (error: unknown) => {
                assert.ok(pulumi.InputPropertiesError.isInstance(error));
                assert.deepEqual(
                    error.errors.map((detail) => detail.propertyPath),
                    ["accountId"],
                );
                assert.match(error.errors[0].reason, /Fix: pass accountId in the ExportRole arguments, which avoids/);
                return true;
            });
        });

        it("waits, as the engine does, for a lookup that never answers", async () => {
            await useMocks(MOCK_AWS, { unansweredInvokes: [GET_CALLER_IDENTITY] });
            const inputs: pulumi.Inputs = { bucket: "example-bucket", folder: "Exports" };
            assert.equal(
                await stateAfterSettling(provider.construct("waits", EXPORT_ROLE_TYPE, inputs, {})),
                "pending",
            );
        });

        it("answers with the engine's error when a child is refused, rather than waiting", async () => {
            await useMocks(MOCK_AWS, { refusedResources: { "aws:iam/role:Role": "EntityAlreadyExists: exists" } });
            let answer: Promise<unknown> | undefined;
            const reported = await unhandledRejectionsDuring(async () => {
                const result = await provider.construct(
                    "refused",
                    EXPORT_ROLE_TYPE,
                    { ...GIVEN, bucket: "example-bucket" },
                    {},
                );
                // What the provider server does with the state before it answers the engine.
                answer = pulumi.runtime.serializeResourceProperties("construct state", result.state);
                answer.catch(() => undefined);
            });
            await assert.rejects(
                answer!,
                /failed to register new resource refused-role .*EntityAlreadyExists: exists$/,
            );
            // The SDK's own, one error object however many outputs it fails; none of ExportRole's.
            assert.equal(reported.length, 1);
        });
    });
});

// The SDK behaviour ExportRole and its provider work around, shown with a bare
// resource and no code of this package: @pulumi/pulumi (3.142.0 to 3.248.0)
// rejects the registration of a resource whose input Output failed, and never
// settles the resource's URN, ID or outputs. A provider's construct, which
// serializes the state it returns as provider/server.js does, then waits for
// good. The smallest reproduction, for a report upstream. Newer SDKs (3.276.0,
// on Node 24: tools/test/node24.ts) reject the URN too, so there the
// workaround costs nothing and guards nothing; the peer range still starts at 3.142.0.
describe("@pulumi/pulumi, when an input of a resource fails", () => {
    class Thing extends pulumi.CustomResource {
        constructor(name: string, args: { value: pulumi.Input<string> }) {
            super("test:index:Thing", name, args);
        }
    }
    const failing = () => pulumi.output(Promise.reject(new Error("a bad input")));
    // What becomes of the URN, by the SDK this run has.
    const sdk = (
        JSON.parse(fs.readFileSync(require.resolve("@pulumi/pulumi/package.json"), "utf8")) as { version: string }
    ).version;
    const [major, minor] = sdk.split(".").map(Number);
    const urnOfFailed = major === 3 && minor <= 248 ? "pending" : "rejected";

    it("rejects the registration, unhandled, and never settles the resource's URN (up to 3.248.0; newer SDKs reject it)", async () => {
        await useMocks();
        let resource: Thing | undefined;
        const reported = await unhandledRejectionsDuring(() => {
            resource = new Thing("thing", { value: failing() });
        });
        assert.equal(reported.length, 1);
        assert.match((reported[0] as Error).message, /a bad input$/);
        assert.equal(await stateAfterSettling(promiseOf(resource!.urn)), urnOfFailed, `the URN, under ${sdk}`);
        assert.equal(await stateAfterSettling(promiseOf(resource!.id)), urnOfFailed, `the ID, under ${sdk}`);
    });

    it("so a construct that serializes a state holding it, as provider/server.js does, waits for good (up to 3.248.0)", async () => {
        await useMocks();
        let state: Promise<unknown> | undefined;
        await unhandledRejectionsDuring(() => {
            const thing = new Thing("thing", { value: failing() });
            state = pulumi.runtime.serializeResourceProperties("construct(test:index:Component, c)", { thing });
            state.catch(() => undefined);
        });
        assert.equal(await stateAfterSettling(state!), urnOfFailed, `the state, under ${sdk}`);
    });
});
