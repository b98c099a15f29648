// The floor of the test loop: mocha, ts-node and one trivial test under the
// Pulumi mocks. `npm run bench` compares the real suite with it.
import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";

describe("the floor", () => {
    it("creates one output under mocks", async () => {
        await pulumi.runtime.setMocks({ newResource: () => ({ id: "id", state: {} }), call: () => ({}) });
        assert.equal(await new Promise((resolve) => pulumi.output(1).apply(resolve)), 1);
    });
});
