// Generators of stack files as people write them, and get them wrong: YAML
// text for `npm run plan -- --config-file`. Valid stacks, stacks with wrong
// values or types under `pinpoint-export:` and `aws:`, YAML that is broken by
// an edit, duplicate keys, anchors and aliases (endless or self-containing
// ones too), deep nesting, long, control and non-ASCII text, and token soup.
import fc from "fast-check";
import * as yaml from "js-yaml";
import { SETTING_RULES } from "../../components/validation/exportRoleProblems";
import { validBucket, validFolder } from "./validInputs";

/** What a generated stack file is meant to be, for the share of each kind. */
export type StackFileKind = "valid" | "bad values" | "broken text";

/** A generated stack file. */
export interface StackFileText {
    readonly kind: StackFileKind;
    readonly text: string;
}

const SETTINGS = Object.keys(SETTING_RULES);
const REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "ap-southeast-2", "us-gov-west-1", "ca-central-1"];

const hex = (length: number) =>
    fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: length, maxLength: length });
const digits = (length: number) =>
    fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: length, maxLength: length });
const iamName = (max: number) =>
    fc.string({ unit: fc.constantFrom(..."abcXYZ019+=,.@_-"), minLength: 1, maxLength: max });

/**
 * Objects of `min` to `max` entries, from entries rather than with
 * fc.dictionary, whose values must be able to shrink without their context.
 */
function mapping<V>(key: fc.Arbitrary<string>, value: fc.Arbitrary<V>, min: number, max: number) {
    return fc
        .array(fc.tuple(key, value), { minLength: min, maxLength: max })
        .map((entries): Record<string, V> => Object.fromEntries(entries));
}

/** Tag keys and values: letters, digits, spaces and _ . : / = + - @. */
const tagText = (min: number, max: number) =>
    fc.string({ unit: fc.constantFrom(..."aZ09 _.:/=+-@é"), minLength: min, maxLength: max });

/** Settings every rule accepts on its own: bucket and folder, and any of the optional ones. */
const validSettings = fc.record(
    {
        bucket: validBucket,
        folder: validFolder,
        accountId: digits(12),
        applicationId: hex(32),
        region: fc.constantFrom(...REGIONS),
        roleName: iamName(64),
        policyName: iamName(128),
        path: fc.constantFrom("/", "/service-role/", "/pinpoint/exports/"),
        maxSessionDuration: fc.integer({ min: 3600, max: 43200 }),
        description: fc.string({ maxLength: 60, unit: fc.constantFrom(..."Exports for the café team .,-") }),
        tags: mapping(tagText(1, 20), tagText(0, 20), 0, 3),
        accessProfile: fc.constantFrom("documented", "writeOnly"),
    },
    { requiredKeys: ["bucket", "folder"] },
);

const anyCodeUnitOrPoint = fc.oneof(
    fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)),
    fc.integer({ min: 0x10000, max: 0x10ffff }).map((point) => String.fromCodePoint(point)),
);

/** Values of every type YAML has, and text no rule accepts. */
const anyValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
        { depthSize: "small" },
        // Any UTF-16 code unit, lone surrogates among them, and any astral code point: what
        // fast-check's "binary" unit gives, without the table it takes most of a second to build.
        fc.string({ unit: anyCodeUnitOrPoint, maxLength: 40 }),
        // Text beyond ASCII. (fast-check's "grapheme" unit costs a second to build.)
        fc.string({
            unit: fc.constantFrom(..."aé漢字Ωß", "😀", "e\u0301", "\u200b", "\u202e", "\ufeff"),
            maxLength: 40,
        }),
        fc.string({ minLength: 300, maxLength: 3000 }),
        // Very long: 10,000 to 250,000 characters.
        fc
            .tuple(fc.string({ minLength: 1, maxLength: 5 }), fc.integer({ min: 10_000, max: 50_000 }))
            .map(([text, times]) => text.repeat(times)),
        fc.integer(),
        fc.double(),
        fc.boolean(),
        fc.constant(null),
        fc.constantFrom("", " ", "s3://bucket/Exports", "Exp*orts", "../..", "arn:aws:s3:::bucket", "${aws:username}"),
        fc.array(tie("value"), { maxLength: 4 }),
        mapping(fc.string({ maxLength: 10 }), tie("value"), 0, 4),
        fc.constant({ secure: "AAABAKx2d0tXtF0=" }),
    ),
})).value;

