import { createRequire } from "node:module";
import swc from "unplugin-swc";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

// type-graphql and TypeORM need decorator metadata, which esbuild does not emit: SWC compiles the tests.
// graphql is aliased to one copy so the schema and the tests never meet two realms (STACK-NOTES).
const shared = {
  plugins: [swc.vite({ module: { type: "es6" } })],
  resolve: { alias: { graphql: require.resolve("graphql") } },
};

export default defineConfig({
  test: {
    projects: [
      {
        ...shared,
        test: {
          name: "server",
          include: ["server/src/**/*.test.ts", "tests/api/**/*.test.ts"],
          environment: "node",
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: "forks",
        },
      },
      {
        ...shared,
        test: {
          name: "browser",
          include: ["tests/browser/**/*.test.ts"],
          // Pages load data after they render; give the first load time on a busy 2-core machine.
          expect: { poll: { timeout: 20_000, interval: 100 } },
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
