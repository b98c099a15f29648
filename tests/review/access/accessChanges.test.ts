// Whether an update broadens Pinpoint's access, proved for every request from
// the old and new documents of one role. The narrowing cases edit
// statements (so a rule that read the text, as `cdk diff` does, would call
// them broadening); only the proof shows that nothing new is allowed.
import { strict as assert } from "assert";
import { AccessProfile } from "../../../components/policies/accessProfile";
import { buildExportPolicy } from "../../../components/policies/exportPolicy";
import { renderPolicy } from "../../../components/policies/policyDocument";
import { buildTrustPolicy } from "../../../components/policies/trustPolicy";
import { AccessChanges, AccessEntry, compareAccess } from "../../../review/src/access/accessChanges";
import { RoleAccess } from "../../../review/src/access/roleAccess";
import { sharedSolver } from "../../../review/src/proof/solverProcess";
import { PropertyValue } from "../../../review/src/diff/decideStep";
import { statementChanges } from "../../../review/src/diff/statementChanges";

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
        permissionPolicies: [
            { id: "policy", name: "pinpoint-export-policy", document: known(permissionText(settings)) },
        ],
        trustPolicy: known(trustText(settings)),
        permissionsBoundary: settings.boundary ? known(settings.boundary) : absent,
        boundaryPolicy: settings.boundary
            ? {
                  id: settings.boundary,
                  name: `the permissions boundary ${settings.boundary}`,
                  document: { state: "unknown" },
                  unknownBecause: `the permissions boundary ${settings.boundary} is not a policy the file holds`,
              }
            : undefined,
    };
}

/** Asserts that an update edits statements, so reading the text alone would take it for broadening. */
function assertStatementsEdited(before: string, after: string): void {
    const rows = statementChanges(before, after, "(the role)");
    assert.ok(
        rows.some((row) => row.change === "+" && row.effect === "Allow"),
        "the update adds no Allow statement: the case does not test the proof over text",
    );
}

