import http from "node:http";
import zlib from "node:zlib";
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLRequest } from "@apollo/server";
import { serialize as serializeCookie } from "cookie";
import compressible from "compressible";
import etag from "etag";
import proxyAddr from "proxy-addr";
import type { Config } from "../config";
import type { CookieJar } from "../common/context";
import { describeError } from "../common/redact";

/**
 * POST and GET /graphql straight from node:http to Apollo's executeHTTPGraphQLRequest, as Apollo's own standalone
 * server does, instead of through Express (router, middleware chain, body-parser, compression's stream, res.send).
 * Issue 11 §1: Express was most of the fixed cost above a plain Apollo Server. The answer is the one Express gave:
 * the same status, headers (Content-Type, Cache-Control, Set-Cookie, WWW-Authenticate, ETag, Vary), compression above
 * the same threshold with the same choice of encoding, the same 200 kB JSON limit, the same client address (TRUST_PROXY)
 * and the same error body for JSON that does not parse. Anything unusual (another path or method, another content
 * type or charset, a compressed or chunked request body, a body over the limit) is left to Express (`false`), which
 * answers it as before.
 */
export interface GraphQLHttpOptions<C extends BaseContext> {
  apollo: ApolloServer<C>;
  config: Config;
  /** The request context (throws AppError for refused credentials and rate limits; Apollo answers those). */
  context: (req: http.IncomingMessage, clientKey: string, cookies: CookieJar) => Promise<C>;
  /** Request bodies above this many bytes go to Express (413 there). */
  limitBytes: number;
  /** Answers of at least this many bytes are compressed when the client takes br, gzip or deflate. */
  compressThreshold: number;
}

const JSON_UTF8 = /^application\/json\s*(?:;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;
const NO_TRANSFORM = /(?:^|,)\s*?no-transform\s*?(?:,|$)/i;
const BROTLI = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } }; // compression's default level

/** The client address as Express's `req.ip` gives it with `trust proxy` set to config.trustProxy. */
export function clientAddress(trustProxy: Config["trustProxy"]): (req: http.IncomingMessage) => string {
  if (!trustProxy) return (req) => req.socket.remoteAddress ?? "unknown";
  const trust = proxyAddr.compile(trustProxy);
  return (req) => proxyAddr(req, trust) ?? "unknown";
}

/**
 * The encoding `compression` picks (br, gzip, deflate; ties in that order), or null for identity. No Accept-Encoding:
 * identity. An encoding is acceptable when named with q > 0 or covered by `*` with q > 0.
 */
export function encodingFor(accept: string | undefined): "br" | "gzip" | "deflate" | null {
  if (!accept) return null;
  const q = new Map<string, number>();
  for (const part of accept.split(",")) {
    const [name, ...params] = part.trim().split(";");
    const token = name.trim().toLowerCase();
    if (!token) continue;
    const qParam = params.map((p) => p.trim()).find((p) => /^q=/i.test(p));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isNaN(value) && !q.has(token)) q.set(token, value);
  }
  let best: "br" | "gzip" | "deflate" | null = null;
  let bestQ = 0;
  for (const name of ["br", "gzip", "deflate"] as const) {
    const value = q.get(name) ?? q.get("*") ?? 0;
    if (value > bestQ) [best, bestQ] = [name, value];
  }
  const identity = q.get("identity");
  return best && !(identity !== undefined && identity > bestQ) ? best : null;
}

const compress = (method: "br" | "gzip" | "deflate", body: Buffer) =>
  new Promise<Buffer>((resolve, reject) => {
    const done = (error: Error | null, out: Buffer) => (error ? reject(error) : resolve(out));
    if (method === "br") zlib.brotliCompress(body, BROTLI, done);
    else if (method === "gzip") zlib.gzip(body, done);
    else zlib.deflate(body, done);
  });

