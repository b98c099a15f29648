// The review of a real `pulumi preview --json`: the one the real engine wrote,
// with the stand-in aws provider, for the dev program's change of folder
// (Exports to pinpoint/exports) and of role name (tests/fixtures/standInAws/).
// Not AWS: the stand-in deployed nothing anywhere. The hand-built previews of
// reviewPreview.test.ts follow json.go; this one holds them to the engine.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { reviewPreview } from "../../../review/src/runReview";
import type { Review, RoleReview } from "../../../review/src/verdict/reviewRoles";

const PREVIEW = path.join(__dirname, "..", "..", "fixtures", "standInAws", "preview.json");

describe("the review of the real engine's preview --json (stand-in aws provider)", function () {
    this.timeout(60_000);
    let review: Review;
    let role: RoleReview;

    before(async () => {
        review = await reviewPreview(JSON.parse(fs.readFileSync(PREVIEW, "utf8")), { file: PREVIEW });
        assert.equal(review.roles.length, 1, review.roles.map((found) => found.role).join(", "));
        role = review.roles[0];
    });

    it("finds the ExportRole's role, replaced because its name changes", () => {
        assert.equal(role.role, "pinpoint-export-role");
        assert.equal(role.component, "pinpoint-export");
        assert.equal(role.lifecycle, "replaced");
        assert.ok(review.replacements.some((replaced) => replaced.type === "aws:iam/role:Role"));
    });

    it("proves that the new folder's objects are newly allowed and the old folder's newly denied", () => {
        assert.equal(role.newlyAllowed, "yes");
        const resources = (entries: readonly { resource?: string }[]) => entries.map((entry) => entry.resource);
        const allowed = resources(role.access.permissions.newlyAllowed);
        const denied = resources(role.access.permissions.newlyDenied);
        assert.ok(allowed.includes("arn:aws:s3:::my-export-bucket/pinpoint/exports/*"), allowed.join(", "));
        assert.ok(denied.includes("arn:aws:s3:::my-export-bucket/Exports/*"), denied.join(", "));
        // Nothing outside the bucket, and the trust policy, which the change leaves alone, is unchanged.
        assert.deepEqual(
            allowed.filter((resource) => !resource?.startsWith("arn:aws:s3:::my-export-bucket")),
            [],
        );
        assert.deepEqual(role.access.trust.newlyAllowed, []);
        assert.deepEqual(role.access.trust.newlyDenied, []);
    });
});
