// `npm run schema`: regenerates schema.json, the package schema that
// `pulumi package add` derives from the TypeScript source. Commit the result;
// the schema test fails while the two differ.
import * as fs from "fs";
import { packageSchema, SCHEMA_FILE } from "./packageSchema";

async function main(): Promise<void> {
    const schema = await packageSchema();
    fs.writeFileSync(SCHEMA_FILE, `${JSON.stringify(schema, null, 4)}\n`);
    process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
}

main().catch((error: unknown) => {
    process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
});
