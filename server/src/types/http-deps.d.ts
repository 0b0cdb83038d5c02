// Small packages the GraphQL HTTP path (http/graphql-http.ts) uses as Express does; they ship no types.
declare module "cookie" {
  export function parse(header: string): Record<string, string | undefined>;
  export function serialize(name: string, value: string, options?: { httpOnly?: boolean; sameSite?: "lax" | "strict" | "none"; secure?: boolean; path?: string; expires?: Date }): string;
}
declare module "compressible" {
  export default function compressible(type: string): boolean | undefined;
}
declare module "etag" {
  export default function etag(entity: string | Buffer, options?: { weak?: boolean }): string;
}
declare module "proxy-addr" {
  import type { IncomingMessage } from "node:http";
  type Trust = (address: string, index: number) => boolean;
  function proxyAddr(req: IncomingMessage, trust: Trust): string;
  namespace proxyAddr {
    function compile(value: string | string[]): Trust;
  }
  export default proxyAddr;
}
