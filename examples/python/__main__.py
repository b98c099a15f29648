"""Two Pinpoint export roles, one folder of the same bucket each."""

import pulumi
import pulumi_pinpoint_export as pinpoint_export

bucket = pulumi.Config().require("bucket")

# One role per team, each able to write only to its own folder of the bucket.
# The account and region come from the AWS provider.
marketing = pinpoint_export.ExportRole(
    "marketing-exports",
    bucket=bucket,
    folder="pinpoint/marketing",
)
support = pinpoint_export.ExportRole(
    "support-exports",
    bucket=bucket,
    folder="pinpoint/support",
    access_profile=pinpoint_export.AccessProfile.WRITE_ONLY,
    tags={"team": "support"},
)

# What CreateExportJob needs: RoleArn and S3UrlPrefix.
pulumi.export("marketingRoleArn", marketing.role_arn)
pulumi.export("marketingS3UrlPrefix", marketing.s3_url_prefix)
pulumi.export("supportRoleArn", support.role_arn)
pulumi.export("supportS3UrlPrefix", support.s3_url_prefix)
