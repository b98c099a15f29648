import * as pulumi from "@pulumi/pulumi";
// Single-module imports keep program start-up fast; see awsLookups.ts.
import { Policy } from "@pulumi/aws/iam/policy";
import { Role } from "@pulumi/aws/iam/role";
import { RolePolicyAttachment } from "@pulumi/aws/iam/rolePolicyAttachment";
import { callerAccountId, providerRegion } from "./awsLookups";
import { assertKnownSettingsValid, CheckedSettings, SettingInputs } from "./checkedSettings";
import { AccessProfile } from "./policies/accessProfile";
import { s3UrlPrefix } from "./policies/exportLocation";
import { buildExportPolicy } from "./policies/exportPolicy";
import { partitionOfRegion } from "./policies/partition";
import { renderPolicy } from "./policies/policyDocument";
import { buildTrustPolicy } from "./policies/trustPolicy";

/** The type token of the component, as it appears in URNs and in the schema. */
export const EXPORT_ROLE_TYPE = "pinpoint-export:index:ExportRole";

/** The description of the permission policy. IAM cannot change a policy's description in place, so it is fixed. */
export const EXPORT_POLICY_DESCRIPTION =
    "Lets Amazon Pinpoint export endpoints and segments into one folder of an S3 bucket.";

/** The arguments of an ExportRole. */
export interface ExportRoleArgs {
    /** The name of the existing S3 bucket that receives the exports, e.g. `example-bucket`. Not a URL or ARN. */
    readonly bucket: pulumi.Input<string>;
    /**
     * The folder (key prefix) in the bucket that receives the exports, e.g. `Exports` or `pinpoint/exports`.
     * Slashes at either end are optional. The role can touch nothing outside this folder but the listings
     * that lead to it.
     */
    readonly folder: pulumi.Input<string>;
    /** The id of the one Pinpoint project (application) allowed to use the role. Default: any project of the account in the region. */
    readonly applicationId?: pulumi.Input<string>;
    /** The 12-digit id of the account that owns the Pinpoint project(s). Default: the account of the AWS provider's credentials. */
    readonly accountId?: pulumi.Input<string>;
    /** The region of the Pinpoint project(s), e.g. `us-east-1`. Default: the AWS provider's region. */
    readonly region?: pulumi.Input<string>;
    /** An explicit name for the IAM role. Default: a unique name that Pulumi derives from the component's name. */
    readonly roleName?: pulumi.Input<string>;
    /** An explicit name for the IAM managed policy. Default: a unique name that Pulumi derives from the component's name. */
    readonly policyName?: pulumi.Input<string>;
    /** The IAM path of both the role and the policy, e.g. `/service-role/`. Default: `/`. */
    readonly path?: pulumi.Input<string>;
    /** The ARN of an IAM managed policy to set as the role's permissions boundary. Default: none. */
    readonly permissionsBoundary?: pulumi.Input<string>;
    /** The role's maximum session duration in seconds, from 3600 to 43200. Default: 3600. */
    readonly maxSessionDuration?: pulumi.Input<number>;
    /** The description of the role. Default: a sentence naming the S3 folder. */
    readonly description?: pulumi.Input<string>;
    /** Tags for both the role and the policy. */
    readonly tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
    /**
     * How much of S3 the role may touch: `documented` (default) grants the policy of AWS's Pinpoint guide;
     * `writeOnly` grants only listing the folder and writing objects into it. `writeOnly` is narrower than
     * AWS's documented policy and is not itself documented by AWS: try one export with it before relying on it.
     */
    readonly accessProfile?: pulumi.Input<AccessProfile>;
    /**
     * The ARN of the KMS key that encrypts the bucket (SSE-KMS). When set, the role may use that key through
     * S3 alone, as writing to such a bucket needs. A key ARN, not an alias. Default: none.
     */
    readonly kmsKeyArn?: pulumi.Input<string>;
}

// How the checks of each ExportRole's late values end, kept beside the component rather than on
// it: Pulumi's schema analyzer makes every property of the class an output of the component.
const outcomes = new WeakMap<ExportRole, Promise<void>>();

/**
 * How the checks of an ExportRole's late arguments end: what a test awaits.
 *
 * Arguments given as Outputs, and the account and region looked up from the
 * AWS provider, are checked when they arrive. The promise resolves once every
 * check passed, or could not run because the values are unknown in a preview.
 * It rejects, once every late value has arrived, with the one
 * {@link ExportRoleInputError} that lists every problem; then no child is
 * registered and the role's outputs never resolve, so a test that awaits
 * `roleArn` alone would wait until mocha's timeout. `await checksOf(role)`
 * fails at once, with the message.
 *
 * A program need not await it: Pulumi reports a failed check as the program's
 * error, once, without a stack trace.
 *
 * @param exportRole An ExportRole this copy of the library constructed.
 */
export function checksOf(exportRole: ExportRole): Promise<void> {
    const outcome = outcomes.get(exportRole);
    if (outcome === undefined) {
        throw new TypeError("checksOf takes an ExportRole, constructed by the same copy of pinpoint-export");
    }
    return outcome;
}

