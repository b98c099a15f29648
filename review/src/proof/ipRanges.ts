// Addresses as IAM's `IpAddress` and `NotIpAddress` compare them: an IPv4 or
// IPv6 CIDR (a bare address is its own /32 or /128) is a range of numbers,
// and a request's address (`aws:SourceIp`) is one number of one family. An
// IPv4 range never holds an IPv6 address, nor the reverse. The ranges a
// policy names split each family into finitely many intervals, each alike to
// every range: the key's values, as numbers are split by their thresholds.

/** A range of addresses of one family. */
export interface IpRange {
    readonly family: 4 | 6;
    readonly first: bigint;
    readonly last: bigint;
    /** As the policy writes it, e.g. `10.0.0.0/8`. */
    readonly text: string;
}

/** One interval of a family's addresses that every range named holds whole or not at all. */
export interface IpInterval {
    readonly family: 4 | 6;
    /** An address of the interval, for a witness, e.g. `10.0.0.1`. */
    readonly witness: string;
    /** Whether each range (in the order given) holds the interval. */
    readonly inside: readonly boolean[];
}

const BITS = { 4: 32, 6: 128 } as const;

/** The range a CIDR (or a bare address) names; undefined when it is not one. */
export function parseCidr(text: string): IpRange | undefined {
    const [address, prefix, extra] = text.trim().split("/");
    if (extra !== undefined) {
        return undefined;
    }
    const parsed = parseAddress(address);
    if (!parsed) {
        return undefined;
    }
    const bits = BITS[parsed.family];
    const length = prefix === undefined ? bits : /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
    if (!(length >= 0 && length <= bits)) {
        return undefined;
    }
    const hostBits = BigInt(bits - length);
    const first = (parsed.value >> hostBits) << hostBits;
    return { family: parsed.family, first, last: first + (1n << hostBits) - 1n, text };
}

function parseAddress(text: string): { family: 4 | 6; value: bigint } | undefined {
    if (/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) {
        const parts = text.split(".").map(Number);
        if (parts.some((part) => part > 255)) {
            return undefined;
        }
        return { family: 4, value: parts.reduce((value, part) => (value << 8n) | BigInt(part), 0n) };
    }
    if (!/^[0-9a-fA-F:]+$/.test(text) || text.split("::").length > 2) {
        return undefined;
    }
    const [head, tail] = text.includes("::") ? text.split("::") : [text, undefined];
    const groups = (part: string) => (part === "" ? [] : part.split(":"));
    const before = groups(head);
    const after = tail === undefined ? [] : groups(tail);
    const missing = 8 - before.length - after.length;
    if ((tail === undefined && missing !== 0) || missing < 0) {
        return undefined;
    }
    const all = [...before, ...Array<string>(missing).fill("0"), ...after];
    if (all.some((group) => !/^[0-9a-fA-F]{1,4}$/.test(group))) {
        return undefined;
    }
    return { family: 6, value: all.reduce((value, group) => (value << 16n) | BigInt(parseInt(group, 16)), 0n) };
}

/** An address as text: dotted for IPv4, eight groups joined by `:` (compressed) for IPv6. */
export function formatAddress(family: 4 | 6, value: bigint): string {
    if (family === 4) {
        return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 255n)).join(".");
    }
    const groups = [112n, 96n, 80n, 64n, 48n, 32n, 16n, 0n].map((shift) => ((value >> shift) & 0xffffn).toString(16));
    return groups.join(":").replace(/(^|:)0(:0)+(:|$)/, "::");
}

/** The intervals of both families that `ranges` split them into: each family at least one. */
export function ipIntervals(ranges: readonly IpRange[]): IpInterval[] {
    const intervals: IpInterval[] = [];
    for (const family of [4, 6] as const) {
        const end = 1n << BigInt(BITS[family]);
        const own = ranges.filter((range) => range.family === family);
        const cuts = [...new Set([0n, ...own.flatMap((range) => [range.first, range.last + 1n])])]
            .filter((cut) => cut < end)
            .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        cuts.forEach((first, index) => {
            const last = (index + 1 < cuts.length ? cuts[index + 1] : end) - 1n;
            // Not the network's own address where there is another: 10.0.0.1, not 10.0.0.0.
            const witness = last > first + 1n ? first + 1n : first;
            intervals.push({
                family,
                witness: formatAddress(family, witness),
                inside: ranges.map((range) => range.family === family && range.first <= first && last <= range.last),
            });
        });
    }
    return intervals;
}
