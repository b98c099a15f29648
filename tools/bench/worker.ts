// One benchmark measurement, in a process of its own so that module loading
// and heap figures start clean. Prints one JSON object on stdout.
// Usage: worker.js compare <n> <reps> | invokes <n> <given|looked-up> | memory <n>
//      | start <runner|type-checked|compiled> <project dir> <compiled project dir>
import * as path from "path";

// Loaded on first use: `start` must find @pulumi/pulumi not yet loaded.
const workloads = () => import("./workloads");

/**
 * ExportRoles, minimal components and bare resources with the same payload,
 * `reps` times each, interleaved, with the order rotated, so that drift in
 * the machine's speed hits all three alike.
 */
async function compare(count: number, reps: number): Promise<object> {
    const { bareResources, exportRoles, minimalComponents, payloadsOf } = await workloads();
    const payloads = await payloadsOf(count);
    const runs = {
        component: () => exportRoles(count),
        floor: () => minimalComponents(payloads),
        bare: () => bareResources(payloads),
    };
    const kinds = Object.keys(runs) as (keyof typeof runs)[];
    const results = Object.fromEntries(kinds.map((kind) => [kind, [] as { ms: number; cpuMs: number }[]]));
    // Warm up the JIT and the lazily loaded modules for all three.
    for (const kind of kinds) {
        await runs[kind]();
    }
    for (let rep = 0; rep < reps; rep++) {
        for (let turn = 0; turn < kinds.length; turn++) {
            const kind = kinds[(rep + turn) % kinds.length];
            const { ms, cpuMs } = await runs[kind]();
            results[kind].push({ ms, cpuMs });
        }
    }
    return results;
}

async function invokes(count: number, lookups: "given" | "looked up"): Promise<object> {
    const { exportRoles } = await workloads();
    return (await exportRoles(count, lookups)).invokes;
}

async function memory(count: number): Promise<object> {
    const { exportRoles } = await workloads();
    const gc = (globalThis as { gc?: () => void }).gc;
    if (!gc) {
        throw new Error("run with --expose-gc");
    }
    await exportRoles(20);
    gc();
    const baseline = process.memoryUsage().heapUsed;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 1);
    await exportRoles(count);
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    return { baselineBytes: baseline, peakBytes: peak };
}

interface TsNode {
    register(options: object): void;
}

/**
 * Loads @pulumi/pulumi and the stack program, and runs the program under mocks.
 * - `runner`: index.ts through ts-node, registered as @pulumi/pulumi's
 *   cmd/run/run.js registers it for `pulumi up`: type-checking or not as
 *   tsconfig.json's own compilerOptions decide, through the runner's own
 *   reader of them, and with its defaults under them.
 * - `type-checked`: the same, with type-checking forced on, as before
 *   tsconfig.json said `noCheck`.
 * - `compiled`: the project compiled to JavaScript beforehand.
 */
async function start(mode: string, projectDir: string, compiledDir: string): Promise<object> {
    const begin = process.hrtime.bigint();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pulumi = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
    const pulumiLoaded = process.hrtime.bigint();
    let program = path.join(compiledDir, "index.js");
    if (mode !== "compiled") {
        process.chdir(projectDir);
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const tsutils = require("@pulumi/pulumi/tsutils") as {
            loadTypeScriptCompilerOptions(file: string): Record<string, unknown>;
        };
        const compilerOptions = tsutils.loadTypeScriptCompilerOptions("tsconfig.json");
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        (require("ts-node") as TsNode).register({
            compiler: "typescript",
            transpileOnly: mode === "runner" ? compilerOptions.noCheck : false,
            project: "tsconfig.json",
            skipProject: false,
            compilerOptions: {
                target: "ES2020",
                module: "nodenext",
                moduleResolution: "nodenext",
                sourceMap: "true",
                ...compilerOptions,
            },
        });
        program = path.join(projectDir, "index.ts");
    }
    await pulumi.runtime.setMocks(
        {
            newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs as Record<string, unknown> }),
            call: (args) => {
                throw new Error(`unexpected invoke ${args.token}`);
            },
        },
        "pinpoint-export",
        "dev",
        true,
    );
    pulumi.runtime.setAllConfig(JSON.parse(process.env.BENCH_CONFIG ?? "{}") as Record<string, string>);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(program);
    await pulumi.runtime.disconnect();
    const done = process.hrtime.bigint();
    return { pulumiMs: Number(pulumiLoaded - begin) / 1e6, programMs: Number(done - begin) / 1e6 };
}

async function main(): Promise<object> {
    const [task, first, second, third] = process.argv.slice(2);
    switch (task) {
        case "compare":
            return compare(Number(first), Number(second));
        case "invokes":
            return invokes(Number(first), second === "given" ? "given" : "looked up");
        case "memory":
            return memory(Number(first));
        case "start":
            return start(first, second, third);
        default:
            throw new Error(`unknown task ${task}`);
    }
}

main().then(
    (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
    (error: unknown) => {
        process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
        process.exit(1);
    },
);
