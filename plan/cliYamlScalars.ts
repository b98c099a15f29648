// How the Pulumi CLI reads a stack file's plain (unquoted) scalars, and the
// text it then hands the program. The CLI decodes stack files with go-yaml v3
// (gopkg.in/yaml.v3, resolve.go) into Go values, writes them out as YAML and
// decodes them again (sdk/go/common/workspace/loaders.go), and turns each
// value into text with Go's encoding/json (resource/config/object.go). So an
// unquoted 0755 is YAML 1.1's octal 493, 012345678901 (not octal: it has no
// valid octal digits after the 8) the float 12345678901, 1e3 the float 1000,
// and 2024-01-01 a time.Time printed as "2024-01-01 00:00:00 +0000 UTC".
// Quoted scalars, and plain ones none of these rules match, stay text.

/** A plain scalar as go-yaml v3 resolves it. */
export type CliScalar =
    | { readonly kind: "null" }
    | { readonly kind: "bool"; readonly value: boolean }
    /** An int64 or a uint64. */
    | { readonly kind: "int"; readonly value: bigint }
    | { readonly kind: "float"; readonly value: number }
    /** A timestamp, as Go's time.Time.String() prints it. */
    | { readonly kind: "timestamp"; readonly text: string }
    | { readonly kind: "str"; readonly value: string };

const NULLS = new Set(["", "~", "null", "Null", "NULL"]);
const TRUES = new Set(["true", "True", "TRUE"]);
const FALSES = new Set(["false", "False", "FALSE"]);
const NANS = new Set([".nan", ".NaN", ".NAN"]);
const INFINITIES = new Set([".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"]);
const NEGATIVE_INFINITIES = new Set(["-.inf", "-.Inf", "-.INF"]);
/** go-yaml's yamlStyleFloat. */
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const MAX_INT64 = (1n << 63n) - 1n;
const MAX_UINT64 = (1n << 64n) - 1n;

/** A plain scalar's text as go-yaml v3's `resolve` reads it when it has no tag. */
export function resolvePlainScalar(text: string): CliScalar {
    if (NULLS.has(text)) {
        return { kind: "null" };
    }
    if (TRUES.has(text) || FALSES.has(text)) {
        return { kind: "bool", value: TRUES.has(text) };
    }
    if (NANS.has(text)) {
        return { kind: "float", value: NaN };
    }
    if (INFINITIES.has(text) || NEGATIVE_INFINITIES.has(text)) {
        return { kind: "float", value: INFINITIES.has(text) ? Infinity : -Infinity };
    }
    const first = text[0];
    if (first === ".") {
        // Go's strconv.ParseFloat on the text as it is: underscores only between digits.
        const plain = goUnderscoresRemoved(text);
        if (plain !== undefined && /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(plain)) {
            const value = Number(plain);
            if (Number.isFinite(value)) {
                return { kind: "float", value };
            }
        }
        return { kind: "str", value: text };
    }
    if (!/^[-+0-9]/.test(text)) {
        return { kind: "str", value: text };
    }
    const timestamp = goTimestamp(text);
    if (timestamp !== undefined) {
        return { kind: "timestamp", text: timestamp };
    }
    const plain = text.replace(/_/g, "");
    const int = goParseInt(plain);
    if (int !== undefined) {
        return { kind: "int", value: int };
    }
    if (YAML_STYLE_FLOAT.test(plain)) {
        const value = Number(plain);
        if (Number.isFinite(value)) {
            return { kind: "float", value };
        }
    }
    return { kind: "str", value: text };
}

/**
 * strconv.ParseInt(text, 0, 64), else strconv.ParseUint(text, 0, 64): an
 * optional sign (ParseInt only), then `0b`, `0o`, `0x` (either case) or a
 * leading `0` for octal, else decimal.
 */
function goParseInt(text: string): bigint | undefined {
    const signed = /^[-+]/.test(text);
    const negative = text.startsWith("-");
    const magnitude = goParseUint(signed ? text.slice(1) : text);
    if (magnitude === undefined) {
        return undefined;
    }
    if (negative ? magnitude <= MAX_INT64 + 1n : magnitude <= MAX_INT64) {
        return negative ? -magnitude : magnitude;
    }
    // ParseUint takes no sign.
    return signed ? undefined : magnitude;
}

function goParseUint(text: string): bigint | undefined {
    if (text === "") {
        return undefined;
    }
    let base = 10;
    let digits = text;
    if (text[0] === "0") {
        const prefix = text.length >= 3 ? text[1].toLowerCase() : "";
        base = prefix === "b" ? 2 : prefix === "o" ? 8 : prefix === "x" ? 16 : 8;
        digits = prefix === "b" || prefix === "o" || prefix === "x" ? text.slice(2) : text.slice(1);
    }
    const allowed = { 2: /^[01]*$/, 8: /^[0-7]*$/, 10: /^[0-9]*$/, 16: /^[0-9a-fA-F]*$/ }[base]!;
    if (!allowed.test(digits) || (digits === "" && base !== 8)) {
        return undefined;
    }
    let value = 0n;
    for (const digit of digits) {
        value = value * BigInt(base) + BigInt(parseInt(digit, 16));
    }
    return value <= MAX_UINT64 ? value : undefined;
}

