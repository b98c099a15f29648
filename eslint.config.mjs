// @ts-check
import eslint from "@eslint/js";
import prettier from "eslint-config-prettier";
import tseslint from "typescript-eslint";

export default tseslint.config(
    // lib/ is the build. The examples are consumer programs with their own projects: the TypeScript one
    // is type-checked by tests/package/consumer.test.ts against the packed library, the others are
    // not TypeScript. tests/package/consumer/ holds files the consumer test adds to that program.
    { ignores: ["node_modules/", "bin/", "lib/", "examples/", "tests/package/consumer/"] },
    eslint.configs.recommended,
    ...tseslint.configs.recommendedTypeChecked,
    {
        languageOptions: {
            parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
        },
        rules: {
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
            "@typescript-eslint/consistent-type-imports": "off",
            "@typescript-eslint/explicit-module-boundary-types": "error",
            eqeqeq: "error",
            "no-console": "error",
        },
    },
    {
        files: ["**/*.mjs"],
        extends: [tseslint.configs.disableTypeChecked],
    },
    prettier,
);