/**
 * An IAM role that Amazon Pinpoint can assume to export endpoints and segments
 * into one folder of an S3 bucket: a managed policy, the role, and the
 * attachment of one to the other.
 *
 * Give `roleArn` and `s3UrlPrefix` to Pinpoint's CreateExportJob as `RoleArn`
 * and `S3UrlPrefix`.
 */
export class ExportRole extends pulumi.ComponentResource {
    /** The IAM role that Pinpoint assumes. */
    public readonly role: Role;
    /** The IAM managed policy that lets the role write to the folder. */
    public readonly policy: Policy;
    /** The attachment of the policy to the role. */
    public readonly attachment: RolePolicyAttachment;
    /** The ARN of the role, known only once the policy is attached: the `RoleArn` of CreateExportJob. */
    public readonly roleArn: pulumi.Output<string>;
    /** The name of the role. */
    public readonly roleName: pulumi.Output<string>;
    /** The ARN of the permission policy. */
    public readonly policyArn: pulumi.Output<string>;
    /** Where the exports go, e.g. `s3://example-bucket/Exports/`: the `S3UrlPrefix` of CreateExportJob. */
    public readonly s3UrlPrefix: pulumi.Output<string>;

    /**
     * Checks every argument known now, then registers the component and its
     * three children.
     *
     * @param name The component's name; the children are named `<name>-policy`, `<name>-role`, `<name>-attachment`.
     * @param args Where the exports go, and how the role is named and limited.
     * @param opts Resource options; an AWS `provider` also supplies the default account and region.
     */
    constructor(name: string, args: ExportRoleArgs, opts?: pulumi.ComponentResourceOptions) {
        const heading = `ExportRole "${name}" has invalid arguments:`;
        assertKnownSettingsValid(heading, args as SettingInputs);
        super(EXPORT_ROLE_TYPE, name, {}, opts);

        const provider = this.getProvider("aws::");
        const settings = new CheckedSettings(heading, {
            ...(args as SettingInputs),
            region: args.region ?? providerRegion(provider),
            accountId: args.accountId ?? callerAccountId(provider),
        });

        const permissionPolicy = settings.derive(
            ["bucket", "folder", "region", "accessProfile", "kmsKeyArn"],
            (values) => renderPolicy(buildExportPolicy({ ...values, partition: partitionOfRegion(values.region!)! })),
        );
        const trustPolicy = settings.derive(["accountId", "region", "applicationId"], (values) =>
            renderPolicy(
                buildTrustPolicy({
                    accountId: values.accountId!,
                    region: values.region!,
                    applicationId: values.applicationId,
                    partition: partitionOfRegion(values.region!)!,
                }),
            ),
        );
        const exportsUrl = settings.derive(["bucket", "folder"], (values) => s3UrlPrefix(values.bucket, values.folder));
        this.s3UrlPrefix = pulumi.output(exportsUrl);

        this.policy = new Policy(
            `${name}-policy`,
            {
                name: settings.value("policyName"),
                path: settings.value("path"),
                description: EXPORT_POLICY_DESCRIPTION,
                policy: settings.afterChecks(permissionPolicy),
                tags: settings.value("tags"),
            },
            { parent: this },
        );
        this.role = new Role(
            `${name}-role`,
            {
                name: settings.value("roleName"),
                path: settings.value("path"),
                description:
                    settings.value("description") ??
                    (typeof exportsUrl === "string"
                        ? defaultRoleDescription(exportsUrl)
                        : pulumi.output(exportsUrl).apply(defaultRoleDescription)),
                assumeRolePolicy: settings.afterChecks(trustPolicy),
                maxSessionDuration: settings.value("maxSessionDuration"),
                permissionsBoundary:
                    args.permissionsBoundary === undefined
                        ? undefined
                        : settings.derive(["permissionsBoundary", "region"], (values) => values.permissionsBoundary!),
                tags: settings.value("tags"),
            },
            { parent: this },
        );
        this.attachment = new RolePolicyAttachment(
            `${name}-attachment`,
            { role: this.role.name, policyArn: this.policy.arn },
            { parent: this },
        );

        // The children's outputs, as they are: a child the engine refuses is reported by the engine.
        this.roleArn = this.attachment.id.apply(() => this.role.arn);
        this.roleName = this.role.name;
        this.policyArn = this.policy.arn;
        // How the late checks end, for the component provider to await. In a TypeScript program
        // nothing awaits it: a failed check is an unhandled rejection of an ExportRoleInputError,
        // a pulumi.RunError, which the program runner prints once, as the program's error.
        outcomes.set(this, settings.finish());
        // The component's state records what is its own: where the exports go. The role's and
        // the policy's names and ARNs are in their own state already, and registering copies of
        // them costs the SDK more per ExportRole than all of this component's own work
        // (CONTRIBUTING.md, "Performance").
        this.registerOutputs({ s3UrlPrefix: exportsUrl });
    }
}

/** The role's description when none is given: where its exports go. IAM can change it in place. */
function defaultRoleDescription(exportsUrl: string): string {
    return `Lets Amazon Pinpoint export endpoints and segments to ${exportsUrl}`;
}
