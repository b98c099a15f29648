import { strict as assert } from "assert";
import { checksOf, EXPORT_ROLE_TYPE, ExportRole } from "../../components/exportRole";
import { ExportRoleInputError } from "../../components/exportRoleInputError";
import { GET_CALLER_IDENTITY, GET_REGION } from "../../plan/awsInvokeTokens";
import { MOCK_AWS, MockOptions, MockRecord, useMocks } from "../support/mocks";
import { promiseOf, stateAfterSettling, unhandledRejectionsDuring } from "../support/outputs";

const POLICY = "aws:iam/policy:Policy";
const ROLE = "aws:iam/role:Role";
const ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";

// What the engine passes on when the AWS provider has no credentials: the
// provider's text (pulumi/pulumi-aws#2285) around the AWS SDK's own error.
const NO_CREDENTIALS =
    "unable to validate AWS credentials.\n" +
    "Details: No valid credential sources found. Please see https://www.pulumi.com/registry/packages/aws/installation-configuration/\n" +
    "for more information about providing credentials.\n\n" +
    "Error: failed to refresh cached credentials, no EC2 IMDS role found, operation error ec2imds: GetMetadata, request canceled, context deadline exceeded\n";
// ... and when it has no region (pulumi/pulumi-aws#3310).
const NO_REGION =
    "pulumi:providers:aws resource 'default_7_48_0' has a problem: missing region information\n" +
    "Make sure you have set your AWS region, e.g. `pulumi config set aws:region us-west-2`.";

// IAM's answers, as the AWS provider words a failed create (terraform-provider-aws).
const REFUSALS = {
    [POLICY]:
        "creating IAM Policy (exports-policy-1234567): operation error IAM: CreatePolicy, https response error StatusCode: 400, RequestID: 0c1dd2b4-7a6e-4c58-9a1f-2f0e8b1c9d3e, MalformedPolicyDocument: Syntax errors in policy.",
    [ROLE]: "creating IAM Role (exports-role-1234567): operation error IAM: CreateRole, https response error StatusCode: 409, RequestID: 277306c3-5a41-457c-bb14-6b6165485cdb, EntityAlreadyExists: Role with name exports-role-1234567 already exists.",
    [ATTACHMENT]:
        "attaching IAM Policy (arn:aws:iam::111122223333:policy/exports-policy-1234567) to IAM Role (exports-role-1234567): operation error IAM: AttachRolePolicy, https response error StatusCode: 409, RequestID: 9f8e7d6c-5b4a-4f3e-8d2c-1b0a9f8e7d6c, LimitExceeded: Cannot exceed quota for PoliciesPerRole: 10",
};

const BUCKET_AND_FOLDER = { bucket: "example-bucket", folder: "Exports" };

/** Builds one ExportRole under mocks with `faults`, and lets everything happen that can. */
async function build(
    faults: MockOptions,
    args: ConstructorParameters<typeof ExportRole>[1] = BUCKET_AND_FOLDER,
): Promise<{ component: ExportRole; reported: unknown[]; record: MockRecord }> {
    const record = await useMocks(MOCK_AWS, faults);
    let component: ExportRole | undefined;
    const reported = await unhandledRejectionsDuring(() => {
        component = new ExportRole("exports", args);
    });
    return { component: component!, reported, record };
}

/** The types of the resources registered, in order. */
function registeredTypes(record: MockRecord): string[] {
    return record.resources.map((resource) => resource.type);
}

