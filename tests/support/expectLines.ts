import { strict as assert } from "assert";

/** Asserts that each of `lines` is a whole line of `text`; the message shows the text. */
export function expectLines(text: string, lines: readonly string[]): void {
    const present = new Set(text.split("\n"));
    const missing = lines.filter((line) => !present.has(line));
    assert.deepEqual(missing, [], `missing lines in:\n${text}`);
}
