import { ComponentProvider } from "@pulumi/pulumi/provider/experimental";
import { componentProvider } from "../../tools/schema/componentProvider";

let shared: ComponentProvider | undefined;

/**
 * One component provider for every test in the process. Its first schema
 * request runs Pulumi's analyzer over the TypeScript source, which takes a
 * second or two; the provider keeps the result, so the tests share it.
 */
export function sharedComponentProvider(): ComponentProvider {
    shared ??= componentProvider();
    return shared;
}
