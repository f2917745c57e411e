import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: ["node_modules/**", ".next/**", "lib/db/generated/**", "tools/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    // Domain modules stay free of HTTP and framework code (STYLE.md: imports flow one way).
    files: ["lib/**/*.ts"],
    ignores: ["lib/http/**", "lib/auth/**", "lib/openapi/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["next/*", "next", "@/lib/http/*", "@/app/*", "@/components/*"] }],
    },
  },
];

export default config;
