import * as path from "path";

/** The repository's root: the Pulumi project (Pulumi.yaml, index.ts) and the npm package. */
export const PROJECT_DIR = path.resolve(__dirname, "..");
