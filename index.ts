// The stack program: one ExportRole, configured by this stack's config.
// `pulumi up` runs it once per stack (Pulumi.yaml names it as `main`, because
// package.json's "exports" and "main" name the npm library); `npm run plan`
// runs it offline. It takes the component from the library's entry, as a
// program that installs the package would; Pulumi's schema analyzer, which
// starts from this file when `npm run schema` runs it, follows that import to
// ExportRole (CONTRIBUTING.md, "Packaging").
import { ExportRole } from "./components";
import { stackExportRoleArgs } from "./program/stackArgs";

const exportRole = new ExportRole("pinpoint-export", stackExportRoleArgs());

/** The ARN of the role, for CreateExportJob's `RoleArn`. Known once the policy is attached. */
export const roleArn = exportRole.roleArn;
/** The name of the role. */
export const roleName = exportRole.roleName;
/** The ARN of the permission policy. */
export const policyArn = exportRole.policyArn;
/** Where the exports go, for CreateExportJob's `S3UrlPrefix`. */
export const s3UrlPrefix = exportRole.s3UrlPrefix;
