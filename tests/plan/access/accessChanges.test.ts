// Whether an update broadens Pinpoint's access, decided by evaluating the old
// and new documents on one set of requests. The narrowing cases edit
// statements (so a rule that read the text, as `cdk diff` does, would call
// them broadening); only the evaluation shows that nothing new is allowed.
import { strict as assert } from "assert";
import { AccessProfile } from "../../../components/policies/accessProfile";
import { buildExportPolicy } from "../../../components/policies/exportPolicy";
import { renderPolicy } from "../../../components/policies/policyDocument";
import { buildTrustPolicy } from "../../../components/policies/trustPolicy";
import { AccessChanges, compareAccess, PermissionEntry, TrustEntry } from "../../../tools/plan/access/accessChanges";
import { warmUpEvaluator } from "../../../tools/plan/access/iamEvaluator";
import { RoleAccess } from "../../../tools/plan/access/roleAccess";
import { PropertyValue } from "../../../tools/plan/diff/decideStep";
import { statementChanges } from "../../../tools/plan/diff/statementChanges";

const APP = "0123456789abcdef0123456789abcdef";
const BOUNDARY = "arn:aws:iam::123456789012:policy/Boundary";

interface Settings {
    readonly bucket?: string;
    readonly folder?: string;
    readonly accessProfile?: AccessProfile;
    readonly kmsKeyArn?: string;
    readonly applicationId?: string;
    readonly region?: string;
    readonly boundary?: string;
}

const known = (value: string): PropertyValue => ({ state: "known", value });
const absent: PropertyValue = { state: "absent" };

function permissionText(settings: Settings): string {
    return renderPolicy(
        buildExportPolicy({
            partition: "aws",
            bucket: settings.bucket ?? "example-bucket",
            folder: settings.folder ?? "Exports",
            accessProfile: settings.accessProfile,
            kmsKeyArn: settings.kmsKeyArn,
        }),
    );
}

function trustText(settings: Settings): string {
    return renderPolicy(
        buildTrustPolicy({
            partition: "aws",
            region: settings.region ?? "us-east-1",
            accountId: "123456789012",
            applicationId: settings.applicationId,
        }),
    );
}

function access(settings: Settings): RoleAccess {
    return {
        permissionPolicy: known(permissionText(settings)),
        trustPolicy: known(trustText(settings)),
        permissionsBoundary: settings.boundary ? known(settings.boundary) : absent,
    };
}

function compare(before: Settings, after: Settings): Promise<AccessChanges> {
    return compareAccess([{ role: "pinpoint-export-role", before: access(before), after: access(after) }]);
}

/** An entry as one line, as a reader would check it. */
const line = (entry: PermissionEntry | TrustEntry) =>
    `${entry.actions.join(",")} ${"resource" in entry ? entry.resource : entry.principal}${entry.context ? ` | ${entry.context}` : ""}`;

/** Asserts that an update edits statements, so reading the text alone would take it for broadening. */
function assertStatementsEdited(before: string, after: string): void {
    const rows = statementChanges(before, after, "(the role)");
    assert.ok(
        rows.some((row) => row.change === "+" && row.effect === "Allow"),
        "the update adds no Allow statement: the case does not test evaluation over text",
    );
}

describe("access changes, by evaluation", () => {
    before(warmUpEvaluator);

    describe("do not broaden, although statements are edited,", () => {
        it("when the folder is narrowed: what lies outside the new folder is newly denied", async () => {
            assertStatementsEdited(permissionText({}), permissionText({ folder: "Exports/daily" }));
            const changes = await compare({}, { folder: "Exports/daily" });
            assert.equal(changes.broadening, false);
            assert.deepEqual(changes.permissions.newlyAllowed, []);
            assert.ok(
                changes.permissions.newlyDenied.some(
                    (entry) =>
                        entry.resource === "arn:aws:s3:::example-bucket/Exports/* but not Exports/daily/*" &&
                        entry.actions.includes("s3:GetObject") &&
                        entry.actions.includes("s3:PutObject"),
                ),
                changes.permissions.newlyDenied.map(line).join("\n"),
            );
        });

        it("when the documented profile becomes writeOnly: reading and deleting are newly denied", async () => {
            assertStatementsEdited(permissionText({}), permissionText({ accessProfile: "writeOnly" }));
            const changes = await compare({}, { accessProfile: "writeOnly" });
            assert.equal(changes.broadening, false);
            assert.deepEqual(changes.permissions.newlyAllowed, []);
            assert.ok(
                changes.permissions.newlyDenied
                    .map(line)
                    .includes("s3:DeleteObject,s3:GetObject,s3:PutObjectAcl arn:aws:s3:::example-bucket/Exports/*"),
                changes.permissions.newlyDenied.map(line).join("\n"),
            );
        });

        it("when the trust policy names one Pinpoint project: other projects are newly denied", async () => {
            assertStatementsEdited(trustText({}), trustText({ applicationId: APP }));
            const changes = await compare({}, { applicationId: APP });
            assert.equal(changes.broadening, false);
            assert.deepEqual(changes.trust.newlyAllowed, []);
            assert.ok(changes.trust.newlyDenied.length > 0);
            assert.ok(
                changes.trust.newlyDenied.every(
                    (entry) =>
                        entry.principal === "pinpoint.amazonaws.com" &&
                        entry.actions.join() === "sts:AssumeRole" &&
                        !entry.context.includes(`apps/${APP}`),
                ),
                changes.trust.newlyDenied.map(line).join("\n"),
            );
        });
    });

    describe("broaden", () => {
        it("when the trust policy lets any project of the account use the role again", async () => {
            const changes = await compare({ applicationId: APP }, {});
            assert.equal(changes.broadening, true);
            assert.ok(changes.trust.newlyAllowed.length > 0);
        });

        it("when a KMS key is added, which the role may then use through S3", async () => {
            const key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
            const changes = await compare({}, { kmsKeyArn: key });
            assert.equal(changes.broadening, true);
            assert.deepEqual(changes.permissions.newlyAllowed.map(line), [
                `kms:Decrypt,kms:GenerateDataKey ${key} | kms:ViaService "s3.us-east-1.amazonaws.com"`,
            ]);
        });
    });

    describe("count a permissions boundary, which the evaluation cannot see through,", () => {
        it("as broadening when it is removed or changed", async () => {
            for (const after of [undefined, "arn:aws:iam::123456789012:policy/Other"]) {
                const changes = await compare({ boundary: BOUNDARY }, { boundary: after });
                assert.equal(changes.broadening, true, String(after));
                assert.match(changes.unevaluated.join(), /permissions boundary/);
            }
        });

        it("as narrowing when it is added", async () => {
            const changes = await compare({}, { boundary: BOUNDARY });
            assert.equal(changes.broadening, false);
            assert.match(changes.narrowing.join(), /is added/);
        });
    });

    it("counts a document that is known only after apply as broadening, since it cannot be evaluated", async () => {
        const changes = await compareAccess([
            {
                role: "r",
                before: access({}),
                after: { ...access({}), trustPolicy: { state: "unknown" } },
            },
        ]);
        assert.equal(changes.broadening, true);
        assert.match(changes.unevaluated.join(), /the new trust policy of r is not known/);
    });

    it("evaluates nothing when the documents are the same policy", async () => {
        const changes = await compare({}, {});
        assert.deepEqual([changes.broadening, changes.requestCount], [false, 0]);
    });
});
