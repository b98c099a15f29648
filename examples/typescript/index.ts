import * as pulumi from "@pulumi/pulumi";
import { ExportRole } from "pinpoint-export";

const bucket = new pulumi.Config().require("bucket");

// One role per team, each able to write only to its own folder of the bucket.
// The account and region come from the AWS provider, looked up once for both.
const marketing = new ExportRole("marketing-exports", {
    bucket,
    folder: "pinpoint/marketing",
});
const support = new ExportRole("support-exports", {
    bucket,
    folder: "pinpoint/support",
    accessProfile: "writeOnly",
    tags: { team: "support" },
});

// What CreateExportJob needs: `aws pinpoint create-export-job --application-id <id>
//   --export-job-request RoleArn=<roleArn>,S3UrlPrefix=<s3UrlPrefix>`
export const marketingRoleArn = marketing.roleArn;
export const marketingS3UrlPrefix = marketing.s3UrlPrefix;
export const supportRoleArn = support.roleArn;
export const supportS3UrlPrefix = support.s3UrlPrefix;