/** Keys as they appear in stack files: ours, qualified or not, misspelt, and others'. */
const anyKey = fc.oneof(
    fc.constantFrom(...SETTINGS.map((setting) => `pinpoint-export:${setting}`)),
    fc.constantFrom(...SETTINGS),
    fc.constantFrom("pinpoint-export:Bucket", "pinpoint-export:bukket", "pinpoint-export:", "pinpoint-export"),
    fc.constantFrom("aws:region", "aws:profile", "aws:accessKey", "other:key", ":", "a:b:c"),
    fc.string({ maxLength: 20 }),
);

/** The settings as the `config:` of a stack file, `pinpoint-export:` keys, the region as `aws:region` or not. */
function configOf(settings: Record<string, unknown>, regionAsAws: boolean): Record<string, unknown> {
    const config: Record<string, unknown> = {};
    for (const [setting, value] of Object.entries(settings)) {
        config[setting === "region" && regionAsAws ? "aws:region" : `pinpoint-export:${setting}`] = value;
    }
    return config;
}

/** YAML as people and tools write it: block or flow style, plain or quoted. */
const dumped = (document: unknown) =>
    fc
        .record({ flowLevel: fc.constantFrom(-1, 1, 2), forceQuotes: fc.boolean(), lineWidth: fc.constantFrom(80, -1) })
        .map((options) => yaml.dump(document, { ...options, noRefs: true }));

const validStack: fc.Arbitrary<string> = fc
    .tuple(validSettings, fc.boolean())
    .chain(([settings, regionAsAws]) => dumped({ config: configOf(settings, regionAsAws) }));

/** A stack whose structure is right but some of whose values or keys are not. */
const stackWithBadValues: fc.Arbitrary<string> = fc
    .tuple(validSettings, fc.boolean(), mapping(anyKey, anyValue, 1, 4))
    .chain(([settings, regionAsAws, wrong]) =>
        dumped({ config: { ...configOf(settings, regionAsAws), ...wrong } }).map((text) => text),
    );

/** Characters YAML does not allow in a stream: C0 controls but tab and line breaks. */
const controlCharacter = fc
    .integer({ min: 0, max: 0x1f })
    .filter((code) => code !== 0x09 && code !== 0x0a && code !== 0x0d)
    .map((code) => String.fromCharCode(code));

/**
 * A line of a block-style stack changed the way an edit goes wrong, mostly so
 * that YAML itself refuses it: a key written twice, a tab or a stray space in
 * the indentation, a bracket or quote left open, a control character. Now
 * and then anything goes anywhere.
 */
const editedText = (text: fc.Arbitrary<string>) =>
    fc
        .tuple(
            text,
            fc.nat(),
            // Anything anywhere often leaves a valid stack, which costs the most to plan: now and then.
            fc.oneof(
                { arbitrary: fc.constantFrom("duplicate line", "indent", "tab", "open", "control"), weight: 39 },
                { arbitrary: fc.constant("anything"), weight: 1 },
            ),
            // Not "'": a quoted value would take it for an escaped quote.
            fc.constantFrom("[", "{", '"', "*", "!", "|", ">", "@", "`"),
            controlCharacter,
            fc.string({ unit: anyCodeUnitOrPoint, minLength: 1, maxLength: 8 }),
        )
        .map(([original, at, edit, opener, control, anything]) => {
            const lines = original.split("\n");
            // Past the first line, which may be indented or duplicated alone without harm.
            const index = 1 + (at % Math.max(1, lines.length - 2));
            const line = lines[index] ?? "";
            const column = at % (line.length + 1);
            switch (edit) {
                case "duplicate line":
                    lines.splice(index, 0, line);
                    break;
                case "indent":
                    lines[index] = ` ${line}`;
                    break;
                case "tab":
                    lines[index] = `\t${line}`;
                    break;
                case "open": {
                    // At the start of the value, where YAML reads it as syntax.
                    const value = line.indexOf(": ") + 2;
                    lines[index] = value > 1 ? `${line.slice(0, value)}${opener}${line.slice(value)}` : opener + line;
                    break;
                }
                case "control":
                    lines[index] = line.slice(0, column) + control + line.slice(column);
                    break;
                default:
                    lines[index] = line.slice(0, column) + anything + line.slice(column);
            }
            return lines.join("\n");
        });

