// The second engine that re-checks each witness: @cloud-copilot/iam-simulate,
// an optional peer of the package. It is AGPL-3.0, so the review never needs
// it to run: where it is not installed, the witnesses are not re-checked, and
// the output says so.
import * as fs from "fs";
import * as path from "path";
import { checkWitness, WitnessCheck } from "./witnessCheck";

/** The engine that re-checks witnesses, and how the output names it. */
export interface WitnessEngine {
    /** e.g. `@cloud-copilot/iam-simulate 0.1.173`; `none` when it is not installed. */
    readonly name: string;
    readonly check: typeof checkWitness;
}

const PACKAGE = "@cloud-copilot/iam-simulate";

/** What is said of a witness when no engine is installed to re-check it. */
const NOT_INSTALLED: WitnessCheck = {
    outcome: "not checked",
    why: `${PACKAGE} is not installed (an optional peer, AGPL-3.0), so no second engine re-checked it`,
};

/** iam-simulate where it can be loaded from here, else an engine that checks nothing and says so. */
export function witnessEngine(): WitnessEngine {
    let entry: string;
    try {
        entry = require.resolve(PACKAGE);
    } catch {
        return { name: "none", check: () => Promise.resolve(NOT_INSTALLED) };
    }
    return { name: `${PACKAGE} ${versionAbove(entry) ?? ""}`.trim(), check: checkWitness };
}

/** The version in the package.json of iam-simulate above its entry point (the package exports no package.json). */
function versionAbove(file: string): string | undefined {
    for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
        try {
            const manifest = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as {
                name?: string;
                version?: string;
            };
            if (manifest.name === PACKAGE) {
                return manifest.version;
            }
        } catch {
            // no package.json here: look further up
        }
    }
    return undefined;
}
