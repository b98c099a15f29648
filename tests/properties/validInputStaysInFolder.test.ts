// For any valid bucket and folder, nested or not, of any of S3's safe
// characters, with or without a KMS key: validation accepts them, and each
// profile's policy lets the role do exactly what the profile is meant to in
// and around the folder (tests/support/intendedAccess.ts). In particular no
// request on a key, a prefix or a bucket outside bucket/folder/ is allowed,
// but the listings above the folder and s3:GetBucketLocation that the
// documented profile takes from the guide. And whatever the writeOnly policy
// allows, the documented one allows too.
//
// Each case is one evaluation: the writeOnly policy is attached to the role
// and the documented one is its permissions boundary. The evaluator decides
// each policy on its own as well as both together, so one evaluation gives
// both profiles' decisions, and "writeOnly within documented" is "the
// boundary takes nothing away".
import { strict as assert } from "assert";
import fc from "fast-check";
import { AccessProfile } from "../../components/policies/accessProfile";
import { buildExportPolicy } from "../../components/policies/exportPolicy";
import { findProblems } from "../../components/validation/exportRoleProblems";
import { decideForRole, decideWithBoundary, ROLE_ACCOUNT, warmUpEvaluator } from "../../review/src/access/iamEvaluator";
import { intendedToAllow } from "../support/intendedAccess";
import { isCommonEnough, propertyRuns } from "../support/propertyRuns";
import { requestsAround } from "../support/requestsAround";
import { validLocation } from "../support/validInputs";

const kmsKeyArn = fc
    .tuple(fc.constantFrom("us-east-1", "eu-west-1", "ap-southeast-2"), fc.uuid())
    .map(([region, id]) => `arn:aws:kms:${region}:${ROLE_ACCOUNT}:key/${id}`);

const cases = fc
    .tuple(validLocation, fc.option(kmsKeyArn, { freq: 3 }))
    .chain(([location, key]) =>
        requestsAround(location, key ?? undefined).map((request) => ({ location, key: key ?? undefined, request })),
    );

describe("property: any valid bucket and folder keeps the role in the folder, in either profile", function () {
    const runs = propertyRuns();
    this.timeout(20 * runs);
    before(warmUpEvaluator);

    it(`holds for ${runs} generated locations, keys and requests, and writeOnly stays within documented`, async () => {
        const allowed = { documented: 0, writeOnly: 0, neither: 0 };
        await fc.assert(
            fc.asyncProperty(cases, async ({ location, key, request }) => {
                const settings = { ...location, kmsKeyArn: key, region: "us-east-1", accountId: ROLE_ACCOUNT };
                assert.deepEqual(findProblems(settings), [], "validation refused a valid input");
                const policyOf = (accessProfile: AccessProfile) =>
                    buildExportPolicy({ partition: "aws", ...location, accessProfile, kmsKeyArn: key });
                const decided = await decideWithBoundary(policyOf("writeOnly"), policyOf("documented"), request);
                const described = JSON.stringify(request, (name, value: unknown) =>
                    name === "resourcePolicy" ? undefined : value,
                );
                for (const [profile, decision] of [
                    ["writeOnly", decided.policy],
                    ["documented", decided.boundary],
                ] as const) {
                    assert.equal(
                        decision === "Allowed",
                        intendedToAllow(profile, location, key, request),
                        `${profile}: ${described} is ${decision}`,
                    );
                }
                if (decided.policy === "Allowed") {
                    assert.equal(decided.overall, "Allowed", `the documented profile takes away ${described}`);
                    allowed.writeOnly++;
                }
                allowed[decided.boundary === "Allowed" ? "documented" : "neither"]++;
            }),
            { numRuns: runs },
        );
        // Each answer must be common, or the property would prove little. They come out at about
        // 10%, 21% and 79%: at 2,000 cases, seven standard deviations or more above these shares.
        assert.ok(
            isCommonEnough(allowed.writeOnly, runs, 1 / 20) &&
                isCommonEnough(allowed.documented, runs, 1 / 10) &&
                isCommonEnough(allowed.neither, runs, 1 / 2),
            JSON.stringify(allowed),
        );
    });

    // The property reads both profiles' decisions from one evaluation; this
    // checks, on requests it generates, that they are the decisions each
    // policy gets when it is evaluated alone.
    it("reads each profile's decision as the evaluator gives it for that policy alone", async () => {
        // 100 samples in `npm test`, a few in the edit-run loop.
        const samples = fc.sample(cases, { numRuns: Math.ceil(runs / 20), seed: 20261126 });
        for (const { location, key, request } of samples) {
            const policyOf = (accessProfile: AccessProfile) =>
                buildExportPolicy({ partition: "aws", ...location, accessProfile, kmsKeyArn: key });
            const decided = await decideWithBoundary(policyOf("writeOnly"), policyOf("documented"), request);
            const alone = await Promise.all([
                decideForRole(policyOf("writeOnly"), request),
                decideForRole(policyOf("documented"), request),
            ]);
            // A KMS key policy that lets the account's IAM policies decide, and no bucket policy, so
            // the request's decision is the policy's own.
            assert.deepEqual([decided.policy, decided.boundary], alone, JSON.stringify(request));
        }
    });
});
