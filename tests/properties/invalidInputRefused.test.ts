// For any bucket, folder or KMS key that breaks a rule, ExportRole refuses it
// with a message that names that argument, and registers nothing; and any fix
// the message suggests quotes only examples that pass the rules.
import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import fc from "fast-check";
import { ExportRole } from "../../components/exportRole";
import { ExportRoleInputError } from "../../components/exportRoleInputError";
import { SETTING_RULES, SettingName } from "../../components/validation/exportRoleProblems";
import { brokenSetting } from "../support/invalidInputs";
import { MockRecord, useMocks } from "../support/mocks";
import { propertyRuns } from "../support/propertyRuns";
import { validLocation } from "../support/validInputs";

const cases = fc.tuple(validLocation, brokenSetting).map(([location, broken]) => ({
    args: { ...location, accountId: "123456789012", region: "us-east-1", [broken.setting]: broken.value },
    broken,
}));

/**
 * The values a fix quotes as examples (`e.g. X`), each with the setting it is
 * an example of: the refused one's, but for the folder that a bucket's fix
 * says to set separately.
 */
function quotedExamples(setting: SettingName, fix: string | undefined): [SettingName, string][] {
    return [...(fix ?? "").matchAll(/(folder separately, )?e\.g\. ([^,\s]+)/g)].map((match) => [
        match[1] ? "folder" : setting,
        match[2],
    ]);
}

describe("property: any invalid input is refused before anything is registered", function () {
    const runs = propertyRuns();
    this.timeout(20 * runs);
    let record: MockRecord;
    before(async () => {
        record = await useMocks();
    });

    it(`holds for ${runs} generated inputs that each break one rule`, async () => {
        const refusedBy = new Map<string, number>();
        fc.assert(
            fc.property(cases, ({ args, broken }) => {
                const what = `${broken.setting} = ${JSON.stringify(broken.value)} (${broken.breaks})`;
                assert.throws(
                    () => new ExportRole("refused", args),
                    (error: unknown) => {
                        assert.ok(error instanceof ExportRoleInputError, `${what}: ${String(error)}`);
                        const keys = error.problems.map((problem) => problem.key);
                        assert.ok(
                            keys.length > 0 && keys.every((key) => key === broken.setting),
                            `${what}: ${keys.join(", ")}`,
                        );
                        assert.ok(error.message.includes(`\n  - ${broken.setting}: `), error.message);
                        for (const problem of error.problems) {
                            for (const [setting, example] of quotedExamples(broken.setting, problem.fix)) {
                                assert.equal(
                                    SETTING_RULES[setting](example),
                                    undefined,
                                    `${what}: the fix "${problem.fix}" quotes ${example}, which the ${setting} rule refuses`,
                                );
                            }
                        }
                        return true;
                    },
                    `${what} was accepted`,
                );
                refusedBy.set(broken.breaks, (refusedBy.get(broken.breaks) ?? 0) + 1);
            }),
            { numRuns: runs },
        );
        // Wait for every registration the runtime was asked for, then look: there must be none.
        await pulumi.runtime.disconnect();
        assert.deepEqual(record.resources, []);
        // Every kind of broken value was tried.
        assert.ok(refusedBy.size >= 20, JSON.stringify([...refusedBy]));
    });
});
