import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { secretConfigKeys } from "../../program/secretConfigKeys";

// The stack program's one use of a private part of @pulumi/pulumi. It runs
// under the newest SDK of the peer range here, and under the oldest in
// tests/package/oldestSdk.test.ts.
describe("the config keys the stack holds as secrets", () => {
    after(() => pulumi.runtime.setAllConfig({}));

    it("are those the engine names as secret, whatever their values", () => {
        pulumi.runtime.setAllConfig(
            { "pinpoint-export:accountId": "123456789012", "pinpoint-export:bucket": "b", "aws:region": "us-east-1" },
            ["pinpoint-export:accountId", "aws:region"],
        );
        assert.deepEqual(
            [...secretConfigKeys(["pinpoint-export:accountId", "pinpoint-export:bucket", "aws:region", "other:key"])],
            ["pinpoint-export:accountId", "aws:region"],
        );
    });

    it("are none when the engine names none", () => {
        pulumi.runtime.setAllConfig({ "pinpoint-export:bucket": "b" });
        assert.deepEqual([...secretConfigKeys(["pinpoint-export:bucket"])], []);
    });
});