describe("access changes, proved for every request", () => {
    const session = sharedSolver();

    const compare = (before: Settings, after: Settings): Promise<AccessChanges> =>
        compareAccess([{ role: "pinpoint-export-role", before: access(before), after: access(after) }], session);

    /** An entry as one line, as a reader would check it. */
    const line = (entry: AccessEntry) =>
        `${entry.actions.join(",")} ${entry.resource ?? entry.principal}${entry.context ? ` | ${entry.context}` : ""}`;

    describe("do not broaden, although statements are edited,", () => {
        it("when the folder is narrowed: what lies outside the new folder is newly denied", async () => {
            assertStatementsEdited(permissionText({}), permissionText({ folder: "Exports/daily" }));
            const changes = await compare({}, { folder: "Exports/daily" });
            assert.deepEqual([changes.broadening, changes.decidedBy], [false, "proof"]);
            assert.deepEqual(changes.permissions.newlyAllowed, []);
            const objects = changes.permissions.newlyDenied.find(
                (entry) =>
                    entry.resource ===
                    "arn:aws:s3:::example-bucket/Exports/* but not arn:aws:s3:::example-bucket/Exports/daily/*",
            );
            assert.ok(objects, changes.permissions.newlyDenied.map(line).join("\n"));
            assert.ok(objects.actions.includes("s3:GetObject") && objects.actions.includes("s3:PutObject"));
            assert.ok(objects.evaluator.outcome === "agrees", JSON.stringify(objects.evaluator));
        });

        it("when the documented profile becomes writeOnly: reading and deleting are newly denied", async () => {
            assertStatementsEdited(permissionText({}), permissionText({ accessProfile: "writeOnly" }));
            const changes = await compare({}, { accessProfile: "writeOnly" });
            assert.deepEqual([changes.broadening, changes.decidedBy], [false, "proof"]);
            assert.deepEqual(changes.permissions.newlyAllowed, []);
            const denied = changes.permissions.newlyDenied.flatMap((entry) => entry.actions);
            for (const action of ["s3:DeleteObject", "s3:GetObject", "s3:PutObjectAcl", "s3:GetObjectTagging"]) {
                assert.ok(denied.includes(action), action);
            }
            assert.ok(!denied.includes("s3:PutObject"), "writeOnly still writes");
        });

        it("when the trust policy names one Pinpoint project: other projects are newly denied", async () => {
            assertStatementsEdited(trustText({}), trustText({ applicationId: APP }));
            const changes = await compare({}, { applicationId: APP });
            assert.deepEqual([changes.broadening, changes.decidedBy], [false, "proof"]);
            assert.deepEqual(changes.trust.newlyAllowed, []);
            assert.ok(changes.trust.newlyDenied.length > 0);
            for (const entry of changes.trust.newlyDenied) {
                assert.equal(entry.principal, "pinpoint.amazonaws.com", line(entry));
                assert.notEqual(
                    String(entry.witness.context["aws:SourceArn"] ?? "").endsWith(`apps/${APP}`),
                    true,
                    line(entry),
                );
            }
        });
    });

    describe("broaden", () => {
        it("when the trust policy lets any project of the account use the role again", async () => {
            const changes = await compare({ applicationId: APP }, {});
            assert.deepEqual([changes.broadening, changes.decidedBy], [true, "proof"]);
            assert.ok(changes.trust.newlyAllowed.length > 0);
            assert.ok(changes.trust.newlyAllowed.every((entry) => entry.evaluator.outcome === "agrees"));
        });

        it("when a KMS key is added, which the role may then use through S3 only", async () => {
            const key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
            const changes = await compare({}, { kmsKeyArn: key });
            assert.deepEqual([changes.broadening, changes.decidedBy], [true, "proof"]);
            assert.deepEqual(changes.permissions.newlyAllowed.map(line), [
                `kms:Decrypt,kms:GenerateDataKey ${key} | kms:ViaService "s3.us-east-1.amazonaws.com"`,
            ]);
        });
    });

    describe("decide a permissions boundary of unknown text as what it can be", () => {
        it("not decided, so broadening, when it is removed or changed: it may have denied what is now allowed", async () => {
            for (const after of [undefined, "arn:aws:iam::123456789012:policy/Other"]) {
                const changes = await compare({ boundary: BOUNDARY }, { boundary: after });
                assert.deepEqual([changes.broadening, changes.decidedBy], [true, "undecided"], String(after));
                assert.deepEqual(changes.permissions.newlyAllowed, [], "nothing is newly allowed whatever it says");
                assert.ok(changes.permissions.possiblyNewlyAllowed.length > 0);
                assert.match(
                    changes.unevaluated.join(),
                    /permissions boundary arn:aws:iam::123456789012:policy\/Boundary/,
                );
            }
        });

        it("proved not to broaden when one is added: a boundary only takes away", async () => {
            const changes = await compare({}, { boundary: BOUNDARY });
            assert.deepEqual([changes.broadening, changes.decidedBy], [false, "proof"]);
            assert.deepEqual(changes.permissions.possiblyNewlyAllowed, []);
            assert.ok(changes.permissions.possiblyNewlyDenied.length > 0, "what it may take away is listed");
            assert.match(changes.narrowing.join(), /is added/);
        });

        it("proved to broaden when the policies under an unchanged one grant more: only if it allows them, though", async () => {
            const changes = await compare({ boundary: BOUNDARY, folder: "Exports/daily" }, { boundary: BOUNDARY });
            assert.deepEqual(changes.permissions.newlyAllowed, [], "the boundary may deny the new folder");
            assert.ok(
                changes.permissions.possiblyNewlyAllowed.every(
                    (entry) => entry.dependsOn === `the permissions boundary ${BOUNDARY} grants it`,
                ),
                JSON.stringify(changes.permissions.possiblyNewlyAllowed.map((entry) => entry.dependsOn)),
            );
            assert.deepEqual([changes.broadening, changes.decidedBy], [true, "undecided"]);
        });
    });

    it("counts a document that is known only after apply as broadening, since it may say anything", async () => {
        const changes = await compareAccess(
            [
                {
                    role: "r",
                    before: access({}),
                    after: { ...access({}), trustPolicy: { state: "unknown" } },
                },
            ],
            session,
        );
        assert.deepEqual([changes.broadening, changes.decidedBy], [true, "undecided"]);
        assert.match(
            changes.unevaluated.join(),
            /the trust policy of r: .*the new trust policy \(it is known only after apply\)/,
        );
    });

    it("asks nothing when the documents are the same policy", async () => {
        const changes = await compare({}, {});
        assert.deepEqual([changes.broadening, changes.decidedBy, changes.questions], [false, "proof", 0]);
    });
});
