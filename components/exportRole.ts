import * as pulumi from "@pulumi/pulumi";
// Single-module imports keep program start-up fast; see awsLookups.ts.
import { Policy } from "@pulumi/aws/iam/policy";
import { Role } from "@pulumi/aws/iam/role";
import { RolePolicyAttachment } from "@pulumi/aws/iam/rolePolicyAttachment";
import { callerAccountId, providerRegion } from "./awsLookups";
import { ExportRoleInputError } from "./exportRoleInputError";
import { AccessProfile } from "./policies/accessProfile";
import { s3UrlPrefix } from "./policies/exportLocation";
import { buildExportPolicy } from "./policies/exportPolicy";
import { partitionOfRegion } from "./policies/partition";
import { renderPolicy } from "./policies/policyDocument";
import { buildTrustPolicy } from "./policies/trustPolicy";
import { findMissing, findProblems, SETTING_RULES, SettingName, SettingValues } from "./validation/exportRoleProblems";

/** The type token of the component, as it appears in URNs and in the schema. */
export const EXPORT_ROLE_TYPE = "pinpoint-export:index:ExportRole";

/** The description of the permission policy. IAM cannot change a policy's description in place, so it is fixed. */
export const EXPORT_POLICY_DESCRIPTION =
    "Lets Amazon Pinpoint export endpoints and segments into one folder of an S3 bucket.";

/** The arguments of {@link ExportRole}. */
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
    readonly accessProfile?: pulumi.Input<string>;
    /**
     * The ARN of the KMS key that encrypts the bucket (SSE-KMS). When set, the role may use that key through
     * S3 alone, as writing to such a bucket needs. A key ARN, not an alias. Default: none.
     */
    readonly kmsKeyArn?: pulumi.Input<string>;
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

    constructor(name: string, args: ExportRoleArgs, opts?: pulumi.ComponentResourceOptions) {
        const heading = `ExportRole "${name}" has invalid arguments:`;
        // Every value known now is checked before anything is registered.
        const known = knownValues(args);
        const problems = [...findMissing(known, argumentName, howToPass), ...findProblems(known, argumentName)];
        if (problems.length > 0) {
            throw new ExportRoleInputError(heading, problems);
        }
        super(EXPORT_ROLE_TYPE, name, {}, opts);

        // Values that arrive later are checked when they resolve, failing the resource that needs them.
        const checked = <T extends Inputs, R>(inputs: T, build: (values: pulumi.Unwrap<T>) => R) =>
            checkedWhenKnown(heading, inputs, build);
        const checkedArg = <K extends SettingName & keyof ExportRoleArgs>(setting: K) =>
            args[setting] === undefined
                ? undefined
                : (checked({ [setting]: args[setting] }, (values) => values[setting]) as ExportRoleArgs[K]);

        const provider = this.getProvider("aws::");
        const region = args.region ?? providerRegion(provider);
        const accountId = args.accountId ?? callerAccountId(provider);
        const { bucket, folder, accessProfile, kmsKeyArn, applicationId } = args;

        const permissionPolicy = checked({ bucket, folder, region, accessProfile, kmsKeyArn }, (values) =>
            renderPolicy(
                buildExportPolicy({
                    ...values,
                    partition: partitionOfRegion(values.region)!,
                    accessProfile: values.accessProfile as AccessProfile | undefined,
                }),
            ),
        );
        const trustPolicy = checked({ accountId, region, applicationId }, (values) =>
            renderPolicy(buildTrustPolicy({ ...values, partition: partitionOfRegion(values.region)! })),
        );
        this.s3UrlPrefix = pulumi.output(
            checked({ bucket, folder }, (values) => s3UrlPrefix(values.bucket, values.folder)),
        );
        const tags = checkedArg("tags");

        this.policy = new Policy(
            `${name}-policy`,
            {
                name: checkedArg("policyName"),
                path: checkedArg("path"),
                description: EXPORT_POLICY_DESCRIPTION,
                policy: permissionPolicy,
                tags,
            },
            { parent: this },
        );
        this.role = new Role(
            `${name}-role`,
            {
                name: checkedArg("roleName"),
                path: checkedArg("path"),
                description:
                    args.description === undefined
                        ? this.s3UrlPrefix.apply(
                              (prefix) => `Lets Amazon Pinpoint export endpoints and segments to ${prefix}`,
                          )
                        : checkedArg("description"),
                assumeRolePolicy: trustPolicy,
                maxSessionDuration: checkedArg("maxSessionDuration"),
                permissionsBoundary:
                    args.permissionsBoundary === undefined
                        ? undefined
                        : checked(
                              { permissionsBoundary: args.permissionsBoundary, region },
                              (values) => values.permissionsBoundary,
                          ),
                tags,
            },
            { parent: this },
        );
        this.attachment = new RolePolicyAttachment(
            `${name}-attachment`,
            { role: this.role.name, policyArn: this.policy.arn },
            { parent: this },
        );

        this.roleArn = pulumi.all([this.role.arn, this.attachment.id]).apply(([arn]) => arn);
        this.roleName = this.role.name;
        this.policyArn = this.policy.arn;
        this.registerOutputs({
            roleArn: this.roleArn,
            roleName: this.roleName,
            policyArn: this.policyArn,
            s3UrlPrefix: this.s3UrlPrefix,
        });
    }
}

type Inputs = Partial<Record<SettingName, pulumi.Input<unknown>>>;

/**
 * `build(values)` once every input is known and valid. Inputs known now were
 * checked before registration, so they are built at once; otherwise the check
 * runs when they resolve, and a problem fails the resources that use the result.
 */
function checkedWhenKnown<T extends Inputs, R>(
    heading: string,
    inputs: T,
    build: (values: pulumi.Unwrap<T>) => R,
): pulumi.Input<R> {
    if (!Object.values(inputs).some(isPending)) {
        return build(inputs as pulumi.Unwrap<T>);
    }
    return pulumi.all(inputs as Record<string, pulumi.Input<unknown>>).apply((values) => {
        // Whatever a policy is built from must be there, whether given or looked up.
        const needed = (["bucket", "folder", "region", "accountId"] as const).filter((setting) => setting in inputs);
        const problems = [
            ...findMissing(values, argumentName, howToPass, needed),
            ...findProblems(values, argumentName),
        ];
        if (problems.length > 0) {
            throw new ExportRoleInputError(heading, problems);
        }
        return build(values as pulumi.Unwrap<T>);
    });
}

function argumentName(setting: SettingName): string {
    return setting;
}

function howToPass(argument: string): string {
    return `pass ${argument} in the ExportRole arguments`;
}

/** The arguments whose values are known now. */
function knownValues(args: ExportRoleArgs): SettingValues {
    const known: Record<string, unknown> = {};
    for (const setting of Object.keys(SETTING_RULES) as SettingName[]) {
        const value: unknown = (args as unknown as Record<string, unknown>)[setting];
        if (!isPending(value)) {
            known[setting] = value;
        }
    }
    return known;
}

/** Whether a value is still to come: an Output, a Promise, or a map holding one. */
function isPending(value: unknown): boolean {
    if (pulumi.Output.isInstance(value) || value instanceof Promise) {
        return true;
    }
    return typeof value === "object" && value !== null && Object.values(value).some(isPending);
}
