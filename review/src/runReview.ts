// `pinpoint-export-review`: the command line, as a function a test can call in
// the same process. Reads the change (a preview, or two stack exports), reviews
// every role, renders the review and decides the exit code.
import * as fs from "fs";
import { witnessEngine, WitnessEngine } from "./access/witnessEngine";
import { BaselineError } from "./inputs/baseline";
import { PreviewError, previewSteps, ReviewStep } from "./inputs/previewFile";
import { exportSteps } from "./inputs/stackExportPair";
import { readStackExport } from "./inputs/stackExport";
import { sharedSolver, SolverSession } from "./proof/solverProcess";
import { reviewAsJson } from "./render/reviewJson";
import { reviewAsMarkdown } from "./render/reviewMarkdown";
import { reviewAsText } from "./render/reviewText";
import { AcceptFileError, AcceptList, readAcceptList } from "./verdict/acceptList";
import { broadensUnaccepted, Review, reviewSteps } from "./verdict/reviewRoles";

/** The exit codes, as `--help` documents them. */
export const EXIT = {
    /** The review ran, and no gate that was asked for failed. */
    ok: 0,
    /** A file cannot be used: not found, not JSON, not a preview or stack export, a bad accept list. */
    badFile: 1,
    /** The command line is wrong. */
    badArguments: 2,
    /** With --fail-on-broadening: a role newly allows requests (proved or not decided) that no accepted entry covers. */
    broadens: 3,
    /** With --fail-on-replace: a role or policy would be replaced or deleted. */
    replaces: 4,
} as const;

export const USAGE = [
    "usage: pinpoint-export-review (--preview <file|-> | --before <export> --after <export>)",
    "         [--format text|json|markdown] [--accept <file>] [--fail-on-broadening] [--fail-on-replace]",
].join("\n");

export const HELP = [
    USAGE,
    "",
    "Reviews a change to AWS IAM roles: for every role, which requests the change newly allows or",
    "denies, proved for every request with Z3; whether the role is created, deleted or replaced.",
    "",
    "  --preview <file>        the output of `pulumi preview --json` (any program, any language);",
    "                          `-` reads it from stdin. `npm run plan -- --json` writes the same shape.",
    "  --before <file>         with --after: two outputs of `pulumi stack export`, before and after",
    "  --after <file>",
    "  --format <f>            text (default), json, or markdown (a PR comment, $GITHUB_STEP_SUMMARY)",
    "  --accept <file>         a reviewed list of expected broadening, as JSON:",
    '                          {"accepted": [{"role": "exports", "actions": ["s3:PutObject"],',
    '                            "resources": ["arn:aws:s3:::shop-exports/*"], "reason": "…",',
    '                            "expires": "2027-03-31"}]}',
    "                          role: the component, the role resource or its URN; expires: optional;",
    "                          the same in YAML where the file's name ends in .yaml or .yml",
    "  --fail-on-broadening    exit 3 when a role newly allows requests, or may, beyond the accept list",
    "  --fail-on-replace       exit 4 when a role or policy would be replaced or deleted",
    "  -h, --help              print this help",
    "",
    "Exit codes:",
    "  0  reviewed, and no gate that was asked for failed",
    "  1  a file cannot be used (or the review itself failed, with a stack trace)",
    "  2  bad arguments",
    "  3  with --fail-on-broadening: broadening, proved or not decided, that no accepted entry covers",
    "     (3 wins when both gates fail)",
    "  4  with --fail-on-replace: a role or policy replaced or deleted",
    "Witnesses are re-checked by @cloud-copilot/iam-simulate where it is installed (an optional peer).",
].join("\n");

/** What a run printed, and its exit code. */
export interface ReviewRun {
    readonly code: number;
    readonly stdout: string;
    readonly stderr: string;
}

type Format = "text" | "json" | "markdown";

interface ReviewArguments {
    readonly help?: boolean;
    readonly preview?: string;
    readonly before?: string;
    readonly after?: string;
    readonly format: Format;
    readonly accept?: string;
    readonly failOnBroadening: boolean;
    readonly failOnReplace: boolean;
}

