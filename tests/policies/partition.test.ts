import { strict as assert } from "assert";
import { partitionOfRegion, PINPOINT_PARTITIONS } from "../../components/policies/partition";

describe("the partition of a region", () => {
    const cases: [string, string | undefined][] = [
        ["us-east-1", "aws"],
        ["eu-central-2", "aws"],
        ["mx-central-1", "aws"],
        ["us-gov-west-1", "aws-us-gov"],
        ["cn-northwest-1", "aws-cn"],
        ["us-iso-east-1", "aws-iso"],
        ["us-isob-east-1", "aws-iso-b"],
        ["us-isof-south-1", "aws-iso-f"],
        ["eu-isoe-west-1", "aws-iso-e"],
        ["eusc-de-east-1", "aws-eusc"],
        ["us-east-1a", undefined],
        ["moon-base-1", undefined],
        ["", undefined],
    ];
    for (const [region, partition] of cases) {
        it(`${JSON.stringify(region)} → ${partition ?? "no partition"}`, () => {
            assert.equal(partitionOfRegion(region), partition);
        });
    }

    it("offers Pinpoint in aws and aws-us-gov only", () => {
        assert.deepEqual([...PINPOINT_PARTITIONS].sort(), ["aws", "aws-us-gov"]);
    });
});
