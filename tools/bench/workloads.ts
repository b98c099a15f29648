import * as pulumi from "@pulumi/pulumi";
import { Policy } from "@pulumi/aws/iam/policy";
import { Role } from "@pulumi/aws/iam/role";
import { RolePolicyAttachment } from "@pulumi/aws/iam/rolePolicyAttachment";
import { ExportRole } from "../../components/exportRole";
import { mockResourceState } from "../mockResourceState";

/** What one workload run cost. */
export interface RunCost {
    /** Wall time from the first constructor call until every registration and RPC is done. */
    readonly ms: number;
    /** Invokes made, by token. */
    readonly invokes: Record<string, number>;
}

/** Installs fresh mocks with the tests' resource state (inputs, plus IAM names and ARNs) and counts invokes. */
async function freshMocks(invokes: Record<string, number>): Promise<void> {
    await pulumi.runtime.setMocks(
        {
            newResource: (args) => mockResourceState(args, { accountId: "123456789012", partition: "aws" }),
            call: (args) => {
                invokes[args.token] = (invokes[args.token] ?? 0) + 1;
                return { accountId: "123456789012", region: "us-east-1" };
            },
        },
        "bench",
        "bench",
        false,
    );
}

async function timed(create: () => void): Promise<RunCost> {
    const invokes: Record<string, number> = {};
    await freshMocks(invokes);
    const start = process.hrtime.bigint();
    create();
    // Every registration, output registration and invoke has finished.
    await pulumi.runtime.disconnect();
    return { ms: Number(process.hrtime.bigint() - start) / 1e6, invokes };
}

/** `count` ExportRoles, with the account and region given or left for the provider to supply. */
export function exportRoles(count: number, lookups: "given" | "looked up" = "given"): Promise<RunCost> {
    return timed(() => {
        for (let index = 0; index < count; index++) {
            new ExportRole(`export-${index}`, {
                bucket: "example-bucket",
                folder: `exports/${index}`,
                ...(lookups === "given" ? { accountId: "123456789012", region: "us-east-1" } : {}),
            });
        }
    });
}

/** The same 3×`count` IAM resources made directly, with policy texts built by hand. */
export function bareResources(count: number): Promise<RunCost> {
    return timed(() => {
        for (let index = 0; index < count; index++) {
            const policy = new Policy(`bare-${index}-policy`, {
                policy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Effect: "Allow",
                            Action: ["s3:*"],
                            Resource: [`arn:aws:s3:::example-bucket/exports/${index}/*`],
                        },
                    ],
                }),
            });
            const role = new Role(`bare-${index}-role`, {
                assumeRolePolicy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [
                        { Effect: "Allow", Principal: { Service: "pinpoint.amazonaws.com" }, Action: "sts:AssumeRole" },
                    ],
                }),
            });
            new RolePolicyAttachment(`bare-${index}-attachment`, { role: role.name, policyArn: policy.arn });
        }
    });
}
