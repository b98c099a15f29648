// For any valid bucket and folder, nested or not, of any of S3's safe
// characters: validation accepts them, and the built policy lets the role do
// exactly what its profile is meant to, in and around the folder. In
// particular, no request on a key, a prefix or a bucket outside bucket/folder/
// is allowed, but the listings above the folder and s3:GetBucketLocation the
// documented profile takes from the guide.
import { strict as assert } from "assert";
import fc from "fast-check";
import { AccessProfile } from "../../components/policies/accessProfile";
import { buildExportPolicy } from "../../components/policies/exportPolicy";
import { findProblems } from "../../components/validation/exportRoleProblems";
import { decideForRole, ROLE_ACCOUNT, RoleRequest, warmUpEvaluator } from "../support/iamEvaluator";
import { intendedToAllow } from "../support/intendedAccess";
import { propertyRuns } from "../support/propertyRuns";
import { requestsAround } from "../support/requestsAround";
import { ExportLocation, validLocation } from "../support/validInputs";

interface Case {
    readonly profile: AccessProfile;
    readonly location: ExportLocation;
    readonly request: RoleRequest;
}

const cases: fc.Arbitrary<Case> = fc
    .tuple(fc.constantFrom<AccessProfile>("documented", "writeOnly"), validLocation)
    .chain(([profile, location]) => requestsAround(location).map((request) => ({ profile, location, request })));

describe("property: any valid bucket and folder keeps the role in the folder", function () {
    const runs = propertyRuns();
    this.timeout(20 * runs);
    before(warmUpEvaluator);

    it(`holds for ${runs} generated locations and requests`, async () => {
        const seen = { allowed: 0, denied: 0, outsideChecked: 0 };
        await fc.assert(
            fc.asyncProperty(cases, async ({ profile, location, request }) => {
                const settings = { ...location, accessProfile: profile, region: "us-east-1", accountId: ROLE_ACCOUNT };
                assert.deepEqual(
                    findProblems(settings, (key) => key),
                    [],
                    "validation refused a valid input",
                );
                const policy = buildExportPolicy({ partition: "aws", ...location, accessProfile: profile });
                const decision = await decideForRole(policy, request);
                const intended = intendedToAllow(profile, location, request);
                assert.equal(decision === "Allowed", intended, `${JSON.stringify(request)} is ${decision}`);
                seen[decision === "Allowed" ? "allowed" : "denied"]++;
            }),
            { numRuns: runs },
        );
        // Both answers must be common, or the property would prove little.
        assert.ok(seen.allowed > runs / 10 && seen.denied > runs / 10, JSON.stringify(seen));
    });
});
