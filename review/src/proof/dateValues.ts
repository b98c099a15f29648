// Dates as IAM's `Date…` operators compare them: a condition value, and a
// request's value (`aws:CurrentTime`, `aws:EpochTime`, `aws:TokenIssueTime`),
// are an ISO 8601 date or time, or seconds since the epoch. Both are read as
// milliseconds since the epoch, and compared as numbers are.

/** The milliseconds since the epoch a date value stands for; undefined when it is not a date. */
export function parseIamDate(text: string): number | undefined {
    const trimmed = text.trim();
    if (/^\d{1,12}$/.test(trimmed)) {
        return Number(trimmed) * 1000;
    }
    // A date, or a date and time with an optional zone (without one, UTC, as AWS reads it).
    const iso = /^(\d{4}-\d\d-\d\d)(?:T(\d\d:\d\d(?::\d\d(?:\.\d+)?)?)(Z|[+-]\d\d:?\d\d)?)?$/.exec(trimmed);
    if (!iso) {
        return undefined;
    }
    const zone = iso[3] ?? "Z";
    const time = Date.parse(`${iso[1]}T${iso[2] ?? "00:00:00"}${zone}`);
    return Number.isFinite(time) ? time : undefined;
}

/** A date as a reader reads it: `2027-01-01` at midnight UTC, else `2027-01-01T12:30:00Z`. */
export function formatIamDate(ms: number): string {
    const iso = new Date(ms).toISOString();
    return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.replace(/\.000Z$/, "Z");
}

/** The value a request carries for a date key at `ms`: seconds for `aws:EpochTime`, ISO 8601 otherwise. */
export function requestDate(key: string, ms: number): string {
    return key.toLowerCase() === "aws:epochtime"
        ? String(ms / 1000)
        : new Date(ms).toISOString().replace(/\.000Z$/, "Z");
}
