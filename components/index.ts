// The library's public API: what `import ... from "pinpoint-export"` gives a
// TypeScript program (npm run build compiles it to lib/index.js, which
// package.json's "exports" names). Pulumi's plugin host loads pluginHost.ts
// instead, package.json's "main", to serve ExportRole to other languages.
export { EXPORT_ROLE_TYPE, ExportRole } from "./exportRole";
export type { ExportRoleArgs } from "./exportRole";
export { ExportRoleInputError } from "./exportRoleInputError";
export type { Problem, Violation } from "./validation/violation";

// The pure policy builders the component uses, for programs that want the
// same documents elsewhere (a review, a bucket policy, another role).
export { ACCESS_PROFILES, DEFAULT_ACCESS_PROFILE } from "./policies/accessProfile";
export type { AccessProfile } from "./policies/accessProfile";
export { s3UrlPrefix } from "./policies/exportLocation";
export { buildExportPolicy } from "./policies/exportPolicy";
export type { ExportPolicyInputs } from "./policies/exportPolicy";
export { partitionOfRegion } from "./policies/partition";
export type { Partition } from "./policies/partition";
export { renderPolicy } from "./policies/policyDocument";
export type { PolicyCondition, PolicyDocument, PolicyStatement } from "./policies/policyDocument";
export { buildTrustPolicy, PINPOINT_SERVICE_PRINCIPAL } from "./policies/trustPolicy";
export type { TrustPolicyInputs } from "./policies/trustPolicy";
