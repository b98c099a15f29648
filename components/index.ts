// The library's public API: what `import ... from "pinpoint-export"` gives a
// TypeScript program (npm run build compiles it to lib/index.js, which
// package.json's "exports" names). Everything else in components/ is internal.
// Pulumi's plugin host loads pluginHost.ts instead, package.json's "main", to
// serve ExportRole to other languages.

export { checksOf, ExportRole } from "./exportRole";
export type { ExportRoleArgs } from "./exportRole";
export { AccessProfile } from "./policies/accessProfile";
export { ExportRoleInputError } from "./exportRoleInputError";
export type { Problem } from "./validation/violation";

// The builders of the two policy documents the component attaches, for a
// program that wants the same documents elsewhere (a review, another role),
// behind the component's input rules.
export { buildExportPolicy, buildTrustPolicy } from "./checkedPolicyBuilders";
export type { ExportPolicyInputs } from "./policies/exportPolicy";
export type { TrustPolicyInputs } from "./policies/trustPolicy";
export { renderPolicy } from "./policies/policyDocument";
export type { PolicyDocument } from "./policies/policyDocument";
