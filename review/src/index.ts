// pinpoint-export-review: the review of IAM changes in `pulumi preview --json`,
// as a library. The bin (cli/main.ts) is a thin wrapper over `runReview`.
export { EXIT, HELP, parseReviewArguments, reviewPreview, runReview, USAGE } from "./runReview";
export type { ReviewIo, ReviewOptions, ReviewRun } from "./runReview";
export type { NewlyAllowed, Review, RoleReview, Replacement } from "./verdict/reviewRoles";
export { reviewAsJson } from "./render/reviewJson";
export { reviewAsMarkdown } from "./render/reviewMarkdown";
export { reviewAsText } from "./render/reviewText";
export { readAcceptList } from "./verdict/acceptList";
export type { AcceptedEntry, AcceptList } from "./verdict/acceptList";
export { SolverSession } from "./proof/solverProcess";
