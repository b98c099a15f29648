// The step `pulumi up` would take for one resource, by the AWS provider's
// rules: what replaces, what updates in place, when the old resource goes
// first, and how defaults, autonames and unknowns count.
import { strict as assert } from "assert";
import { decideStep, Dependency, InputsBefore, StepDecision, StepOp } from "../../../review/src/diff/decideStep";
import { UNKNOWN } from "../../../review/src/diff/wireValues";

const POLICY = "aws:iam/policy:Policy";
const ROLE = "aws:iam/role:Role";
const ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const POLICY_URN = "urn:pulumi:dev::pinpoint-export::pinpoint-export:index:ExportRole$aws:iam/policy:Policy::p";
const ROLE_URN = "urn:pulumi:dev::pinpoint-export::pinpoint-export:index:ExportRole$aws:iam/role:Role::r";

const DOCUMENT =
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:PutObject"],"Resource":["arn:aws:s3:::b/F/*"]}]}';
const OTHER_DOCUMENT = DOCUMENT.replace("b/F/*", "b/G/*");

/** The dependencies' steps, by URN. */
function dependencies(ops: Record<string, StepOp>): (urn: string) => Dependency | undefined {
    return (urn) => (ops[urn] ? { op: ops[urn], description: `the resource ${urn.split("::").pop()}` } : undefined);
}

function decide(
    type: string,
    before: Record<string, unknown> | InputsBefore | undefined,
    after: Record<string, unknown>,
    options: { afterDependencies?: Record<string, string[]>; ops?: Record<string, StepOp> } = {},
): StepDecision {
    const old = before === undefined || "inputs" in before ? (before as InputsBefore | undefined) : { inputs: before };
    return decideStep(
        type,
        old,
        { inputs: after, propertyDependencies: options.afterDependencies ?? {} },
        dependencies(options.ops ?? {}),
    );
}

/** Op, and each changed property with its kind. */
function summary(decision: StepDecision): [StepOp, string[]] {
    return [decision.op, decision.changes.map((change) => `${change.property}:${change.kind}`)];
}

