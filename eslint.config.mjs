// @ts-check
import eslint from "@eslint/js";
import prettier from "eslint-config-prettier";
import tseslint from "typescript-eslint";

export default tseslint.config(
    // lib/ is the build. The examples are consumer programs with their own projects: the TypeScript one
    // is type-checked by tests/package/consumer.test.ts against the packed library, the others are
    // not TypeScript. tests/package/consumer/ holds files the consumer test adds to that program.
    { ignores: ["node_modules/", "bin/", "lib/", "review/lib/", "examples/", "tests/package/consumer/"] },
    eslint.configs.recommended,
    ...tseslint.configs.recommendedTypeChecked,
    {
        languageOptions: {
            // One TypeScript program for every file, the type-check's: the project service would build
            // another for review/ (its own tsconfig.json, for its package build), about 3 s of CPU more.
            parserOptions: { project: ["./tsconfig.check.json"], tsconfigRootDir: import.meta.dirname },
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
        // In the tests, the typed rules that catch a promise left unawaited (an assertion that
        // can never fail) stay on. The no-unsafe-* family, which flags values typed `any`, is off:
        // tests read JSON and SDK internals through casts on purpose, and these rules cost a
        // sixth of the lint's time (CONTRIBUTING.md, "Performance").
        files: ["tests/**/*.ts"],
        rules: {
            "@typescript-eslint/no-unsafe-assignment": "off",
            "@typescript-eslint/no-unsafe-return": "off",
            "@typescript-eslint/no-unsafe-argument": "off",
            "@typescript-eslint/no-unsafe-member-access": "off",
            "@typescript-eslint/no-unsafe-call": "off",
        },
    },
    {
        // Plain JavaScript: the config, and the transpile cache, which runs before TypeScript can.
        files: ["**/*.mjs", "**/*.cjs"],
        extends: [tseslint.configs.disableTypeChecked],
    },
    {
        files: ["**/*.cjs"],
        languageOptions: {
            sourceType: "commonjs",
            globals: {
                require: "readonly",
                module: "writable",
                __dirname: "readonly",
                __filename: "readonly",
                process: "readonly",
            },
        },
        rules: { "@typescript-eslint/no-require-imports": "off" },
    },
    prettier,
);
