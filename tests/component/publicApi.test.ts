import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import * as library from "../../components";
import { PROJECT_DIR } from "../../tools/projectDir";

const ENTRY = path.join(PROJECT_DIR, "components", "index.ts");

/** What components/index.ts exports: each name, whether it is a type only, and the file it comes from. */
function exportsOfEntry(): { name: string; typeOnly: boolean; file: string }[] {
    const entry = ts.createSourceFile(ENTRY, fs.readFileSync(ENTRY, "utf8"), ts.ScriptTarget.Latest, true);
    return entry.statements.flatMap((statement) => {
        assert.ok(
            ts.isExportDeclaration(statement) || ts.isImportDeclaration(statement),
            `components/index.ts only re-exports: ${statement.getText()}`,
        );
        if (!ts.isExportDeclaration(statement)) {
            return [];
        }
        const from = (statement.moduleSpecifier as ts.StringLiteral).text;
        const file = path.join(path.dirname(ENTRY), `${from}.ts`);
        const names = (statement.exportClause as ts.NamedExports).elements.map((element) => element.name.text);
        return names.map((name) => ({ name, typeOnly: statement.isTypeOnly, file }));
    });
}

/** Whether the top-level declaration of `name` in `file` carries a `/** *\/` comment (each, for a merged name). */
function isDocumented(name: string, file: string): boolean {
    const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    const declarations = source.statements.filter((statement) =>
        ts.isVariableStatement(statement)
            ? statement.declarationList.declarations.some((declaration) => declaration.name.getText() === name)
            : (statement as ts.DeclarationStatement).name?.getText() === name,
    );
    return (
        declarations.length > 0 &&
        declarations.every((declaration) => ts.getJSDocCommentsAndTags(declaration).length > 0)
    );
}

describe('the library\'s public API (what `import ... from "pinpoint-export"` gives)', () => {
    it("is the component, its arguments and profiles, its checks and error, and the two policy builders", () => {
        assert.deepEqual(
            exportsOfEntry()
                .map(({ name, typeOnly }) => `${name}${typeOnly ? " (type)" : ""}`)
                .sort(),
            [
                "AccessProfile",
                "ExportPolicyInputs (type)",
                "ExportRole",
                "ExportRoleArgs (type)",
                "ExportRoleInputError",
                "PolicyDocument (type)",
                "Problem (type)",
                "TrustPolicyInputs (type)",
                "buildExportPolicy",
                "buildTrustPolicy",
                "checksOf",
                "renderPolicy",
            ].sort(),
        );
        // At run time, the values alone.
        assert.deepEqual(
            Object.keys(library).sort(),
            [
                "AccessProfile",
                "ExportRole",
                "ExportRoleInputError",
                "buildExportPolicy",
                "buildTrustPolicy",
                "checksOf",
                "renderPolicy",
            ].sort(),
        );
    });

    it("has a doc comment on every name it exports", () => {
        for (const { name, file } of exportsOfEntry()) {
            assert.ok(isDocumented(name, file), `${name} in ${path.relative(PROJECT_DIR, file)} has no /** */ comment`);
        }
    });

    it("offers the access profiles as values, for a program that wants to name one", () => {
        assert.deepEqual(library.AccessProfile, { documented: "documented", writeOnly: "writeOnly" });
    });
});
