import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "graphql";
import type { Plugin } from "vite";

/**
 * Replaces each `graphql(`…`)` call with the parsed document generated for it in
 * `src/gql/graphql.ts`, inlined, so each lazy chunk carries only its own documents. Without it,
 * `src/gql/gql.ts` (and `graphql.ts`, one module) put every document of the app, admin
 * included, into the first download.
 */
export function graphqlDocuments(gqlDir: string): Plugin {
  const generated = path.join(gqlDir, "graphql.ts");
  let documents: Map<string, string> | undefined;

  const exportName = (source: string): string => {
    const definition = parse(source).definitions[0];
    if (definition?.kind === "FragmentDefinition") {
      const pascal = definition.name.value
        .split("_")
        .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
        .join("_");
      return `${pascal}FragmentDoc`;
    }
    if (definition?.kind === "OperationDefinition" && definition.name) return `${definition.name.value}Document`;
    throw new Error("graphql(): every document needs a named operation or fragment first");
  };

  return {
    name: "bianmin:graphql-documents",
    apply: "build",
    enforce: "pre",
    buildStart() {
      const source = readFileSync(generated, "utf8");
      documents = new Map(
        [...source.matchAll(/^export const (\w+) = (\{.*\}) as unknown as DocumentNode/gm)].map((m) => [m[1]!, m[2]!]),
      );
    },
    transform(code, id) {
      if (!/\.tsx?$/.test(id) || id.startsWith(gqlDir) || !code.includes("graphql(`")) return null;
      const transformed = code.replace(/\bgraphql\(`([^`]*)`\)/g, (_, source: string) => {
        const name = exportName(source);
        const document = documents?.get(name);
        if (!document) this.error(`${name} is not in ${generated}: run "npm run codegen"`);
        return `(${document})`;
      });
      return { code: transformed, map: null };
    },
  };
}
