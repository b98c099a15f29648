// Added to the consumer program by tests/package/consumer.test.ts, and
// type-checked with it. Those checks use skipLibCheck: checking every
// declaration of @pulumi/aws and @pulumi/pulumi would cost each of them about
// ten seconds. skipLibCheck would also hide an import in the package's own
// declarations that fails to resolve (under node16 resolution, say): the types
// behind it would silently become `any`. Each line below fails to compile if a
// public type of the package is `any`, or is not what it should be.
import * as pulumi from "@pulumi/pulumi";
import { Policy } from "@pulumi/aws/iam/policy";
import { Role } from "@pulumi/aws/iam/role";
import { RolePolicyAttachment } from "@pulumi/aws/iam/rolePolicyAttachment";
import {
    AccessProfile,
    buildExportPolicy,
    buildTrustPolicy,
    checksOf,
    ExportRole,
    ExportRoleArgs,
    ExportRoleInputError,
    PolicyDocument,
    Problem,
    renderPolicy,
} from "pinpoint-export";

/** `true` exactly when A and B are the same type; `any` is the same as nothing else. */
type Exactly<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

export const probes: [
    Exactly<ExportRole["role"], Role>,
    Exactly<ExportRole["policy"], Policy>,
    Exactly<ExportRole["attachment"], RolePolicyAttachment>,
    Exactly<ExportRole["roleArn"], pulumi.Output<string>>,
    Exactly<ExportRole["s3UrlPrefix"], pulumi.Output<string>>,
    Exactly<ExportRoleArgs["bucket"], pulumi.Input<string>>,
    Exactly<ExportRoleArgs["maxSessionDuration"], pulumi.Input<number> | undefined>,
    Exactly<ExportRoleInputError["problems"], readonly Problem[]>,
    Exactly<ReturnType<typeof buildExportPolicy>, PolicyDocument>,
    Exactly<ReturnType<typeof renderPolicy>, string>,
    Exactly<AccessProfile, "documented" | "writeOnly">,
    Exactly<ExportRoleArgs["accessProfile"], pulumi.Input<"documented" | "writeOnly"> | undefined>,
    Exactly<typeof AccessProfile.writeOnly, "writeOnly">,
    Exactly<ExportRoleInputError extends pulumi.RunError ? true : false, true>,
    Exactly<typeof checksOf, (exportRole: ExportRole) => Promise<void>>,
    Exactly<ReturnType<typeof buildTrustPolicy>, PolicyDocument>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true];

export function refusedByTheCompiler(): void {
    // @ts-expect-error folder is required
    new ExportRole("no-folder", { bucket: "example-bucket" });
    // @ts-expect-error the component takes resource options, not a provider alone
    new ExportRole("wrong-options", { bucket: "example-bucket", folder: "Exports" }, "provider");
    // @ts-expect-error accessProfile is one of the profiles, not any text
    new ExportRole("bad-profile", { bucket: "example-bucket", folder: "Exports", accessProfile: "readOnly" });
    new ExportRole("profile", { bucket: "example-bucket", folder: "Exports", accessProfile: AccessProfile.writeOnly });
    // @ts-expect-error ExportRoleInputError is an Error, not a string
    const message: string = new ExportRoleInputError("heading", []);
    void message;
}