describe("the step of one resource", () => {
    describe("follows the provider's replacement table", () => {
        const policy = { name: "p", path: "/", description: "d", policy: DOCUMENT, tags: { team: "a" } };
        const role = {
            name: "r",
            path: "/",
            description: "d",
            assumeRolePolicy: DOCUMENT,
            maxSessionDuration: 3600,
            permissionsBoundary: "arn:aws:iam::123456789012:policy/B",
            tags: { team: "a" },
        };
        const cases: [string, Record<string, unknown>, string, unknown, StepOp][] = [
            [POLICY, policy, "name", "p2", "replace"],
            [POLICY, policy, "path", "/x/", "replace"],
            [POLICY, policy, "description", "d2", "replace"],
            [POLICY, policy, "policy", OTHER_DOCUMENT, "update"],
            [POLICY, policy, "tags", { team: "b" }, "update"],
            [ROLE, role, "name", "r2", "replace"],
            [ROLE, role, "path", "/x/", "replace"],
            [ROLE, role, "assumeRolePolicy", OTHER_DOCUMENT, "update"],
            [ROLE, role, "description", "d2", "update"],
            [ROLE, role, "maxSessionDuration", 7200, "update"],
            [ROLE, role, "permissionsBoundary", "arn:aws:iam::123456789012:policy/C", "update"],
            [ROLE, role, "tags", { team: "b" }, "update"],
            [ATTACHMENT, { role: "r", policyArn: "arn:1" }, "role", "r2", "replace"],
            [ATTACHMENT, { role: "r", policyArn: "arn:1" }, "policyArn", "arn:2", "replace"],
        ];
        for (const [type, inputs, property, value, op] of cases) {
            it(`${type}: a change of ${property} is ${op === "replace" ? "a replacement" : "an update in place"}`, () => {
                const kind = op === "replace" ? "update-replace" : "update";
                assert.deepEqual(summary(decide(type, inputs, { ...inputs, [property]: value })), [
                    op,
                    [`${property}:${kind}`],
                ]);
            });
        }

        it("replaces a policy or role on a change of namePrefix", () => {
            for (const type of [POLICY, ROLE]) {
                assert.deepEqual(summary(decide(type, { namePrefix: "a-" }, { namePrefix: "b-" })), [
                    "replace",
                    ["namePrefix:update-replace"],
                ]);
            }
        });

        it("says add and delete, with -replace for the properties that replace", () => {
            assert.deepEqual(summary(decide(ROLE, { description: "d" }, { permissionsBoundary: "arn:b" })), [
                "update",
                ["description:delete", "permissionsBoundary:add"],
            ]);
            assert.deepEqual(summary(decide(POLICY, { description: "d" }, {})), [
                "replace",
                ["description:delete-replace"],
            ]);
        });

        it("is same when nothing changes, and create when the baseline lacks the resource", () => {
            assert.equal(decide(POLICY, policy, { ...policy }).op, "same");
            assert.equal(decide(POLICY, undefined, policy).op, "create");
        });
    });

    describe("deletes before it replaces", () => {
        it("for an attachment, always", () => {
            assert.equal(
                decide(ATTACHMENT, { role: "r", policyArn: "a" }, { role: "r2", policyArn: "a" }).deleteBeforeReplace,
                true,
            );
        });

        it("for a role or policy that the program names explicitly, and not for an autonamed one", () => {
            for (const type of [POLICY, ROLE]) {
                const named = decide(type, { name: "old", path: "/" }, { name: "new", path: "/" });
                const autonamed = decide(type, { path: "/" }, { path: "/x/" });
                assert.deepEqual([named.op, named.deleteBeforeReplace], ["replace", true], type);
                assert.deepEqual([autonamed.op, autonamed.deleteBeforeReplace], ["replace", false], type);
            }
        });

        it("never for an update", () => {
            assert.equal(
                decide(ROLE, { name: "r", description: "a" }, { name: "r", description: "b" }).deleteBeforeReplace,
                false,
            );
        });
    });

    describe("compares policy documents as policies", () => {
        const reformatted = JSON.stringify(
            {
                Statement: [{ Resource: "arn:aws:s3:::b/F/*", Action: "s3:PutObject", Effect: "Allow" }],
                Version: "2012-10-17",
            },
            null,
            4,
        );

        it("sees no change in whitespace, key order, or one value written as a string", () => {
            assert.equal(decide(POLICY, { policy: DOCUMENT }, { policy: reformatted }).op, "same");
            assert.equal(decide(ROLE, { assumeRolePolicy: DOCUMENT }, { assumeRolePolicy: reformatted }).op, "same");
        });

        it("sees a change in what the document says", () => {
            assert.equal(decide(POLICY, { policy: DOCUMENT }, { policy: OTHER_DOCUMENT }).op, "update");
        });

        it("compares other text exactly", () => {
            assert.equal(decide(ROLE, { description: '{"a":1}' }, { description: '{ "a": 1 }' }).op, "update");
        });
    });

    describe("reads a stack's checked inputs as the provider wrote them", () => {
        const checked = {
            __defaults: ["forceDetachPolicies", "name"],
            name: "pinpoint-export-role-3a9d0b6",
            path: "/",
            maxSessionDuration: 3600,
            forceDetachPolicies: false,
            assumeRolePolicy: DOCUMENT,
        };
        const program = { path: "/", maxSessionDuration: 3600, assumeRolePolicy: DOCUMENT };

        it("keeps an autonamed resource's name, and a default the provider filled, when the program leaves them unset", () => {
            assert.deepEqual(summary(decide(ROLE, checked, program)), ["same", []]);
        });

        it("keeps a default as the provider filled it, even where the provider's default has changed since", () => {
            // The provider fills an unset input from the old inputs when they list it in __defaults.
            const filledEarlier = { ...checked, __defaults: ["maxSessionDuration", "name"], maxSessionDuration: 7200 };
            assert.equal(decide(ROLE, filledEarlier, { path: "/", assumeRolePolicy: DOCUMENT }).op, "same");
        });

        it("counts an explicit value that differs from a default the provider filled", () => {
            assert.deepEqual(summary(decide(ROLE, checked, { ...program, forceDetachPolicies: true })), [
                "update",
                ["forceDetachPolicies:update"],
            ]);
        });

        it("counts an unset value that the program had set, as the provider's default", () => {
            const explicit = { ...checked, __defaults: ["forceDetachPolicies", "name"], maxSessionDuration: 7200 };
            const decision = decide(ROLE, explicit, { path: program.path, assumeRolePolicy: program.assumeRolePolicy });
            assert.deepEqual(summary(decision), ["update", ["maxSessionDuration:update"]]);
            assert.deepEqual(decision.changes[0].after, { state: "known", value: 3600 });
        });

        it("renames a resource that the program names now, deleting it first, unless the name is the same", () => {
            const renamed = decide(ROLE, checked, { ...program, name: "export-role" });
            assert.deepEqual(
                [...summary(renamed), renamed.deleteBeforeReplace],
                ["replace", ["name:update-replace"], true],
            );
            assert.equal(decide(ROLE, checked, { ...program, name: checked.name }).op, "same");
        });

        it("gives a resource the program no longer names a new autoname, creating it first", () => {
            const named = { ...checked, __defaults: ["forceDetachPolicies"], name: "export-role" };
            const decision = decide(ROLE, named, program);
            assert.deepEqual(
                [...summary(decision), decision.deleteBeforeReplace],
                ["replace", ["name:update-replace"], false],
            );
            assert.deepEqual(decision.changes[0].after, { state: "autoname" });
        });

        it("reads a plan's inputs, which have no defaults filled, against the provider's defaults", () => {
            assert.equal(decide(ROLE, { path: "/" }, {}).op, "same");
            assert.deepEqual(summary(decide(ROLE, { maxSessionDuration: 7200 }, {})), [
                "update",
                ["maxSessionDuration:update"],
            ]);
        });
    });

    describe("decides unknown inputs through their dependencies", () => {
        const attachment = { role: "r", policyArn: "arn:aws:iam::123456789012:policy/p" };

        it("replaces an attachment whose policy is replaced, and says why", () => {
            const decision = decide(
                ATTACHMENT,
                attachment,
                { role: "r", policyArn: UNKNOWN },
                {
                    afterDependencies: { policyArn: [POLICY_URN], role: [ROLE_URN] },
                    ops: { [POLICY_URN]: "replace", [ROLE_URN]: "same" },
                },
            );
            assert.deepEqual(
                [...summary(decision), decision.deleteBeforeReplace],
                ["replace", ["policyArn:update-replace"], true],
            );
            assert.equal(
                decision.changes[0].reason,
                "the resource p is replaced, so its value is known only after apply",
            );
        });

        it("keeps an input that the baseline did not know either, when it comes from resources that stay", () => {
            const before: InputsBefore = {
                inputs: { role: UNKNOWN, policyArn: UNKNOWN },
                propertyDependencies: { role: [ROLE_URN], policyArn: [POLICY_URN] },
            };
            const after = { role: UNKNOWN, policyArn: UNKNOWN };
            const afterDependencies = { role: [ROLE_URN], policyArn: [POLICY_URN] };
            assert.equal(
                decide(ATTACHMENT, before, after, {
                    afterDependencies,
                    ops: { [ROLE_URN]: "same", [POLICY_URN]: "update" },
                }).op,
                "same",
            );
            assert.equal(
                decide(ATTACHMENT, before, after, {
                    afterDependencies,
                    ops: { [ROLE_URN]: "same", [POLICY_URN]: "create" },
                }).op,
                "replace",
            );
        });

        it("does not take two unknowns for equal when they come from other resources, or from none", () => {
            const before: InputsBefore = {
                inputs: { policyArn: UNKNOWN },
                propertyDependencies: { policyArn: [ROLE_URN] },
            };
            const moved = decide(
                ATTACHMENT,
                before,
                { policyArn: UNKNOWN },
                { afterDependencies: { policyArn: [POLICY_URN] }, ops: { [POLICY_URN]: "same" } },
            );
            assert.equal(moved.op, "replace");
            const looked = decide(ROLE, { assumeRolePolicy: UNKNOWN }, { assumeRolePolicy: UNKNOWN });
            assert.deepEqual(summary(looked), ["update", ["assumeRolePolicy:update"]]);
            assert.match(looked.changes[0].reason ?? "", /account or the region/);
        });

        it("counts a value the baseline did not know", () => {
            const decision = decide(ROLE, { assumeRolePolicy: UNKNOWN }, { assumeRolePolicy: DOCUMENT });
            assert.deepEqual(
                [decision.op, decision.changes[0].reason],
                ["update", "the baseline does not know its value"],
            );
        });
    });
});
