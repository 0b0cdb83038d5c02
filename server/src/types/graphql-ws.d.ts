// The server tsconfig resolves modules the Node 10 way, which ignores package "exports":
// point graphql-ws's ws adapter subpath at its types. Node itself resolves it through "exports".
declare module "graphql-ws/use/ws" {
  export * from "graphql-ws/dist/use/ws.cjs";
}
