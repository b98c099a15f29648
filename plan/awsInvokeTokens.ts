// The tokens of the AWS provider's invokes that this project asks about or
// answers. A plain module, without @pulumi/pulumi, so that a program run under
// another copy of the SDK (tests/support/runProgramUnderMocks.ts) can use it.

/** `aws.getCallerIdentity`: the account of the provider's credentials. */
export const GET_CALLER_IDENTITY = "aws:index/getCallerIdentity:getCallerIdentity";

/** `aws.getRegion`: the provider's region. */
export const GET_REGION = "aws:index/getRegion:getRegion";

/** `aws.getPartition`: the provider's partition, which the component never asks for. */
export const GET_PARTITION = "aws:index/getPartition:getPartition";
