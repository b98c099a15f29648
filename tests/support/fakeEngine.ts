// A stand-in for the Pulumi engine, to run this package's real plugin host as
// `pulumi up` runs it for a program in another language: the engine starts
// @pulumi/pulumi's cmd/run-plugin on the package's directory with the
// engine's address, reads the provider's port from its stdout, and sends
// Construct requests whose monitor endpoint is the engine's resource monitor.
// The stand-in serves the engine's log and the monitor's calls a construct
// makes, records them, and answers registrations the way mocks.ts does.
import { ChildProcess, spawn } from "child_process";
import * as grpc from "@grpc/grpc-js";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import * as engrpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as engproto from "@pulumi/pulumi/proto/engine_pb";
import * as errorproto from "@pulumi/pulumi/proto/errors_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as resrpc from "@pulumi/pulumi/proto/resource_grpc_pb";
import * as resproto from "@pulumi/pulumi/proto/resource_pb";
import * as statusproto from "@pulumi/pulumi/proto/status_pb";
import { mockResourceState } from "../../tools/mockResourceState";
import { MOCK_AWS } from "./mocks";

/** What the plugin told the engine and asked of it. */
export interface EngineRecord {
    /** Each registration, in order. */
    readonly registrations: { readonly type: string; readonly name: string; readonly parent: string }[];
    /** Each log message, with the engine's severity (0 debug, 1 info, 2 warning, 3 error). */
    readonly logs: { readonly severity: number; readonly message: string }[];
}

/** The engine's answer to a Construct: the state, or the error with any property errors. */
export type ConstructAnswer =
    | { readonly state: Record<string, unknown> }
    | {
          readonly code: grpc.status;
          readonly details: string;
          readonly propertyErrors: readonly { readonly propertyPath: string; readonly reason: string }[];
      };

/** A Construct request, in the terms a program's SDK fills it in. */
export interface ConstructCall {
    readonly type: string;
    readonly name: string;
    readonly inputs: Record<string, unknown>;
    /** Per input, the URNs of the resources its value came from: the provider then gets it as an Output. */
    readonly dependencies?: Record<string, readonly string[]>;
}

const PROJECT = "exports-py";
const STACK = "test";
/** The stack the calling program registered, which the engine names as the component's parent. */
export const CALLER_STACK = `urn:pulumi:${STACK}::${PROJECT}::pulumi:pulumi:Stack::${PROJECT}-${STACK}`;

// What a current engine supports, of what the SDK asks about during a construct.
const FEATURES = new Set(["secrets", "resourceReferences", "outputValues", "aliasSpecs", "deletedWith"]);

/** The engine's log and resource monitor, on one local port. */
export class FakeEngine {
    private constructor(
        private readonly server: grpc.Server,
        /** Where the engine and its monitor listen. */
        public readonly address: string,
        /** Everything recorded since the engine started. */
        public readonly record: EngineRecord,
    ) {}

    /** Starts the engine on a free local port. */
    public static async start(): Promise<FakeEngine> {
        const record: EngineRecord = { registrations: [], logs: [] };
        const server = new grpc.Server();
        // grpc-js answers UNIMPLEMENTED for the methods a service leaves out.
        server.addService(engrpc.EngineService, engineService(record));
        server.addService(resrpc.ResourceMonitorService, monitorService(record));
        const port = await new Promise<number>((resolve, reject) =>
            server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) =>
                error ? reject(error) : resolve(bound),
            ),
        );
        return new FakeEngine(server, `127.0.0.1:${port}`, record);
    }

    /** Stops serving. */
    public stop(): void {
        this.server.forceShutdown();
    }
}

function engineService(
    record: EngineRecord,
): Pick<engrpc.IEngineServer, "log" | "getRootResource" | "setRootResource"> {
    return {
        log: (call, callback) => {
            record.logs.push({ severity: call.request.getSeverity(), message: call.request.getMessage() });
            callback(null, new emptyproto.Empty());
        },
        getRootResource: (_call, callback) => {
            const response = new engproto.GetRootResourceResponse();
            response.setUrn(CALLER_STACK);
            callback(null, response);
        },
        setRootResource: (_call, callback) => callback(null, new engproto.SetRootResourceResponse()),
    };
}

