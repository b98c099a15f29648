// Lines of at most 100 columns, for a terminal or a CI log.

/** The widest line the text output prints. */
export const WIDTH = 100;

/**
 * `text` broken at spaces into lines of at most `WIDTH` columns: the first
 * starting with `first`, the rest with `rest` (a hanging indent). A word
 * longer than a line (a long ARN) is cut where the line ends.
 */
export function wrapLines(text: string, first: string, rest: string = first): string[] {
    const lines: string[] = [];
    let line = first;
    let empty = true;
    const words = text.split(" ").filter((word) => word !== "");
    for (let word of words) {
        while (true) {
            const joined = empty ? `${line}${word}` : `${line} ${word}`;
            if (joined.length <= WIDTH) {
                line = joined;
                empty = false;
                break;
            }
            if (!empty) {
                lines.push(line);
                line = rest;
                empty = true;
                continue;
            }
            const room = WIDTH - line.length;
            lines.push(`${line}${word.slice(0, room)}`);
            word = word.slice(room);
            line = rest;
        }
    }
    if (!empty || lines.length === 0) {
        lines.push(line.trimEnd());
    }
    return lines;
}