/** Block-style YAML, one key to a line, as `pulumi config set` writes it. */
const blockStyle = (document: unknown) =>
    fc.boolean().map((forceQuotes) => yaml.dump(document, { forceQuotes, lineWidth: -1 }));

const validBlockStack = fc
    .tuple(validSettings, fc.boolean())
    .chain(([settings, regionAsAws]) => blockStyle({ config: configOf(settings, regionAsAws) }));

/** Stacks made endless, or self-containing, by aliases; deeply nested; in several documents. */
const structuralTraps = fc.oneof(
    fc.integer({ min: 2, max: 12 }).map((levels) => {
        const anchors = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"];
        for (let level = 1; level < levels; level++) {
            anchors.push(
                `a${level}: &a${level} [${Array(10)
                    .fill(`*a${level - 1}`)
                    .join(", ")}]`,
            );
        }
        return `${anchors.join("\n")}\nconfig:\n  pinpoint-export:tags: *a${levels - 1}\n`;
    }),
    fc.constantFrom(
        "config: &c\n  pinpoint-export:tags: *c\n",
        "x: &x [*x]\nconfig:\n  pinpoint-export:bucket: *x\n",
        "base: &base {pinpoint-export:bucket: example-bucket, pinpoint-export:folder: Exports}\nconfig:\n  <<: *base\n",
        "config:\n  pinpoint-export:bucket: example-bucket\n  pinpoint-export:folder: Exports\n---\nconfig: {}\n",
        "\ufeffconfig:\r\n  pinpoint-export:bucket: example-bucket\r\n  pinpoint-export:folder: Exports\r\n",
        "config:\n  pinpoint-export:folder: 2024-01-01\n  pinpoint-export:bucket: example-bucket\n",
        "config:\n  pinpoint-export:bucket:\n  pinpoint-export:folder: Exports\n",
        "config: !!binary aGVsbG8=\n",
        "- config\n",
        "config\n",
        "",
    ),
    fc
        .integer({ min: 1, max: 300 })
        .map((depth) => `config:\n  pinpoint-export:tags: ${"[".repeat(depth)}${"]".repeat(depth)}\n`),
    fc
        .integer({ min: 1, max: 200 })
        .map(
            (depth) =>
                `config:\n${Array.from({ length: depth }, (_, level) => `${"  ".repeat(level + 1)}k${level}:`).join("\n")} x\n`,
        ),
);

/** Token soup: what a YAML parser meets in a file that is not YAML at all. */
const tokenSoup = fc
    .array(
        fc.oneof(
            fc.constantFrom(
                "config:",
                "pinpoint-export:bucket:",
                "aws:region:",
                "\n",
                "  ",
                ": ",
                "- ",
                "[",
                "]",
                "{",
                "}",
            ),
            fc.constantFrom(
                ",",
                "&a ",
                "*a",
                "<<: ",
                "!!str ",
                "!foo ",
                "'",
                '"',
                "#",
                "---",
                "...",
                "? ",
                "|",
                ">",
                "\t",
                "%YAML 1.2",
            ),
            fc.string({ unit: anyCodeUnitOrPoint, maxLength: 6 }),
        ),
        { maxLength: 40 },
    )
    .map((tokens) => tokens.join(""));

/**
 * Any stack file, valid or not. `validShare` of them are valid stacks; twice
 * as many have bad values or keys; the rest are broken text. Valid ones
 * cost the most (the program runs and registers its resources), broken text
 * the least (the YAML parser refuses it).
 */
export function stackFileText(validShare: number): fc.Arbitrary<StackFileText> {
    const weight = (share: number) => Math.max(1, Math.round(share * 1000));
    return fc.oneof(
        { arbitrary: validStack.map((text) => ({ kind: "valid" as const, text })), weight: weight(validShare) },
        {
            arbitrary: stackWithBadValues.map((text) => ({ kind: "bad values" as const, text })),
            weight: weight(validShare * 2),
        },
        {
            arbitrary: fc
                .oneof(
                    { arbitrary: editedText(validBlockStack), weight: 8 },
                    { arbitrary: structuralTraps, weight: 1 },
                    { arbitrary: tokenSoup, weight: 2 },
                )
                .map((text) => ({ kind: "broken text" as const, text })),
            weight: weight(1 - validShare * 3),
        },
    );
}
