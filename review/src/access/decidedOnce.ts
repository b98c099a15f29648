// An answer kept for the rest of the process, unless it was not decided: the
// same documents always compare the same way, but an answer the solver could
// not give (its process died or ran out of time) is asked again next time.

/**
 * `answer`, memoised by the JSON of its first argument (the question; the
 * others, such as the solver's session, do not change the answer), except
 * the answers `undecided` says were not decided, and failures.
 */
export function decidedOnce<Q, R extends unknown[], A>(
    answer: (question: Q, ...rest: R) => Promise<A>,
    undecided: (found: A) => boolean,
): (question: Q, ...rest: R) => Promise<A> {
    const kept = new Map<string, Promise<A>>();
    return (question, ...rest) => {
        const key = JSON.stringify(question);
        let found = kept.get(key);
        if (!found) {
            found = answer(question, ...rest);
            kept.set(key, found);
            found.then(
                (value) => undecided(value) && kept.delete(key),
                () => kept.delete(key),
            );
        }
        return found;
    };
}