function monitorService(
    record: EngineRecord,
): Pick<resrpc.IResourceMonitorServer, "supportsFeature" | "registerResource" | "registerResourceOutputs"> {
    return {
        supportsFeature: (call, callback) => {
            const response = new resproto.SupportsFeatureResponse();
            response.setHassupport(FEATURES.has(call.request.getId()));
            callback(null, response);
        },
        registerResource: (call, callback) => {
            const request = call.request;
            const [type, name] = [request.getType(), request.getName()];
            record.registrations.push({ type, name, parent: request.getParent() });
            const created = mockResourceState(
                { type, name, inputs: request.getObject()?.toJavaScript() ?? {} },
                MOCK_AWS,
            );
            const response = new resproto.RegisterResourceResponse();
            response.setUrn(`urn:pulumi:${STACK}::${PROJECT}::${type}::${name}`);
            if (request.getCustom()) {
                response.setId(created.id);
            }
            response.setObject(structproto.Struct.fromJavaScript(created.state as never));
            callback(null, response);
        },
        registerResourceOutputs: (_call, callback) => callback(null, new emptyproto.Empty()),
    };
}

/** This package's plugin, run as the engine runs it. */
export class PluginProcess {
    private stderrText = "";

    private constructor(
        private readonly child: ChildProcess,
        private readonly client: provrpc.ResourceProviderClient,
        private readonly engine: FakeEngine,
    ) {
        child.stderr!.on("data", (chunk: Buffer) => (this.stderrText += chunk.toString()));
    }

    /** What the plugin wrote to stderr, which the engine shows the user. */
    public get stderr(): string {
        return this.stderrText;
    }

    /**
     * Runs `node @pulumi/pulumi/cmd/run-plugin <packageDir> <engine address>`,
     * as the Node.js language host's RunPlugin does, and connects to the port
     * the plugin prints.
     */
    public static async start(packageDir: string, engine: FakeEngine): Promise<PluginProcess> {
        const child = spawn(
            process.execPath,
            [require.resolve("@pulumi/pulumi/cmd/run-plugin"), packageDir, engine.address],
            { cwd: packageDir, stdio: ["ignore", "pipe", "pipe"] },
        );
        const port = await new Promise<string>((resolve, reject) => {
            let output = "";
            child.stdout.on("data", (chunk: Buffer) => {
                output += chunk.toString();
                if (output.includes("\n")) {
                    resolve(output.trim());
                }
            });
            child.on("exit", (code) => reject(new Error(`the plugin exited with code ${code} before serving`)));
        });
        const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
        return new PluginProcess(child, client, engine);
    }

    /** Sends a Construct request as the engine does for a program's `ExportRole(...)`, and waits for the answer. */
    public construct(call: ConstructCall): Promise<ConstructAnswer> {
        const request = new provproto.ConstructRequest();
        request.setProject(PROJECT);
        request.setStack(STACK);
        request.setParallel(8);
        request.setDryrun(false);
        request.setMonitorendpoint(this.engine.address);
        request.setType(call.type);
        request.setName(call.name);
        request.setParent(CALLER_STACK);
        request.setInputs(structproto.Struct.fromJavaScript(call.inputs as never));
        for (const [input, urns] of Object.entries(call.dependencies ?? {})) {
            const dependencies = new provproto.ConstructRequest.PropertyDependencies();
            dependencies.setUrnsList([...urns]);
            request.getInputdependenciesMap().set(input, dependencies);
        }
        return new Promise((resolve) =>
            this.client.construct(request, (error, response) =>
                resolve(
                    error
                        ? { code: error.code, details: error.details, propertyErrors: propertyErrorsOf(error) }
                        : { state: response.getState()?.toJavaScript() ?? {} },
                ),
            ),
        );
    }

    /** Stops the plugin, as the engine does at the end of a deployment. */
    public stop(): void {
        this.client.close();
        this.child.kill();
    }
}

/** The property errors the provider attached to an INVALID_ARGUMENT answer, as the engine reads them. */
function propertyErrorsOf(error: grpc.ServiceError): { propertyPath: string; reason: string }[] {
    const [details] = error.metadata.get("grpc-status-details-bin");
    if (!(details instanceof Buffer)) {
        return [];
    }
    return statusproto.Status.deserializeBinary(details)
        .getDetailsList()
        .flatMap((detail) =>
            errorproto.InputPropertiesError.deserializeBinary(detail.getValue_asU8())
                .getErrorsList()
                .map((propertyError) => ({
                    propertyPath: propertyError.getPropertyPath(),
                    reason: propertyError.getReason(),
                })),
        );
}
