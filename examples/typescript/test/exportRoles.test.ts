// Unit tests of this program under Pulumi's mocks: `npm test`. As described in
// README's "Testing a program that uses ExportRole".
import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import type { ExportRole } from "pinpoint-export";

const ACCOUNT = "123456789012";
const REGION = "eu-west-1";

// The mocks come first, before anything that registers resources is imported.
// An ExportRole asks the AWS provider for the two values it is not given:
// accountId (getCallerIdentity) and region (getRegion).
pulumi.runtime.setMocks(
    {
        newResource: (args) => ({
            id: `${args.name}-id`,
            state: { ...args.inputs, arn: `arn:aws:iam::${ACCOUNT}:${args.type}/${args.name}` },
        }),
        call: (args) => {
            switch (args.token) {
                case "aws:index/getCallerIdentity:getCallerIdentity":
                    return { accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/test`, userId: "test" };
                case "aws:index/getRegion:getRegion":
                    return { region: REGION, name: REGION };
                default:
                    // Anything else the program asks for is a mistake of the test, not a value.
                    throw new Error(`Mock call not implemented: ${args.token}`);
            }
        },
    },
    "pinpoint-export-example",
    "test",
    false,
);
pulumi.runtime.setConfig("pinpoint-export-example:bucket", "example-exports");

/** The value of an Output, for an assertion. */
function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply(resolve));
}

describe("the program's ExportRoles", () => {
    let program: typeof import("../index");
    let library: typeof import("pinpoint-export");
    before(async () => {
        program = await import("../index");
        library = await import("pinpoint-export");
    });

    it("give each team its own folder of the configured bucket", async () => {
        assert.equal(await valueOf(program.marketingS3UrlPrefix), "s3://example-exports/pinpoint/marketing/");
        assert.equal(await valueOf(program.supportS3UrlPrefix), "s3://example-exports/pinpoint/support/");
    });

    it("give each team a role of its own", async () => {
        const [marketing, support] = await Promise.all([
            valueOf(program.marketingRoleArn),
            valueOf(program.supportRoleArn),
        ]);
        assert.match(marketing, /marketing-exports-role$/);
        assert.match(support, /support-exports-role$/);
    });

    it("refuses bad values that arrive as Outputs at once, in one message that lists every problem", async () => {
        const role: ExportRole = new library.ExportRole("bad", {
            bucket: pulumi.output("Bad_Bucket"),
            folder: pulumi.output("x*"),
            accountId: pulumi.output("1234"),
        });
        // Its outputs would never resolve; the checks reject.
        await assert.rejects(library.checksOf(role), (error: Error) => {
            assert.ok(error instanceof library.ExportRoleInputError);
            const lines = error.message.split("\n");
            assert.equal(lines[0], 'ExportRole "bad" has invalid arguments:');
            assert.deepEqual(
                lines.slice(1).map((line) => /^ {2}- (\w+): /.exec(line)?.[1]),
                ["bucket", "folder", "accountId"],
            );
            assert.match(error.message, /- bucket: "Bad_Bucket" /);
            assert.match(error.message, /- folder: "x\*" /);
            assert.match(error.message, /- accountId: "1234" must be/);
            return true;
        });
    });
});
