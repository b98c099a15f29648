// What Pulumi's plugin host runs when a program in another language uses this
// package (`pulumi package add`): @pulumi/pulumi's cmd/run-plugin requires the
// package's directory, so Node.js loads package.json "main", the build of this
// file. It exports a function and no component class, so the host calls the
// function instead of serving the classes it finds with the SDK's own
// component provider, which would analyze the TypeScript source at every start
// and whose construct waits for good on a bad value given as an Output (see
// exportRoleProvider.ts).
import * as path from "path";
import { main } from "@pulumi/pulumi/provider";
import { ExportRoleProvider } from "./exportRoleProvider";

/** Serves ExportRole to the engine until the engine stops this process. */
function servePlugin(): Promise<void> {
    // The host has set process.argv to [node, script, <engine address>, ...].
    return main(new ExportRoleProvider(path.resolve(__dirname, "..")), process.argv.slice(2));
}

export = servePlugin;
