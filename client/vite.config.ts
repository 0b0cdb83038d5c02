import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { graphqlDocuments } from "./vite/graphql-documents";

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  plugins: [graphqlDocuments(path.join(root, "src", "gql")), react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // dist/.vite/manifest.json: the chunk graph, for the benchmark's initial-JS figure (tests/bench/lighthouse.mjs).
    manifest: true,
    // antd is one large vendor chunk shared by every route; the limit only warns.
    chunkSizeWarningLimit: 1200,
  },
  server: {
    port: 5173,
    proxy: {
      "/graphql": { target: "http://localhost:4000", ws: true, changeOrigin: true },
    },
  },
});
