// The writeOnly profile is narrower than the documented one: for any valid
// bucket, folder and KMS key, every request the writeOnly policy allows, the
// documented policy allows too.
import { strict as assert } from "assert";
import fc from "fast-check";
import { buildExportPolicy } from "../../components/policies/exportPolicy";
import { decideForRole, ROLE_ACCOUNT, RoleRequest, warmUpEvaluator } from "../support/iamEvaluator";
import { kmsRequest } from "../support/kmsRequests";
import { propertyRuns } from "../support/propertyRuns";
import { requestsAround } from "../support/requestsAround";
import { objectRequest } from "../support/s3Requests";
import { validLocation } from "../support/validInputs";

const keyArn = fc
    .tuple(fc.constantFrom("us-east-1", "eu-west-1", "ap-southeast-2"), fc.uuid())
    .map(([region, id]) => `arn:aws:kms:${region}:${ROLE_ACCOUNT}:key/${id}`);

/** KMS requests on the key or another, through S3 in some region or directly. */
function kmsRequestsFor(key: string): fc.Arbitrary<RoleRequest> {
    const region = key.split(":")[3];
    return fc
        .tuple(
            fc.constantFrom(
                "kms:GenerateDataKey",
                "kms:Decrypt",
                "kms:Encrypt",
                "kms:ReEncryptFrom",
                "kms:CreateGrant",
            ),
            fc.constantFrom(
                key,
                key.replace(/.$/, (last) => (last === "0" ? "1" : "0")),
            ),
            fc.constantFrom(
                `s3.${region}.amazonaws.com`,
                "s3.us-west-2.amazonaws.com",
                "sqs.us-east-1.amazonaws.com",
                undefined,
            ),
        )
        .map(([action, resource, via]) => kmsRequest(action, resource, via));
}

const cases = fc.tuple(validLocation, keyArn).chain(([location, key]) => {
    const prefix = `${location.folder.replace(/^\/+/, "").replace(/\/+$/, "")}/`;
    const writes = fc
        .tuple(fc.constantFrom("s3:PutObject", "s3:AbortMultipartUpload"), fc.string({ maxLength: 8 }))
        .map(([action, rest]) => objectRequest(action, location.bucket, `${prefix}${rest.replace(/\*/g, "")}`));
    const request = fc.oneof(
        { arbitrary: requestsAround(location), weight: 4 },
        { arbitrary: writes, weight: 1 },
        { arbitrary: kmsRequestsFor(key), weight: 2 },
    );
    return request.map((chosen) => ({ location, key, request: chosen }));
});

describe("property: the writeOnly profile allows nothing the documented one does not", function () {
    const runs = propertyRuns();
    this.timeout(20 * runs);
    before(warmUpEvaluator);

    it(`holds for ${runs} generated locations, keys and requests`, async () => {
        let writeOnlyAllowed = 0;
        await fc.assert(
            fc.asyncProperty(cases, async ({ location, key, request }) => {
                const build = (accessProfile: "documented" | "writeOnly") =>
                    buildExportPolicy({ partition: "aws", ...location, accessProfile, kmsKeyArn: key });
                if ((await decideForRole(build("writeOnly"), request)) !== "Allowed") {
                    return;
                }
                writeOnlyAllowed++;
                assert.equal(await decideForRole(build("documented"), request), "Allowed", JSON.stringify(request));
            }),
            { numRuns: runs },
        );
        // Enough of the requests must be allowed for the property to prove something.
        assert.ok(writeOnlyAllowed > runs / 5, `writeOnly allowed ${writeOnlyAllowed} of ${runs} requests`);
    });
});
