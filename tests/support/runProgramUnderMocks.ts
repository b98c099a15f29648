// Runs a Pulumi TypeScript program the way `pulumi up` would, but under
// Pulumi's mocks, and prints what it did as one JSON line on stdout.
//
//   node -r ts-node/register/transpile-only runProgramUnderMocks.ts <program dir> <stack> <config JSON>
//
// Meant to be run in a child process, with the program's directory as cwd and
// TS_NODE_PROJECT naming its tsconfig.json. Everything Pulumi comes from the
// program's own node_modules, as it would for a user: this file imports only
// types from @pulumi/pulumi, and the plain modules it shares with the tests
// (the invoke tokens, the mocked resource state) import nothing of it.
import * as fs from "fs";
import { createRequire } from "module";
import * as path from "path";
import * as yaml from "js-yaml";
import type * as PulumiSdk from "@pulumi/pulumi";
import { GET_CALLER_IDENTITY, GET_REGION } from "../../plan/awsInvokeTokens";
import { mockResourceState } from "../../tools/mockResourceState";

/** What the program did, as the test reads it. */
export interface ProgramRun {
    /** Each `newResource` call, in order, with the state the mocked AWS gave the resource. */
    readonly resources: {
        type: string;
        name: string;
        custom: boolean;
        inputs: Record<string, unknown>;
        state: Record<string, unknown>;
    }[];
    /** The token of each invoke, in order. */
    readonly invokes: string[];
    /** The stack outputs. */
    readonly outputs: Record<string, unknown>;
    /** Where the program and the library it imports found @pulumi/pulumi (real paths). */
    readonly sdk: { readonly ofProgram: string; readonly ofLibrary: string };
    /** The file `import ... from "pinpoint-export"` loaded. */
    readonly library: string;
}

/** The answers AWS would give, for a made-up account and region. */
const ACCOUNT = "210987654321";
const REGION = "us-west-2";

async function main(): Promise<void> {
    const [programDir, stack, configJson] = process.argv.slice(2);
    const requireFromProgram = createRequire(path.join(programDir, "index.ts"));
    const pulumi = requireFromProgram("@pulumi/pulumi") as typeof PulumiSdk;
    const { name: project } = yaml.load(fs.readFileSync(path.join(programDir, "Pulumi.yaml"), "utf8")) as {
        name: string;
    };
    const run: ProgramRun = {
        resources: [],
        invokes: [],
        outputs: {},
        library: requireFromProgram.resolve("pinpoint-export"),
        sdk: {
            ofProgram: fs.realpathSync(requireFromProgram.resolve("@pulumi/pulumi")),
            ofLibrary: fs.realpathSync(
                createRequire(requireFromProgram.resolve("pinpoint-export")).resolve("@pulumi/pulumi"),
            ),
        },
    };

    pulumi.runtime.setAllConfig(JSON.parse(configJson) as Record<string, string>);
    await pulumi.runtime.setMocks(
        {
            newResource: (args) => {
                const inputs = args.inputs as Record<string, unknown>;
                const created = mockResourceState(args, { accountId: ACCOUNT, partition: "aws" });
                const custom = args.custom ?? false;
                run.resources.push({ type: args.type, name: args.name, custom, inputs, state: created.state });
                return created;
            },
            call: (args) => {
                run.invokes.push(args.token);
                switch (args.token) {
                    case GET_CALLER_IDENTITY:
                        return {
                            accountId: ACCOUNT,
                            arn: `arn:aws:iam::${ACCOUNT}:user/ci`,
                            userId: "AIDA",
                            id: ACCOUNT,
                        };
                    case GET_REGION:
                        return { region: REGION, name: REGION, id: REGION, description: REGION, endpoint: "" };
                    default:
                        throw new Error(`no mock for the invoke ${args.token}`);
                }
            },
        },
        project,
        stack,
        false,
    );
    const outputs = await pulumi.runtime.runInPulumiStack(() =>
        Promise.resolve(requireFromProgram(path.join(programDir, "index.ts")) as Record<string, unknown>),
    );
    await pulumi.runtime.disconnect();
    process.stdout.write(`${JSON.stringify({ ...run, outputs })}\n`);
}

process.on("unhandledRejection", (reason) => {
    process.stderr.write(`${(reason as Error)?.stack ?? String(reason)}\n`);
    process.exit(1);
});
main().catch((error: unknown) => {
    process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
});
