// Addresses as IpAddress and NotIpAddress compare them, and dates as the Date
// operators do: the pure layers under the proof's address and date keys.
import { strict as assert } from "assert";
import { formatIamDate, parseIamDate } from "../../../review/src/proof/dateValues";
import { formatAddress, ipIntervals, parseCidr } from "../../../review/src/proof/ipRanges";

describe("addresses and dates, as the proof compares them", () => {
    it("reads IPv4 and IPv6 CIDRs, and a bare address as its own /32 or /128", () => {
        const v4 = parseCidr("10.1.2.3/8")!;
        assert.deepEqual(
            [v4.family, formatAddress(4, v4.first), formatAddress(4, v4.last)],
            [4, "10.0.0.0", "10.255.255.255"],
        );
        const v6 = parseCidr("2001:DB8::/32")!;
        assert.deepEqual([v6.family, formatAddress(6, v6.first)], [6, "2001:db8::"]);
        assert.equal(parseCidr("192.0.2.7")!.last, parseCidr("192.0.2.7")!.first);
        assert.equal(parseCidr("::1")!.family, 6);
        for (const bad of ["10.0.0.256/8", "10.0.0.0/33", "2001:db8::/129", "1:2:3", "a::b::c", "example.com"]) {
            assert.equal(parseCidr(bad), undefined, bad);
        }
    });

    it("splits each family into intervals every range holds whole or not at all, with a witness inside", () => {
        const ranges = [parseCidr("10.0.0.0/8")!, parseCidr("10.1.0.0/16")!];
        const intervals = ipIntervals(ranges);
        assert.deepEqual(
            intervals
                .filter((interval) => interval.family === 4)
                .map((interval) => [interval.witness, interval.inside]),
            [
                ["0.0.0.1", [false, false]],
                ["10.0.0.1", [true, false]],
                ["10.1.0.1", [true, true]],
                ["10.2.0.1", [true, false]],
                ["11.0.0.1", [false, false]],
            ],
        );
        assert.deepEqual(
            intervals.filter((interval) => interval.family === 6).map((interval) => interval.inside),
            [[false, false]],
        );
    });

    it("never lets an IPv4 range hold an IPv6 address, even one of the same number", () => {
        const intervals = ipIntervals([parseCidr("10.0.0.0/8")!, parseCidr("::a00:0/104")!]);
        const sameNumber = intervals.find((interval) => interval.family === 6 && interval.inside[1])!;
        assert.deepEqual(sameNumber.inside, [false, true]);
    });

    it("reads ISO 8601 dates and epoch seconds as the same instants", () => {
        assert.equal(parseIamDate("2027-01-01T00:00:00Z"), parseIamDate("1798761600"));
        assert.equal(parseIamDate("2027-01-01"), parseIamDate("2027-01-01T00:00:00Z"));
        assert.equal(parseIamDate("2027-01-01T01:00:00+01:00"), parseIamDate("2027-01-01"));
        assert.equal(parseIamDate("next tuesday"), undefined);
        assert.equal(formatIamDate(parseIamDate("2027-01-01")!), "2027-01-01");
        assert.equal(formatIamDate(parseIamDate("2027-01-01T12:30:00Z")!), "2027-01-01T12:30:00Z");
    });
});
