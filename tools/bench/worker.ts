// One benchmark measurement, in a process of its own so that module loading
// and heap figures start clean. Prints one JSON object on stdout.
// Usage: worker.ts compare <n> <reps> | invokes <n> <given|looked-up> | memory <n> | start <compiledProjectDir>
import * as path from "path";

// Loaded on first use: `start` must find @pulumi/pulumi not yet loaded.
const workloads = () => import("./workloads");

async function compare(count: number, reps: number): Promise<object> {
    const { bareResources, exportRoles } = await workloads();
    // Warm up the JIT and the lazily loaded modules for both, then alternate
    // which goes first so drift in the machine's speed hits both alike.
    await bareResources(20);
    await exportRoles(20);
    const bare: number[] = [];
    const component: number[] = [];
    for (let rep = 0; rep < reps; rep++) {
        const order = rep % 2 === 0 ? [bare, component] : [component, bare];
        for (const list of order) {
            list.push((list === bare ? await bareResources(count) : await exportRoles(count)).ms);
        }
    }
    return { bare, component };
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

async function start(compiledDir: string): Promise<object> {
    const begin = process.hrtime.bigint();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pulumi = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
    const pulumiLoaded = process.hrtime.bigint();
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
    require(path.join(compiledDir, "index.js"));
    await pulumi.runtime.disconnect();
    const done = process.hrtime.bigint();
    return { pulumiMs: Number(pulumiLoaded - begin) / 1e6, programMs: Number(done - begin) / 1e6 };
}

async function main(): Promise<object> {
    const [task, first, second] = process.argv.slice(2);
    switch (task) {
        case "compare":
            return compare(Number(first), Number(second));
        case "invokes":
            return invokes(Number(first), second === "given" ? "given" : "looked up");
        case "memory":
            return memory(Number(first));
        case "start":
            return start(first);
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