/** The command line's options, or what is wrong with it. */
export function parseReviewArguments(argv: readonly string[]): ReviewArguments | string {
    const values: Record<string, string | undefined> = {};
    let format: Format = "text";
    let failOnBroadening = false;
    let failOnReplace = false;
    for (let index = 0; index < argv.length; index++) {
        const argument = argv[index];
        const [flag, inline] =
            argument.startsWith("--") && argument.includes("=") ? argument.split(/=(.*)/s) : [argument];
        if (flag === "--help" || flag === "-h") {
            return { help: true, format, failOnBroadening, failOnReplace };
        } else if (flag === "--fail-on-broadening") {
            failOnBroadening = true;
        } else if (flag === "--fail-on-replace") {
            failOnReplace = true;
        } else if (["--preview", "--before", "--after", "--accept", "--format"].includes(flag)) {
            const value = inline ?? argv[++index];
            if (value === undefined || value === "" || (value.startsWith("--") && inline === undefined)) {
                return `${flag} needs a value`;
            }
            values[flag.slice(2)] = value;
        } else {
            return `unknown argument ${JSON.stringify(argument)}`;
        }
    }
    if (values.format !== undefined) {
        if (!["text", "json", "markdown"].includes(values.format)) {
            return `--format is ${JSON.stringify(values.format)}; it must be text, json or markdown`;
        }
        format = values.format as Format;
    }
    const pair = values.before !== undefined || values.after !== undefined;
    if (values.preview !== undefined && pair) {
        return "give either --preview or --before and --after, not both";
    }
    if (pair && (values.before === undefined || values.after === undefined)) {
        return "--before and --after go together: give both stack exports";
    }
    if (values.preview === undefined && !pair) {
        return "give the change to review: --preview <file> (or - for stdin), or --before and --after";
    }
    return { ...values, format, failOnBroadening, failOnReplace };
}

/** What the review needs from its surroundings; tests give their own. */
export interface ReviewIo {
    /** All of stdin, for `--preview -`. */
    readonly readStdin: () => Promise<string>;
    /** Today, `YYYY-MM-DD`, for the accept list's expiry dates. */
    readonly today?: string;
    readonly session?: SolverSession;
    readonly engine?: WitnessEngine;
}

/** What a review of a parsed preview needs; all optional. */
export interface ReviewOptions {
    readonly session?: SolverSession;
    readonly engine?: WitnessEngine;
    readonly accept?: AcceptList;
    /** How the preview is named in messages. */
    readonly file?: string;
}

/** Reviews the parsed output of `pulumi preview --json`. */
export async function reviewPreview(preview: unknown, options: ReviewOptions = {}): Promise<Review> {
    return reviewSteps(previewSteps(preview, options.file ?? "the preview"), contextOf(options));
}

function contextOf(options: ReviewOptions) {
    return {
        session: options.session ?? sharedSolver(),
        engine: options.engine ?? witnessEngine(),
        accept: options.accept,
    };
}

function readJson(file: string, text: string, what: string): unknown {
    try {
        // Without the lines npm prints before a script's output (`> pinpoint-export@0.1.0 plan`), should
        // the file have been written with `npm run plan -- --json > file` rather than `npm run --silent`.
        return JSON.parse(text.replace(/^(?:\s*\n|> [^\n]*\n)+(?=\s*\{)/, ""));
    } catch (error) {
        throw new PreviewError(`${file} is not JSON (${(error as Error).message}); give ${what}.`);
    }
}

function readText(file: string): string {
    try {
        return fs.readFileSync(file, "utf8");
    } catch (error) {
        throw new PreviewError(`${file} cannot be read: ${(error as Error).message}`);
    }
}

/** Runs the command line `argv`. */
export async function runReview(argv: readonly string[], io: ReviewIo): Promise<ReviewRun> {
    const options = parseReviewArguments(argv);
    if (typeof options === "string") {
        return { code: EXIT.badArguments, stdout: "", stderr: `${options}\n${USAGE}\n` };
    }
    if (options.help) {
        return { code: EXIT.ok, stdout: `${HELP}\n`, stderr: "" };
    }
    let review: Review;
    try {
        const today = io.today ?? new Date().toISOString().slice(0, 10);
        const accept = options.accept !== undefined ? readAcceptList(options.accept, today) : undefined;
        let steps: ReviewStep[];
        if (options.preview !== undefined) {
            const file = options.preview === "-" ? "stdin" : options.preview;
            const text = options.preview === "-" ? await io.readStdin() : readText(options.preview);
            steps = previewSteps(readJson(file, text, "the output of `pulumi preview --json`"), file);
        } else {
            const exported = (file: string) =>
                readStackExport(
                    file,
                    readJson(file, readText(file), "the output of `pulumi stack export`") as Record<string, unknown>,
                );
            steps = exportSteps(exported(options.before!), exported(options.after!));
        }
        review = await reviewSteps(steps, contextOf({ session: io.session, engine: io.engine, accept }));
    } catch (error) {
        if (error instanceof PreviewError || error instanceof BaselineError || error instanceof AcceptFileError) {
            return { code: EXIT.badFile, stdout: "", stderr: `${error.message}\n` };
        }
        throw error;
    }
    const stdout =
        options.format === "json"
            ? `${JSON.stringify(reviewAsJson(review), null, 2)}\n`
            : options.format === "markdown"
              ? reviewAsMarkdown(review)
              : reviewAsText(review);
    const code =
        options.failOnBroadening && broadensUnaccepted(review)
            ? EXIT.broadens
            : options.failOnReplace &&
                (review.replacements.length > 0 || review.roles.some((r) => r.lifecycle === "deleted"))
              ? EXIT.replaces
              : EXIT.ok;
    return { code, stdout, stderr: "" };
}
