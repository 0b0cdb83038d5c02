// The baseline of the `{ __typename }` benchmark: a plain Apollo Server 5 (startStandaloneServer, the same
// @apollo/server as the stack, no plugins, one-field schema) answering POST / with {"data":{"__typename":"Query"}}.
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";

const server = new ApolloServer({ typeDefs: `type Query { ok: Boolean }`, resolvers: { Query: { ok: () => true } } });
await startStandaloneServer(server, { listen: { port: Number(process.env.PORT), host: "127.0.0.1" } });
process.send?.("ready");
