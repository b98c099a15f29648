import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { Provider } from "@pulumi/aws/provider";
import { checksOf, EXPORT_ROLE_TYPE, ExportRole, ExportRoleArgs } from "../../components/exportRole";
import { ExportRoleInputError } from "../../components/exportRoleInputError";
import { GET_CALLER_IDENTITY, GET_PARTITION, GET_REGION } from "../../plan/awsInvokeTokens";
import { MOCK_AWS, MockRecord, resourceNamed, useMocks } from "../support/mocks";
import { promiseOf, promisesOf, stateAfterSettling, unhandledRejectionsDuring } from "../support/outputs";

const ROLE = "aws:iam/role:Role";
const POLICY = "aws:iam/policy:Policy";
const ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";

const GIVEN: ExportRoleArgs = {
    bucket: "example-bucket",
    folder: "Exports",
    accountId: "123456789012",
    region: "us-east-1",
};

/** Waits until the component and its children are registered. */
async function registered(component: ExportRole): Promise<void> {
    await Promise.all(
        [component, component.role, component.policy, component.attachment].map((resource) => promiseOf(resource.urn)),
    );
}

describe("ExportRole", () => {
    let record: MockRecord;
    beforeEach(async () => {
        record = await useMocks();
    });

    describe("its resource graph", () => {
        it("is the component and its three children, named after it and parented to it", async () => {
            const component = new ExportRole("exports", GIVEN);
            await registered(component);
            assert.deepEqual(
                record.registrations.map((registration) => [registration.type, registration.name, registration.parent]),
                [
                    [EXPORT_ROLE_TYPE, "exports", undefined],
                    [POLICY, "exports-policy", await promiseOf(component.urn)],
                    [ROLE, "exports-role", await promiseOf(component.urn)],
                    [ATTACHMENT, "exports-attachment", await promiseOf(component.urn)],
                ],
            );
            assert.equal(EXPORT_ROLE_TYPE, "pinpoint-export:index:ExportRole");
        });

        it("attaches the policy to the role, by the role's name and the policy's ARN", async () => {
            const component = new ExportRole("exports", GIVEN);
            await registered(component);
            const attachment = resourceNamed(record, ATTACHMENT, "exports-attachment");
            const { roleName, policyArn } = await promisesOf({
                roleName: component.role.name,
                policyArn: component.policy.arn,
            });
            assert.ok(roleName && policyArn, "the role's name and the policy's ARN are known");
            assert.deepEqual(attachment.inputs, { role: roleName, policyArn });
        });

        it("never gives the role managed or inline policies, which would fight the attachment", async () => {
            await registered(new ExportRole("exports", GIVEN));
            const role = resourceNamed(record, ROLE, "exports-role").inputs as Record<string, unknown>;
            assert.equal(role.managedPolicyArns, undefined);
            assert.equal(role.inlinePolicies, undefined);
            assert.deepEqual(Object.keys(role).sort(), ["assumeRolePolicy", "description"]);
        });

        it("lets Pulumi autoname the role and the policy unless names are given", async () => {
            await registered(new ExportRole("auto", GIVEN));
            await registered(
                new ExportRole("named", { ...GIVEN, roleName: "PinpointExport", policyName: "PinpointExportS3" }),
            );
            assert.equal((resourceNamed(record, ROLE, "auto-role").inputs as { name?: string }).name, undefined);
            assert.equal((resourceNamed(record, POLICY, "auto-policy").inputs as { name?: string }).name, undefined);
            assert.equal((resourceNamed(record, ROLE, "named-role").inputs as { name: string }).name, "PinpointExport");
            assert.equal(
                (resourceNamed(record, POLICY, "named-policy").inputs as { name: string }).name,
                "PinpointExportS3",
            );
        });

        it("passes the optional role settings through, and the path and tags to both role and policy", async () => {
            const boundary = "arn:aws:iam::123456789012:policy/Boundary";
            await registered(
                new ExportRole("full", {
                    ...GIVEN,
                    path: "/service-role/",
                    permissionsBoundary: boundary,
                    maxSessionDuration: 7200,
                    description: "Exports for the growth team",
                    tags: { team: "growth" },
                }),
            );
            const role = resourceNamed(record, ROLE, "full-role").inputs as Record<string, unknown>;
            const policy = resourceNamed(record, POLICY, "full-policy").inputs as Record<string, unknown>;
            assert.deepEqual(
                [role.path, role.permissionsBoundary, role.maxSessionDuration, role.description, role.tags],
                ["/service-role/", boundary, 7200, "Exports for the growth team", { team: "growth" }],
            );
            assert.deepEqual([policy.path, policy.tags], ["/service-role/", { team: "growth" }]);
        });

        it("describes the role by its S3 folder, and the policy with a fixed sentence IAM can keep", async () => {
            await registered(new ExportRole("exports", { ...GIVEN, folder: "/a/b" }));
            const role = resourceNamed(record, ROLE, "exports-role").inputs as { description: string };
            const policy = resourceNamed(record, POLICY, "exports-policy").inputs as { description: string };
            assert.equal(
                role.description,
                "Lets Amazon Pinpoint export endpoints and segments to s3://example-bucket/a/b/",
            );
            assert.equal(
                policy.description,
                "Lets Amazon Pinpoint export endpoints and segments into one folder of an S3 bucket.",
            );
        });

        it("carries no aliases", async () => {
            await registered(new ExportRole("exports", GIVEN));
            assert.deepEqual(
                record.registrations.map((registration) => registration.aliases),
                [[], [], [], []],
            );
        });
    });

    describe("its outputs", () => {
        it("are the role's ARN and name, the policy's ARN and the S3 URL prefix, with the S3 URL prefix registered as the component's own output", async () => {
            const component = new ExportRole("exports", { ...GIVEN, folder: "pinpoint/exports/" });
            await registered(component);
            const outputs = await promisesOf({
                roleArn: component.roleArn,
                roleName: component.roleName,
                policyArn: component.policyArn,
                s3UrlPrefix: component.s3UrlPrefix,
            });
            const children = await promisesOf({
                roleArn: component.role.arn,
                roleName: component.role.name,
                policyArn: component.policy.arn,
            });
            assert.equal(new Set(Object.values(children)).size, 3, "three distinct values to tell apart");
            assert.deepEqual(outputs, { ...children, s3UrlPrefix: "s3://example-bucket/pinpoint/exports/" });
            await pulumi.runtime.disconnect();
            const monitor = pulumi.runtime.getMonitor() as unknown as { resources: Map<string, { state: unknown }> };
            const state = monitor.resources.get(await promiseOf(component.urn))!.state as {
                toJavaScript(): Record<string, unknown>;
            };
            // The children's names and ARNs are in their own state; the component records its own.
            assert.deepEqual(state.toJavaScript(), { s3UrlPrefix: "s3://example-bucket/pinpoint/exports/" });
        });

        it("give the role's ARN only once the policy is attached", async () => {
            let attachmentArrived!: () => void;
            const attachmentRegistering = new Promise<void>((resolve) => (attachmentArrived = resolve));
            let releaseAttachment!: () => void;
            const attachmentHeld = new Promise<void>((resolve) => (releaseAttachment = resolve));
            record = await useMocks(MOCK_AWS, {
                delay: (args) => {
                    if (args.type !== ATTACHMENT) {
                        return undefined;
                    }
                    attachmentArrived();
                    return attachmentHeld;
                },
            });
            const component = new ExportRole("exports", GIVEN);
            let roleArnKnown = false;
            const roleArn = promiseOf(component.roleArn).then((arn) => {
                roleArnKnown = true;
                return arn;
            });
            // The attachment is registered with the role's name and the policy's ARN,
            // so by now the role's ARN is known too.
            await attachmentRegistering;
            // Under the mocks everything that can resolve now does so before the next macrotask.
            await new Promise(setImmediate);
            assert.equal(roleArnKnown, false, "roleArn resolved before the attachment existed");
            releaseAttachment();
            assert.equal(await roleArn, await promiseOf(component.role.arn));
        });
    });

    describe("its policies", () => {
        it("are the documents the pure builders make, for the given account and region", async () => {
            await registered(new ExportRole("exports", GIVEN));
            const policy = resourceNamed(record, POLICY, "exports-policy").inputs as { policy: string };
            const role = resourceNamed(record, ROLE, "exports-role").inputs as { assumeRolePolicy: string };
            assert.ok(policy.policy.includes('"Resource":["arn:aws:s3:::example-bucket/Exports/*"]'), policy.policy);
            assert.ok(
                role.assumeRolePolicy.includes(
                    '"aws:SourceArn":"arn:aws:mobiletargeting:us-east-1:123456789012:apps/*"',
                ),
                role.assumeRolePolicy,
            );
        });

        it("are sent to AWS as the same text every time", async () => {
            await registered(new ExportRole("one", GIVEN));
            await registered(new ExportRole("two", GIVEN));
            const texts = ["one", "two"].map(
                (name) => resourceNamed(record, POLICY, `${name}-policy`).inputs as { policy: string },
            );
            assert.equal(texts[0].policy, texts[1].policy);
        });
    });

    describe("looking up the account and region", () => {
        it("asks AWS nothing when both are given", async () => {
            await registered(new ExportRole("exports", GIVEN));
            assert.deepEqual(record.invokes, []);
        });

        it("asks the provider once for each, however many ExportRoles need them, and never for the partition", async () => {
            const components = ["a", "b", "c"].map(
                (name) => new ExportRole(name, { bucket: "example-bucket", folder: name }),
            );
            await Promise.all(components.map(registered));
            assert.deepEqual(record.invokes.map((invoke) => invoke.token).sort(), [GET_CALLER_IDENTITY, GET_REGION]);
            assert.ok(!record.invokes.some((invoke) => invoke.token === GET_PARTITION));
            const role = resourceNamed(record, ROLE, "b-role").inputs as { assumeRolePolicy: string };
            assert.ok(
                role.assumeRolePolicy.includes("arn:aws:mobiletargeting:eu-west-1:111122223333:apps/*"),
                role.assumeRolePolicy,
            );
        });

        it("asks only for what is missing", async () => {
            await registered(
                new ExportRole("exports", { bucket: "example-bucket", folder: "Exports", region: "us-east-1" }),
            );
            assert.deepEqual(
                record.invokes.map((invoke) => invoke.token),
                [GET_CALLER_IDENTITY],
            );
        });

        it("asks each explicit provider separately, through that provider", async () => {
            const east = new Provider("east", { region: "us-east-1" });
            const west = new Provider("west", { region: "us-west-2" });
            const components = [
                new ExportRole(
                    "east",
                    { bucket: "example-bucket", folder: "e", accountId: "123456789012" },
                    { provider: east },
                ),
                new ExportRole(
                    "east2",
                    { bucket: "example-bucket", folder: "e2", accountId: "123456789012" },
                    { providers: { aws: east } },
                ),
                new ExportRole(
                    "west",
                    { bucket: "example-bucket", folder: "w", accountId: "123456789012" },
                    { provider: west },
                ),
            ];
            await Promise.all(components.map(registered));
            const regionAsks = record.invokes
                .filter((invoke) => invoke.token === GET_REGION)
                .map((invoke) => invoke.provider);
            assert.equal(regionAsks.length, 2);
            const [eastUrn, westUrn] = await Promise.all([promiseOf(east.urn), promiseOf(west.urn)]);
            assert.ok(
                regionAsks.some((provider) => provider?.startsWith(`${eastUrn}::`)),
                String(regionAsks),
            );
            assert.ok(
                regionAsks.some((provider) => provider?.startsWith(`${westUrn}::`)),
                String(regionAsks),
            );
        });
    });

    describe("bad arguments", () => {
        it("are all refused in one error before anything is registered", async () => {
            assert.throws(
                () =>
                    new ExportRole("exports", {
                        bucket: "s3://my-bucket",
                        folder: "a//b",
                        accountId: "12345",
                        region: "us-east-1",
                    }),
                (error: unknown) => {
                    assert.ok(error instanceof ExportRoleInputError);
                    assert.ok(
                        pulumi.RunError.isInstance(error),
                        "the program runner must print it without a stack trace",
                    );
                    assert.deepEqual(
                        error.problems.map((problem) => problem.key),
                        ["bucket", "folder", "accountId"],
                    );
                    assert.match(
                        error.message,
                        /^ExportRole "exports" has invalid arguments:\n {2}- bucket: "s3:\/\/my-bucket" is an S3 URL/,
                    );
                    return true;
                },
            );
            // Registration is asynchronous: let anything that was started finish first.
            await pulumi.runtime.disconnect();
            assert.deepEqual(record.resources, []);
        });

        it("include missing required arguments", async () => {
            assert.throws(
                () => new ExportRole("exports", {} as ExportRoleArgs),
                /- bucket: undefined is required but not set\. Fix: pass bucket in the ExportRole arguments\.\n {2}- folder: undefined is required/,
            );
            await pulumi.runtime.disconnect();
            assert.deepEqual(record.resources, []);
        });

        it("that arrive as Outputs are checked when they resolve: one error, and no resource registered", async () => {
            let component: ExportRole | undefined;
            const reported = await unhandledRejectionsDuring(() => {
                component = new ExportRole("late", { ...GIVEN, bucket: pulumi.output("s3://my-bucket") });
            });
            assert.deepEqual(
                record.resources.map((resource) => resource.type),
                [EXPORT_ROLE_TYPE],
                "no resource may be created while a value is bad, not even one that does not use it",
            );
            assert.equal(reported.length, 1, "one error, which the program runner prints");
            assert.ok(reported[0] instanceof ExportRoleInputError);
            assert.ok(pulumi.RunError.isInstance(reported[0]), "printed without a stack trace");
            assert.equal(
                reported[0].message,
                'ExportRole "late" has invalid arguments:\n  - bucket: "s3://my-bucket" is an S3 URL, not a bucket name. Fix: give the bucket name, e.g. my-bucket.',
            );
            // The outputs never fail: anything built from them would report the error again.
            assert.equal(await stateAfterSettling(promiseOf(component!.s3UrlPrefix)), "pending");
            assert.equal(await stateAfterSettling(promiseOf(component!.roleArn)), "pending");
        });

        it("that arrive as Outputs are all listed in one error, secrets as [secret], which checksOf rejects with", async () => {
            let failure: unknown;
            const unhandled = await unhandledRejectionsDuring(async () => {
                const component = new ExportRole("late", {
                    ...GIVEN,
                    bucket: pulumi.output("Bad_Bucket"),
                    folder: pulumi.output("x*"),
                    accountId: pulumi.secret("1234"),
                    // A good late value among the bad ones is not listed.
                    region: pulumi.output("us-east-1"),
                });
                failure = await checksOf(component).then(
                    () => "resolved",
                    (error: unknown) => error,
                );
            });
            assert.deepEqual(unhandled, [], "awaited, the error is not left unhandled as well");
            assert.ok(failure instanceof ExportRoleInputError, String(failure));
            assert.deepEqual(
                failure.problems.map((problem) => problem.key),
                ["bucket", "folder", "accountId"],
            );
            const lines = failure.message.split("\n");
            assert.equal(lines[0], 'ExportRole "late" has invalid arguments:');
            assert.match(lines[1], /^ {2}- bucket: "Bad_Bucket" /);
            assert.match(lines[2], /^ {2}- folder: "x\*" /);
            assert.match(lines[3], /^ {2}- accountId: \[secret\] must be/);
            assert.equal(lines.length, 4);
            assert.ok(!failure.message.includes("1234"), "a secret's value is never shown");
            assert.deepEqual(
                record.resources.map((resource) => resource.type),
                [EXPORT_ROLE_TYPE],
            );
        });

        it("that arrive as Outputs and a joined rule both wrong: the own problems are listed, the joined rule waits for them", async () => {
            const reported = await unhandledRejectionsDuring(() => {
                new ExportRole("late", {
                    ...GIVEN,
                    bucket: pulumi.output("Bad_Bucket"),
                    permissionsBoundary: pulumi.output("arn:aws-us-gov:iam::123456789012:policy/B"),
                });
            });
            assert.equal(reported.length, 1);
            assert.deepEqual(
                (reported[0] as ExportRoleInputError).problems.map((problem) => problem.key),
                ["bucket"],
                "a rule that joins settings runs once each of them is valid on its own",
            );
        });

        for (const [argument, bad, usedBy] of [
            ["description", "\u0000", "role"],
            ["kmsKeyArn", "alias/exports", "policy"],
        ] as const) {
            it(`that arrive as Outputs hold back every child, not only the ${usedBy} that uses ${argument}`, async () => {
                const reported = await unhandledRejectionsDuring(() => {
                    new ExportRole("late", { ...GIVEN, [argument]: pulumi.output(bad) });
                });
                assert.equal(reported.length, 1);
                assert.match(
                    (reported[0] as Error).message,
                    new RegExp(`^ExportRole "late" has invalid arguments:\n  - ${argument}: `),
                );
                assert.deepEqual(
                    record.resources.map((resource) => resource.type),
                    [EXPORT_ROLE_TYPE],
                );
            });
        }

        describe("checked once the provider's region is known", () => {
            // No region is given, so the rules that join it with the other arguments
            // run only when the lookup answers (eu-west-1, in the aws partition).
            const LOOKED_UP = { bucket: "example-bucket", folder: "Exports" };

            it("refuse a permissions boundary from another partition, and register none of the three", async () => {
                const rejections = await unhandledRejectionsDuring(() => {
                    new ExportRole("gov", {
                        ...LOOKED_UP,
                        permissionsBoundary: "arn:aws-us-gov:iam::123456789012:policy/B",
                    });
                });
                assert.equal(rejections.length, 1);
                assert.match(
                    (rejections[0] as Error).message,
                    /^ExportRole "gov" has invalid arguments:\n {2}- permissionsBoundary: "arn:aws-us-gov:iam::123456789012:policy\/B" is in the aws-us-gov partition, but the region eu-west-1 is in aws\.$/,
                );
                assert.deepEqual(
                    record.resources.map((resource) => resource.type),
                    [EXPORT_ROLE_TYPE],
                );
            });

            it("refuse a folder that makes the permission policy too big for IAM, and register none of the three", async () => {
                const folder = Array.from({ length: 128 }, () => "aaa").join("/");
                const rejections = await unhandledRejectionsDuring(() => {
                    new ExportRole("deep", { ...LOOKED_UP, folder });
                });
                assert.equal(rejections.length, 1);
                assert.match(
                    (rejections[0] as Error).message,
                    /^ExportRole "deep" has invalid arguments:\n {2}- folder: "aaa\/aaa.* makes the permission policy [\d,]+ characters long without whitespace; IAM allows 6,144\.$/,
                );
                assert.deepEqual(
                    record.resources.map((resource) => resource.type),
                    [EXPORT_ROLE_TYPE],
                );
            });

            for (const fact of ["region", "accountId"] as const) {
                it(`require the ${fact}, when the provider's lookup answers without one`, async () => {
                    record = await useMocks(MOCK_AWS, { withholds: [fact] });
                    const rejections = await unhandledRejectionsDuring(async () => {
                        const component = new ExportRole("blank", LOOKED_UP);
                        await promiseOf(component.urn);
                    });
                    assert.equal(rejections.length, 1);
                    assert.equal(
                        (rejections[0] as Error).message,
                        `ExportRole "blank" has invalid arguments:\n  - ${fact}: undefined is required but not set. Fix: pass ${fact} in the ExportRole arguments.`,
                    );
                    assert.deepEqual(
                        record.resources.map((resource) => resource.type),
                        [EXPORT_ROLE_TYPE],
                    );
                });
            }
        });

        it("include a provider region where Pinpoint is not offered", async () => {
            record = await useMocks({ accountId: "111122223333", region: "cn-north-1", partition: "aws-cn" });
            const rejections = await unhandledRejectionsDuring(async () => {
                const component = new ExportRole("china", { bucket: "example-bucket", folder: "Exports" });
                await promiseOf(component.urn);
            });
            assert.equal(rejections.length, 1);
            assert.match((rejections[0] as Error).message, /- region: "cn-north-1" is in the aws-cn partition/);
            assert.deepEqual(
                record.resources.map((resource) => resource.type),
                [EXPORT_ROLE_TYPE],
            );
        });
    });
});
