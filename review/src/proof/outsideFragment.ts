// The one error of building a request space: a policy, or a variable, lies
// outside what the proof encodes. The question is then "not decided", with
// these reasons, never "no".

/** Why the space could not be built: the parts outside what the proof decides. */
export class OutsideFragmentError extends Error {
    constructor(readonly reasons: readonly string[]) {
        super(reasons.join("; "));
    }
}