describe("ExportRole under faults", () => {
    describe("a lookup of the account or region that fails", () => {
        it("ends in one error that names the failed lookup and says that accountId avoids it", async () => {
            const { component, reported, record } = await build({
                failingInvokes: { [GET_CALLER_IDENTITY]: NO_CREDENTIALS },
            });
            assert.equal(reported.length, 1, "one error, printed by the program runner");
            assert.ok(reported[0] instanceof ExportRoleInputError, "printed without a stack trace");
            assert.equal(
                reported[0].message,
                'ExportRole "exports" has invalid arguments:\n' +
                    "  - accountId: undefined is not given, and AWS could not supply it (sts:GetCallerIdentity failed: " +
                    "unable to validate AWS credentials. Details: No valid credential sources found. Please see " +
                    "https://www.pulumi.com/registry/packages/aws/installation-configuration/ for more information about " +
                    "providing credentials. Error: failed to refresh cached credentials, no EC2 IMDS role found, operation " +
                    "error ec2imds: GetMetadata, request canceled, context deadline exceeded). " +
                    "Fix: pass accountId in the ExportRole arguments, which avoids the lookup.",
            );
            assert.deepEqual(registeredTypes(record), [EXPORT_ROLE_TYPE], "no IAM resource is registered");
            assert.equal(await stateAfterSettling(promiseOf(component.roleArn)), "pending", "the outputs never fail");
        });

        it("ends in one error that names the failed lookup and says that region avoids it", async () => {
            const { reported, record } = await build(
                { failingInvokes: { [GET_REGION]: NO_REGION } },
                { ...BUCKET_AND_FOLDER, accountId: "123456789012" },
            );
            assert.equal(reported.length, 1);
            assert.ok(reported[0] instanceof ExportRoleInputError);
            assert.equal(
                reported[0].message,
                'ExportRole "exports" has invalid arguments:\n' +
                    "  - region: undefined is not given, and AWS could not supply it (the AWS provider's getRegion failed: " +
                    "pulumi:providers:aws resource 'default_7_48_0' has a problem: missing region information Make sure " +
                    "you have set your AWS region, e.g. `pulumi config set aws:region us-west-2`). " +
                    "Fix: pass region in the ExportRole arguments, which avoids the lookup.",
            );
            assert.deepEqual(registeredTypes(record), [EXPORT_ROLE_TYPE]);
        });

        it("is not made when accountId and region are given, so it cannot fail", async () => {
            const { reported, record } = await build(
                { failingInvokes: { [GET_CALLER_IDENTITY]: NO_CREDENTIALS, [GET_REGION]: NO_REGION } },
                { ...BUCKET_AND_FOLDER, accountId: "123456789012", region: "us-east-1" },
            );
            assert.deepEqual(reported, []);
            assert.deepEqual(record.invokes, []);
            assert.deepEqual(registeredTypes(record), [EXPORT_ROLE_TYPE, POLICY, ROLE, ATTACHMENT]);
        });
    });

    describe("a lookup that never answers", () => {
        // The SDK has no timeout for invokes (InvokeOptions has none; customTimeouts are for
        // resources), and this package adds no timer: `pulumi up` waits as long as the AWS
        // provider does, showing the ExportRole as being created, until the user stops it.
        it("makes the ExportRole wait, registering no IAM resource and reporting nothing", async () => {
            const { component, reported, record } = await build({
                unansweredInvokes: [GET_CALLER_IDENTITY],
            });
            assert.deepEqual(reported, []);
            assert.deepEqual(registeredTypes(record), [EXPORT_ROLE_TYPE]);
            assert.deepEqual(record.invokes.map((invoke) => invoke.token).sort(), [GET_CALLER_IDENTITY, GET_REGION]);
            assert.equal(await stateAfterSettling(checksOf(component)), "pending");
            assert.equal(await stateAfterSettling(promiseOf(component.roleArn)), "pending");
        });
    });

    // What the engine does when a provider refuses a resource: it reports the provider's error
    // against that resource itself and stops the deployment; the registration gets only
    // UNAVAILABLE (pulumi/pulumi's source_eval.go: "resource monitor shut down while waiting on
    // step's done channel"), which the SDK takes for the monitor shutting down and does not report.
    // With --continue-on-error it is answered as failed, its outputs unknown. A refusal reaches the
    // program as an error only where the registration is answered with one, as the mocks do when
    // newResource throws: then the SDK reports that error itself, as for any resource.
    describe("a resource the provider refuses, as the engine handles it", () => {
        it("leaves the engine's report of it the only message: ExportRole reports nothing, and hands out no role", async () => {
            const { component, reported, record } = await build(
                { refusedAsTheEngineDoes: [ROLE] },
                { ...BUCKET_AND_FOLDER, accountId: "123456789012", region: "us-east-1" },
            );
            assert.deepEqual(reported, []);
            assert.ok(!registeredTypes(record).includes(ATTACHMENT), "the attachment waits for the role");
            assert.equal(await stateAfterSettling(promiseOf(component.roleArn)), "pending");
        });
    });

    describe("a resource the provider refuses, answered as an error as the mocks do", () => {
        const GIVEN = { ...BUCKET_AND_FOLDER, accountId: "123456789012", region: "us-east-1" };
        const REFUSED = [
            { part: "policy", type: POLICY, registered: [EXPORT_ROLE_TYPE, POLICY, ROLE] },
            { part: "role", type: ROLE, registered: [EXPORT_ROLE_TYPE, POLICY, ROLE] },
            { part: "attachment", type: ATTACHMENT, registered: [EXPORT_ROLE_TYPE, POLICY, ROLE, ATTACHMENT] },
        ] as const;

        for (const { part, type, registered } of REFUSED) {
            it(`ends, for the ${part}, in the SDK's one error with IAM's answer, and ExportRole adds none`, async () => {
                const { component, reported, record } = await build(
                    { refusedResources: { [type]: REFUSALS[type] } },
                    GIVEN,
                );
                assert.equal(reported.length, 1, "one error, printed by the program runner");
                const [error] = reported as Error[];
                // The SDK's own words, which 3.248.0 prefixes each time the error fails a dependent's input.
                assert.equal(
                    error.message.replace(/^(error serializing property "\w+": )*/, ""),
                    `failed to register new resource exports-${part} [${type}]: 2 UNKNOWN: ${REFUSALS[type]}`,
                );
                assert.ok(!(error instanceof ExportRoleInputError), "not a problem with the arguments");
                assert.deepEqual(registeredTypes(record), registered);
                // Nothing hands Pinpoint a role that lacks, or may lack, its permissions.
                assert.notEqual(await stateAfterSettling(promiseOf(component.roleArn)), "resolved");
                assert.equal(await stateAfterSettling(checksOf(component)), "resolved", "the arguments were fine");
            });
        }
    });
});