/** body-parser's strict JSON (an object or array; empty is {}), with its error message for the 400 answer. */
function parseJsonBody(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  const str = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // iconv-lite drops a byte-order mark
  if (str.length === 0) return { ok: true, value: {} };
  const first = /^[ \t\n\r]*([^ \t\n\r]|$)/.exec(str)?.[1] || undefined;
  try {
    if (first !== "{" && first !== "[") {
      // body-parser's createStrictSyntaxError: the message JSON.parse gives at that character
      const index = first === undefined ? -1 : str.indexOf(first);
      const partial = index === -1 ? "" : str.substring(0, index) + "#".repeat(str.length - index);
      try {
        JSON.parse(partial);
      } catch (error) {
        return { ok: false, message: (error as Error).message.replace(/#+/g, (placeholder) => str.substring(index, index + placeholder.length)) };
      }
      return { ok: false, message: "strict violation" };
    }
    return { ok: true, value: JSON.parse(str) };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

/** Whether a GET's If-None-Match matches the answer's ETag (Express's req.fresh, without Last-Modified). */
function fresh(req: http.IncomingMessage, tag: string): boolean {
  const noneMatch = req.headers["if-none-match"];
  if (!noneMatch || /(?:^|,)\s*?no-cache\s*?(?:,|$)/.test(req.headers["cache-control"] ?? "")) return false;
  if (noneMatch.trim() === "*") return true;
  const strip = (t: string) => t.trim().replace(/^W\//, "");
  return noneMatch.split(",").some((t) => strip(t) === strip(tag));
}

/** Builds the handler: `true` when it took the request, `false` to hand it to Express untouched. */
export function graphqlHttp<C extends BaseContext>(options: GraphQLHttpOptions<C>): (req: http.IncomingMessage, res: http.ServerResponse) => boolean {
  const { apollo, config, limitBytes, compressThreshold } = options;
  const ipOf = clientAddress(config.trustProxy);
  const cookieBase = { httpOnly: true, sameSite: "lax" as const, secure: config.secureCookies, path: "/" };

  async function answer(req: http.IncomingMessage, res: http.ServerResponse, search: string, body: unknown): Promise<void> {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
    }
    const setCookies: string[] = [];
    const cookies: CookieJar = {
      set: (name, value, { expires }) => void setCookies.push(serializeCookie(name, value, { ...cookieBase, expires })),
      clear: (name) => void setCookies.push(serializeCookie(name, "", { ...cookieBase, expires: new Date(1) })),
    };
    const request: HTTPGraphQLRequest = { method: req.method!, headers, search, body };
    const response = await apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest: request, context: () => options.context(req, ipOf(req), cookies) });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    if (setCookies.length) res.setHeader("set-cookie", setCookies);
    res.statusCode = response.status || 200;
    if (response.body.kind === "complete") {
      await send(req, res, response.body.string);
      return;
    }
    // Incremental delivery (not enabled with graphql 16): chunks as they come, uncompressed.
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  /** What Express's res.send and compression did with a complete answer. */
  async function send(req: http.IncomingMessage, res: http.ServerResponse, text: string): Promise<void> {
    const contentType = res.getHeader("content-type");
    const type = typeof contentType === "string" ? contentType : "text/html; charset=utf-8";
    if (contentType === undefined) res.setHeader("content-type", type);
    let body: Buffer = Buffer.from(text, "utf8");
    const tag = etag(body, { weak: true });
    res.setHeader("etag", tag);
    if (req.method === "GET" && ((res.statusCode >= 200 && res.statusCode < 300) || res.statusCode === 304) && fresh(req, tag)) res.statusCode = 304;
    const cacheControl = res.getHeader("cache-control");
    if (compressible(type) && !(typeof cacheControl === "string" && NO_TRANSFORM.test(cacheControl))) {
      const vary = res.getHeader("vary");
      if (vary === undefined) res.setHeader("vary", "Accept-Encoding");
      else if (!/(?:^|,)\s*(?:accept-encoding|\*)\s*(?:,|$)/i.test(String(vary))) res.setHeader("vary", `${String(vary)}, Accept-Encoding`);
      const method = res.statusCode === 304 || res.statusCode === 204 || body.length < compressThreshold ? null : encodingFor(req.headers["accept-encoding"]);
      if (method) {
        body = await compress(method, body);
        res.setHeader("content-encoding", method);
      }
    }
    if (res.statusCode === 304 || res.statusCode === 204) {
      for (const name of ["content-type", "content-length", "transfer-encoding", "content-encoding"]) res.removeHeader(name);
      res.end();
      return;
    }
    res.setHeader("content-length", body.length);
    res.end(body);
  }

  function fail(res: http.ServerResponse, error: unknown): void {
    console.error("[http]", describeError(error));
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const body = JSON.stringify({ errors: [{ message: "Internal server error.", extensions: { code: "INTERNAL_SERVER_ERROR" } }] });
    res.writeHead(500, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body) }).end(body);
  }

  return (req, res) => {
    const url = req.url ?? "";
    const q = url.indexOf("?");
    if ((q === -1 ? url : url.slice(0, q)) !== "/graphql") return false;
    const search = q === -1 ? "" : url.slice(q);
    const length = req.headers["content-length"];
    const encoding = req.headers["content-encoding"];
    if (req.method === "GET") {
      if ((length !== undefined && length !== "0") || req.headers["transfer-encoding"] !== undefined) return false;
      req.resume();
      answer(req, res, search, undefined).catch((error) => fail(res, error));
      return true;
    }
    if (req.method !== "POST" || !JSON_UTF8.test(req.headers["content-type"] ?? "")) return false;
    if (length === undefined || !/^\d+$/.test(length) || Number(length) > limitBytes || req.headers["transfer-encoding"] !== undefined) return false;
    if (encoding !== undefined && encoding.toLowerCase() !== "identity") return false;
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("error", () => res.destroy());
    req.on("end", () => {
      const parsed = parseJsonBody(Buffer.concat(chunks).toString("utf8"));
      if (!parsed.ok) {
        // The answer of app.ts's error handler to body-parser's 400.
        res.statusCode = 400;
        res.setHeader("content-type", "application/json; charset=utf-8");
        send(req, res, JSON.stringify({ errors: [{ message: parsed.message, extensions: { code: "BAD_REQUEST" } }] })).catch((error) => fail(res, error));
        return;
      }
      answer(req, res, search, parsed.value).catch((error) => fail(res, error));
    });
    return true;
  };
}
