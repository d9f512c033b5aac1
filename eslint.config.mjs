import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";

// Next's and typescript-eslint's recommended rules, plus the project's own layering rules
// (README, "How the code is laid out"):
// - the Prisma client (and pg) is imported only by the data layer and the database tooling;
// - lib/ imports nothing from components/ or app/;
// - a client component ("use client") imports no module marked `import "server-only"`.
// Formatting is Prettier's (.prettierrc.json), so no stylistic rule here.

const ROOT = path.dirname(new URL(import.meta.url).pathname);

/** The files of lib/ that may query the database: each domain's data layer and the shared pieces it is built on. */
const DATA_LAYER = [
  "lib/db.ts",
  "lib/**/data.ts",
  "lib/**/data/**",
  "lib/**/access.ts",
  "lib/**/*-sql.ts",
  "lib/auth/account.ts",
  "lib/people/alerts.ts",
  "lib/referrals/repeat.ts",
  "lib/references.ts",
  "lib/export/snapshot.ts",
  "lib/search/saved.ts",
  "lib/submissions.ts",
  "lib/unique-violation.ts",
  "lib/http/server.ts",
];

const DATABASE_MODULES = [
  { name: "@/lib/db", allowTypeImports: true, message: "Only the data layer (lib/<domain>/data) queries the database." },
  {
    name: "@/lib/generated/prisma/client",
    allowTypeImports: true,
    message: "Only the data layer uses the Prisma client; import its types with `import type`.",
  },
  { name: "pg", message: "Only the data layer and the database tooling talk to PostgreSQL." },
  { name: "@prisma/adapter-pg", message: "Only lib/db.ts and the database tooling make a Prisma client." },
];

const PRISMA_BY_PATH = {
  group: ["**/generated/prisma/client"],
  allowTypeImports: true,
  message: "Import the Prisma client as @/lib/generated/prisma/client (types only outside the data layer).",
};
const LIB_IS_BELOW = {
  group: ["@/components/*", "@/app/*", "**/components/*", "**/app/*"],
  message: "lib/ is used by app/ and components/, never the other way round.",
};

/** Resolves "@/x/y" to a file of the repository, or null. */
function resolveLocal(source) {
  if (!source.startsWith("@/")) return null;
  const base = path.join(ROOT, source.slice(2));
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    if (existsSync(candidate) && !candidate.endsWith(path.sep)) {
      try {
        return readFileSync(candidate, "utf8");
      } catch {
        // a directory: try the next candidate
      }
    }
  }
  return null;
}

const serverOnly = new Map();
function isServerOnly(source) {
  if (source === "server-only") return true;
  if (!serverOnly.has(source)) serverOnly.set(source, /^import "server-only";/m.test(resolveLocal(source) ?? ""));
  return serverOnly.get(source);
}

const project = {
  rules: {
    "no-server-module-in-client": {
      meta: {
        type: "problem",
        docs: { description: 'A "use client" module imports no module marked `import "server-only"`.' },
        messages: {
          serverOnly:
            '"{{source}}" is server-only: a client component gets what it needs as props from a server component, or calls a server action.',
        },
        schema: [],
      },
      create(context) {
        const body = context.sourceCode.ast.body;
        const isClient = body.some((node) => node.type === "ExpressionStatement" && node.directive === "use client");
        if (!isClient) return {};
        return {
          ImportDeclaration(node) {
            if (node.importKind === "type") return;
            if (isServerOnly(node.source.value)) context.report({ node, messageId: "serverOnly", data: { source: node.source.value } });
          },
        };
      },
    },
  },
};

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  prettier,
  {
    plugins: { project },
    rules: {
      "project/no-server-module-in-client": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
  {
    files: ["app/**", "components/**"],
    rules: { "no-restricted-imports": ["error", { paths: DATABASE_MODULES, patterns: [PRISMA_BY_PATH] }] },
  },
  {
    files: ["lib/**"],
    ignores: DATA_LAYER,
    rules: { "no-restricted-imports": ["error", { paths: DATABASE_MODULES, patterns: [PRISMA_BY_PATH, LIB_IS_BELOW] }] },
  },
  {
    files: DATA_LAYER,
    rules: { "no-restricted-imports": ["error", { patterns: [LIB_IS_BELOW] }] },
  },
  globalIgnores([
    ".next/**",
    "out/**",
    "build/**",
    "next-env.d.ts",
    "lib/generated/**",
    "test-results/**",
    "playwright-report/**",
    ".data/**",
    "node_modules/**",
  ]),
]);