/** Text without its underscores, if Go allows them where they are (each between two digits), else undefined. */
function goUnderscoresRemoved(text: string): string | undefined {
    if (/(^|[^0-9])_|_($|[^0-9])/.test(text)) {
        return undefined;
    }
    return text.replace(/_/g, "");
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * go-yaml v3's parseTimestamp: `2006-1-2T15:4:5.999999999Z07:00` (or with
 * `t`), `2006-1-2 15:4:5.999999999` and `2006-1-2`, read by Go's time.Parse,
 * then printed by time.Time.String(). An offset of zero prints as UTC, as
 * it does where the CLI runs in UTC; another offset prints as e.g. `+0530 +0530`.
 */
function goTimestamp(text: string): string | undefined {
    const found =
        /^(\d{4})-(\d{1,2})-(\d{1,2})(?:([Tt ])(\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,](\d+))?(Z|[+-]\d{2}:\d{2})?)?$/.exec(
            text,
        );
    if (!found) {
        return undefined;
    }
    const [, year, month, day, separator, hour, minute, second, fraction, zone] = found;
    // The layouts with T or t need a zone; the one with a space takes none.
    if (separator !== undefined && (separator === " ") !== (zone === undefined)) {
        return undefined;
    }
    const y = Number(year);
    const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
    const m = Number(month);
    if (m < 1 || m > 12 || Number(day) < 1 || Number(day) > DAYS_IN_MONTH[m - 1] + (m === 2 && leap ? 1 : 0)) {
        return undefined;
    }
    if (separator !== undefined && (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59)) {
        return undefined;
    }
    let offset = 0;
    if (zone !== undefined && zone !== "Z") {
        const [hours, minutes] = [Number(zone.slice(1, 3)), Number(zone.slice(4, 6))];
        if (hours > 24 || minutes > 60) {
            return undefined;
        }
        offset = (zone[0] === "-" ? -1 : 1) * (hours * 60 + minutes);
    }
    const two = (value: string | number) => String(value).padStart(2, "0");
    // Nanoseconds: the first nine digits, trailing zeros dropped.
    const nanos = (fraction ?? "").slice(0, 9).replace(/0+$/, "");
    const clock = separator === undefined ? "00:00:00" : `${two(hour)}:${two(minute)}:${two(second)}`;
    const sign = offset < 0 ? "-" : "+";
    const zoneText =
        offset === 0 ? "+0000 UTC" : `${sign}${two(Math.floor(Math.abs(offset) / 60))}${two(Math.abs(offset) % 60)}`;
    const named = offset === 0 ? zoneText : `${zoneText} ${zoneText}`;
    return `${year}-${two(month)}-${two(day)} ${clock}${nanos ? `.${nanos}` : ""} ${named}`;
}

/**
 * A number as Go's encoding/json writes a float64, after the CLI's YAML round
 * trip (which turns -0 into the int 0). NaN and the infinities have no JSON:
 * the CLI refuses the stack file.
 */
export function goJsonFloat(value: number): string | undefined {
    if (!Number.isFinite(value)) {
        return undefined;
    }
    // JavaScript's shortest round-trip text switches to exponents where Go's
    // encoder does (below 1e-6 and from 1e21), and writes them as Go does.
    return Object.is(value, -0) ? "0" : String(value);
}

/** The text the CLI hands the program for a scalar that is not text: JSON, as encoding/json writes it. */
export function cliScalarText(scalar: CliScalar): string | undefined {
    switch (scalar.kind) {
        case "null":
            return "";
        case "bool":
            return String(scalar.value);
        case "int":
            return scalar.value.toString();
        case "float":
            return goJsonFloat(scalar.value);
        case "timestamp":
            return scalar.text;
        case "str":
            return scalar.value;
    }
}

/**
 * The text of a mapping key inside a config value that is not text: Go's
 * fmt `%v` of what go-yaml made of it, after the CLI's YAML round trip (a
 * float written out with strconv's shortest `%g` and read again, so 1e3 is the
 * int 1000 and 1e6 stays the float 1e+06; null is `<nil>`).
 */
export function cliKeyText(scalar: CliScalar): string {
    switch (scalar.kind) {
        case "null":
            return "<nil>";
        case "float": {
            const written = goFormatG(scalar.value);
            const again = resolvePlainScalar(written);
            return again.kind === "int" ? again.value.toString() : written;
        }
        default:
            return cliScalarText(scalar)!;
    }
}

/** strconv.FormatFloat(value, 'g', -1, 64): the shortest digits, with an exponent below 1e-4 and from 1e6. */
function goFormatG(value: number): string {
    if (Number.isNaN(value)) {
        return "NaN";
    }
    if (!Number.isFinite(value)) {
        return value > 0 ? "+Inf" : "-Inf";
    }
    const [mantissa, exponentText] = value.toExponential().split("e");
    const exponent = Number(exponentText);
    if (exponent < -4 || exponent >= 6) {
        const sign = exponent < 0 ? "-" : "+";
        return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, "0")}`;
    }
    return Object.is(value, -0) ? "-0" : String(value);
}

/** What a resolved scalar is, in words, for messages: `the number 493`, `the date-time "…"`. */
export function describeScalar(scalar: CliScalar): string {
    switch (scalar.kind) {
        case "null":
            return "no value";
        case "bool":
            return `the boolean ${scalar.value}`;
        case "int":
        case "float":
            return `the number ${cliScalarText(scalar) ?? String(scalar.value)}`;
        case "timestamp":
            return `the date-time ${JSON.stringify(scalar.text)}`;
        case "str":
            return `the text ${JSON.stringify(scalar.value)}`;
    }
}
