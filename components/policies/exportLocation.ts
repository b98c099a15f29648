/**
 * Where the exports go: the folder as IAM and Pinpoint need to see it.
 * A folder may be given as `Exports`, `/Exports`, `Exports/` or `/a/b/`; inside
 * this package it is always handled as a key prefix with no leading slash and
 * exactly one trailing slash (`Exports/`, `a/b/`).
 */

/** The folder without slashes at either end: `/a/b/` → `a/b`. */
export function trimFolder(folder: string): string {
    return folder.replace(/^\/+/, "").replace(/\/+$/, "");
}

/** The folder as an S3 key prefix: `/a/b` → `a/b/`. */
export function folderPrefix(folder: string): string {
    return `${trimFolder(folder)}/`;
}

/** Every prefix from the top of the bucket down to the folder: `a/b` → `a/`, `a/b/`. */
export function ancestorPrefixes(folder: string): string[] {
    const segments = trimFolder(folder).split("/");
    return segments.map((_, depth) => `${segments.slice(0, depth + 1).join("/")}/`);
}

/** The `S3UrlPrefix` that Pinpoint's CreateExportJob takes: `s3://bucket/a/b/`. */
export function s3UrlPrefix(bucket: string, folder: string): string {
    return `s3://${bucket}/${folderPrefix(folder)}`;
}
