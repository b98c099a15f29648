// The one test that deploys to a real AWS account. Opt in with
// PINPOINT_EXPORT_INTEGRATION=1 (see CONTRIBUTING.md, "Testing against AWS");
// without it, or without the Pulumi CLI, the AWS CLI or AWS credentials,
// mocha lists it as pending and says which of these is missing.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Bucket } from "@pulumi/aws/s3/bucket";
import { LocalWorkspace, OutputMap, Stack } from "@pulumi/pulumi/automation";
import { buildExportPolicy, buildTrustPolicy, ExportRole, renderPolicy } from "../../components";
import { partitionOfRegion } from "../../components/policies/partition";
import { awsCli, policyDocument, waitUntilRoleGone } from "./awsCli";
import { missingPrerequisites } from "./prerequisites";

const missing = missingPrerequisites();
const FOLDER = "pinpoint/integration-test";
/** The passphrase of the throw-away stack's secrets. */
const PASSPHRASE = "pinpoint-export-integration";

interface DeployedRole {
    readonly bucket: string;
    readonly roleName: string;
    readonly roleArn: string;
    readonly policyArn: string;
    readonly s3UrlPrefix: string;
}

/** The program deployed: a throw-away bucket, and an ExportRole for one folder of it. */
function program(): Promise<Record<string, unknown>> {
    const bucket = new Bucket("exports", { forceDestroy: true });
    const exportRole = new ExportRole("integration", { bucket: bucket.bucket, folder: FOLDER });
    return Promise.resolve({
        bucket: bucket.bucket,
        roleName: exportRole.roleName,
        roleArn: exportRole.roleArn,
        policyArn: exportRole.policyArn,
        s3UrlPrefix: exportRole.s3UrlPrefix,
    });
}

function valuesOf(outputs: OutputMap): DeployedRole {
    return Object.fromEntries(Object.entries(outputs).map(([key, output]) => [key, output.value])) as DeployedRole;
}

/** The region the AWS CLI (and so the test) uses, as the AWS provider would pick it. */
function awsRegion(): string {
    const configured = process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
    if (configured) {
        return configured;
    }
    try {
        return (awsCli(["configure", "get", "region"]) as string | null) ?? "us-east-1";
    } catch {
        return "us-east-1";
    }
}

/**
 * Destroys the stack, then removes it and its directory. Returns what went
 * wrong, if anything. After a failed destroy the directory, which holds the
 * stack's state, is kept, so the resources can still be destroyed by hand.
 */
async function tearDown(stack: Stack, stackName: string, workDir: string): Promise<Error | undefined> {
    try {
        await stack.destroy();
    } catch (error) {
        return new Error(
            `pulumi destroy failed, so AWS may still hold the stack's resources. Its state is in ${workDir} ` +
                `(stack ${stackName}, passphrase ${PASSPHRASE}): ${(error as Error)?.message ?? String(error)}`,
        );
    }
    try {
        await stack.workspace.removeStack(stackName);
        fs.rmSync(workDir, { recursive: true, force: true });
    } catch (error) {
        return new Error(`removing the destroyed stack ${stackName} in ${workDir} failed: ${String(error)}`);
    }
    return undefined;
}

describe(`ExportRole deployed to real AWS${missing.length > 0 ? ` (pending: ${missing.join("; ")})` : ""}`, function () {
    this.timeout(30 * 60 * 1000);
    before(function () {
        if (missing.length > 0) {
            this.skip();
        }
    });

    it("creates a role only Pinpoint may assume, with the export policy attached, and destroys it", async () => {
        const region = awsRegion();
        const partition = partitionOfRegion(region);
        assert.ok(partition, `${region} is not an AWS region`);
        const { Account: accountId } = awsCli(["sts", "get-caller-identity"]) as { Account: string };
        const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "pinpoint-export-integration-"));
        const stackName = `integration-${Date.now().toString(36)}`;
        const projectName = "pinpoint-export-integration";
        fs.mkdirSync(path.join(workDir, "state"));
        const stack = await LocalWorkspace.createStack(
            { stackName, projectName, program },
            {
                workDir,
                projectSettings: {
                    name: projectName,
                    runtime: "nodejs",
                    backend: { url: `file://${path.join(workDir, "state")}` },
                },
                envVars: { PULUMI_CONFIG_PASSPHRASE: PASSPHRASE },
            },
        );
        const awsVersion = (
            JSON.parse(fs.readFileSync(require.resolve("@pulumi/aws/package.json"), "utf8")) as {
                version: string;
            }
        ).version;
        await stack.workspace.installPlugin("aws", `v${awsVersion}`);
        await stack.setConfig("aws:region", { value: region });

        let roleName: string | undefined;
        let failure: { error: unknown } | undefined;
        try {
            const deployed = valuesOf((await stack.up()).outputs);
            roleName = deployed.roleName;

            const { Role: role } = awsCli(["iam", "get-role", "--role-name", roleName]) as {
                Role: { Arn: string; AssumeRolePolicyDocument: unknown };
            };
            assert.equal(role.Arn, deployed.roleArn);
            assert.deepEqual(
                policyDocument(role.AssumeRolePolicyDocument),
                JSON.parse(renderPolicy(buildTrustPolicy({ partition, region, accountId }))),
                "trust policy",
            );

            const { AttachedPolicies: attached } = awsCli([
                "iam",
                "list-attached-role-policies",
                "--role-name",
                roleName,
            ]) as {
                AttachedPolicies: { PolicyArn: string }[];
            };
            assert.deepEqual(
                attached.map((policy) => policy.PolicyArn),
                [deployed.policyArn],
            );
            const { PolicyNames: inline } = awsCli(["iam", "list-role-policies", "--role-name", roleName]) as {
                PolicyNames: string[];
            };
            assert.deepEqual(inline, [], "no inline policies");

            const { Policy: policy } = awsCli(["iam", "get-policy", "--policy-arn", deployed.policyArn]) as {
                Policy: { DefaultVersionId: string };
            };
            const { PolicyVersion: version } = awsCli([
                "iam",
                "get-policy-version",
                "--policy-arn",
                deployed.policyArn,
                "--version-id",
                policy.DefaultVersionId,
            ]) as { PolicyVersion: { Document: unknown } };
            assert.deepEqual(
                policyDocument(version.Document),
                JSON.parse(renderPolicy(buildExportPolicy({ partition, bucket: deployed.bucket, folder: FOLDER }))),
                "permission policy",
            );
            assert.equal(deployed.s3UrlPrefix, `s3://${deployed.bucket}/${FOLDER}/`);
        } catch (error) {
            failure = { error };
        }
        const cleanupError = await tearDown(stack, stackName, workDir);
        if (failure) {
            // The test's own failure is the one to see; say what cleanup left behind too.
            if (cleanupError) {
                process.stderr.write(`After the test failed, cleanup failed too: ${cleanupError.message}\n`);
            }
            throw failure.error;
        }
        if (cleanupError) {
            throw cleanupError;
        }
        assert.ok(roleName, "up returned the role's name");
        // "destroy removes the role", once IAM's eventual consistency has caught up.
        await waitUntilRoleGone(roleName);
    });
});
