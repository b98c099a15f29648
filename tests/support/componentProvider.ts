import { ExportRoleProvider } from "../../components/exportRoleProvider";
import { componentProvider } from "../../tools/schema/componentProvider";

let shared: ExportRoleProvider | undefined;

/**
 * One component provider for every test in the process. Its first schema
 * request runs Pulumi's analyzer over the TypeScript source, which takes a
 * second or two; the provider keeps the result, so the tests share it.
 */
export function sharedComponentProvider(): ExportRoleProvider {
    shared ??= componentProvider();
    return shared;
}
