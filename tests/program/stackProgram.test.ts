import { strict as assert } from "assert";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { ExportRoleInputError } from "../../components/exportRoleInputError";
import { readStackConfig } from "../../plan/stackConfig";
import { useMocks } from "../support/mocks";
import { promisesOf } from "../support/outputs";
import { SHIPPED_DEV_STACK } from "../support/userFiles";

import { PROJECT_DIR } from "../../tools/projectDir";

// The URNs `pulumi up` gives the dev stack's resources. Changing one replaces
// the user's resource (a new role ARN breaks every export job that uses it),
// so a rename must carry `aliases` naming the old URN.
const DEV_URNS = [
    "urn:pulumi:dev::pinpoint-export::pinpoint-export:index:ExportRole::pinpoint-export",
    "urn:pulumi:dev::pinpoint-export::pinpoint-export:index:ExportRole$aws:iam/policy:Policy::pinpoint-export-policy",
    "urn:pulumi:dev::pinpoint-export::pinpoint-export:index:ExportRole$aws:iam/role:Role::pinpoint-export-role",
    "urn:pulumi:dev::pinpoint-export::pinpoint-export:index:ExportRole$aws:iam/rolePolicyAttachment:RolePolicyAttachment::pinpoint-export-attachment",
];

/** Runs the stack program afresh with the given stack's config, as `pulumi up` would. */
async function runProgram(
    config: Record<string, string>,
    secretKeys: string[] = [],
): Promise<Record<string, pulumi.Output<string>>> {
    pulumi.runtime.setAllConfig(config, secretKeys);
    const program = require.resolve(path.join(PROJECT_DIR, "index"));
    delete require.cache[program];
    return (await import(program)) as Record<string, pulumi.Output<string>>;
}

describe("the stack program", () => {
    it("creates the dev stack's resources under URNs that never change by accident", async () => {
        const record = await useMocks(undefined, { stack: "dev" });
        const outputs = await runProgram(readStackConfig(PROJECT_DIR, "dev", SHIPPED_DEV_STACK).config);
        await promisesOf(outputs);
        await pulumi.runtime.disconnect();
        for (const urn of DEV_URNS) {
            const kept = record.registrations.some(
                (registration) => registration.urn === urn || registration.aliases.includes(urn),
            );
            assert.ok(
                kept,
                `${urn} is gone: that replaces the user's resource. Add \`aliases\` naming it, or keep the name.`,
            );
        }
        assert.equal(record.registrations.length, DEV_URNS.length);
    });

    it("exports the component's outputs as stack outputs", async () => {
        await useMocks(undefined, { stack: "dev" });
        const outputs = await promisesOf(
            await runProgram(readStackConfig(PROJECT_DIR, "dev", SHIPPED_DEV_STACK).config),
        );
        await pulumi.runtime.disconnect();
        // What the engine recorded for the role and the policy (the mocks' made-up ARNs and names).
        const monitor = pulumi.runtime.getMonitor() as unknown as {
            resources: Map<string, { urn: string; state: { arn?: string; name?: string } }>;
        };
        const stateOf = (type: string) =>
            [...monitor.resources.values()].find((resource) => resource.urn.includes(`$${type}::`))!.state;
        const [role, policy] = [stateOf("aws:iam/role:Role"), stateOf("aws:iam/policy:Policy")];
        assert.match(role.arn ?? "", /^arn:aws:iam::\d{12}:role\//);
        assert.match(policy.arn ?? "", /^arn:aws:iam::\d{12}:policy\//);
        assert.deepEqual(outputs, {
            roleArn: role.arn,
            roleName: role.name,
            policyArn: policy.arn,
            s3UrlPrefix: "s3://example-bucket/Exports/",
        });
    });

    it("uses the dev stack's account and region, asking AWS for neither", async () => {
        const record = await useMocks(undefined, { stack: "dev" });
        await promisesOf(await runProgram(readStackConfig(PROJECT_DIR, "dev", SHIPPED_DEV_STACK).config));
        assert.deepEqual(record.invokes, []);
        const role = record.resources.find((resource) => resource.type === "aws:iam/role:Role")!;
        assert.ok(
            (role.inputs as { assumeRolePolicy: string }).assumeRolePolicy.includes(
                '"aws:SourceArn":"arn:aws:mobiletargeting:us-east-1:123456789012:apps/*"',
            ),
        );
    });

    it("keeps the values the stack holds as secrets secret in the resources it registers", async () => {
        const record = await useMocks(undefined, { stack: "dev" });
        const config = {
            ...readStackConfig(PROJECT_DIR, "dev", SHIPPED_DEV_STACK).config,
            "pinpoint-export:description": "Exports for the board",
        };
        await promisesOf(await runProgram(config, ["pinpoint-export:description"]));
        await pulumi.runtime.disconnect();
        const role = record.registrations.find((registration) => registration.type === "aws:iam/role:Role")!;
        // A secret travels to the engine wrapped in Pulumi's secret signature, and is stored encrypted.
        assert.deepEqual(role.inputs.description, {
            [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig,
            value: "Exports for the board",
        });
        assert.equal(typeof role.inputs.assumeRolePolicy, "string", "what is not secret stays plain");
    });

    it("stops before registering anything when the config is bad", async () => {
        const record = await useMocks(undefined, { stack: "dev" });
        await assert.rejects(
            runProgram({ "pinpoint-export:bucket": "example-bucket", "pinpoint-export:folder": "a/../b" }),
            (error: unknown) =>
                error instanceof ExportRoleInputError && /pinpoint-export:folder: "a\/..\/b"/.test(error.message),
        );
        assert.deepEqual(record.resources, []);
    });
});
