/**
 * The candidate a mistyped key most likely meant: the only one within two
 * edits of it (a character added, dropped, changed, or two swapped; case does
 * not count), or `undefined` when none is that close or several are.
 */
export function nearestKey(key: string, candidates: readonly string[]): string | undefined {
    const MAX_EDITS = 2;
    const scored = candidates.map((candidate) => ({
        candidate,
        edits: editDistance(key.toLowerCase(), candidate.toLowerCase()),
    }));
    const best = Math.min(...scored.map((score) => score.edits));
    const nearest = scored.filter((score) => score.edits === best);
    return best <= MAX_EDITS && nearest.length === 1 ? nearest[0].candidate : undefined;
}

/** The number of single-character edits, counting a swap of neighbours as one, that turn `a` into `b`. */
function editDistance(a: string, b: string): number {
    const rows = Array.from({ length: a.length + 1 }, (_, i) =>
        Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
    );
    for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
                rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
            }
        }
    }
    return rows[a.length][b.length];
}
