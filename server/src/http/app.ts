import { dbIdArgument } from "../common/node-id";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginLandingPageLocalDefault } from "@apollo/server/plugin/landingPage/default";
import { expressMiddleware } from "@as-integrations/express5";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import compression from "compression";
import cookieParser from "cookie-parser";
import express from "express";
import { specifiedRules, type GraphQLFormattedError } from "graphql";
import { systemClock, type Clock } from "../common/clock";
import { noopCookies, requestContext, type AppServices, type CookieJar, type RequestContext } from "../common/context";
import { AppError, ErrorCode, RuleViolation } from "../common/errors";
import { describeError } from "../common/redact";
import { costExtension, MAX_ALIASES, MAX_QUERY_COST, MAX_QUERY_DEPTH, recordCost } from "../common/query-cost";
import { languageOf, localizeError, render } from "../common/messages";
import { createLiveBus, redisScope } from "../common/pubsub";
import { MemoryRateLimiter, RedisRateLimiter, type RateLimiter } from "../common/rate-limit";
import type { Config } from "../config";
import { createDataSource, engineOf, StatementCounter } from "../db/data-source";
import { dataErrorCode, Db, isDataError } from "../db/db";
import { prepareDatabase } from "../db/prepare";
import { startScheduler } from "../modules/cases/scheduler";
import { startDispatcher } from "../modules/integrations/dispatcher";
import { authService, SESSION_COOKIE } from "../modules/staff/auth.service";
import { buildAppSchema } from "../schema/build";
import { caseDocument } from "../modules/cases/case-documents";
import { pointHandOverDocument } from "../modules/cases/case-paper";
import { letterDocument } from "../modules/authorization/letter-document";
import { bulletinService } from "../modules/assessment/bulletin.service";
import { reconciliationDocument, ticketDocument, type FeeDocumentAnswer } from "../modules/fees/fee-documents";
import { caseExportDocument } from "../modules/cases/case-export";
import { appendAudit } from "../modules/audit/audit.service";
import { attachLiveSocket } from "./live-socket";
import { graphqlHttp } from "./graphql-http";
import { parse as parseCookieHeader } from "cookie";
import { WalCheckpointer } from "../db/wal-checkpointer";

export interface App {
  services: AppServices;
  httpServer: http.Server;
  /** Listens on the port (0: any free one) and resolves with the address. */
  listen(port: number): Promise<string>;
  close(): Promise<void>;
  /** SQLite with a database file: the thread that checkpoints its write-ahead log (db/wal-checkpointer.ts). */
  checkpointer?: WalCheckpointer;
}

/**
 * One error style for the client: `extensions.code` from ErrorCode, `extensions.reason` and
 * `extensions.params` for the sentence (common/reasons.ts), never internal details. The message is
 * zh-CN here; a request with `Accept-Language: en` gets it reworded in English (localizeErrors).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = (error as { originalError?: unknown }).originalError;
  if (original instanceof RuleViolation) {
    // A rule broken outside a mutation payload (e.g. a deadline into a year with no calendar, C5).
    const field = original.field?.join(".") ?? null;
    const extensions = { code: ErrorCode.BAD_USER_INPUT, reason: original.reason, params: original.params, rule: original.rule, field };
    return { message: original.message, path: formatted.path, extensions };
  }
  if (isDataError(original)) {
    // A backstop: input the checks above the database missed (PostgreSQL class 22: data exceptions) is still the client's.
    console.warn(`[graphql] bad input reached the database (${dataErrorCode(original)}) at ${formatted.path?.join(".") ?? "?"}`);
    return { message: render("INVALID_DATA", {}, "zh-CN"), path: formatted.path, extensions: { code: ErrorCode.BAD_USER_INPUT, reason: "INVALID_DATA", params: {}, rule: "dataFormat" } };
  }
  const code = formatted.extensions?.code as string | undefined;
  if (!code || code === "INTERNAL_SERVER_ERROR") {
    if (!(original instanceof AppError)) {
      console.error("[graphql] unexpected error:", describeError(original ?? error));
      return { message: render("INTERNAL", {}, "zh-CN"), path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, reason: "INTERNAL", params: {} } };
    }
  }
  return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: formatted.extensions };
}

/** Rewords formatted errors in the request's language (they were formatted in zh-CN). */
const localizeErrors: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        const language = contextValue?.language ?? "zh-CN";
        if (language === "zh-CN" || response.body.kind !== "single" || !response.body.singleResult.errors) return;
        response.body.singleResult.errors = response.body.singleResult.errors.map((e) => localizeError(e, language));
      },
    };
  },
};

/**
 * Every call of an API token is in the audit trail (action `token.call`, actor `token:<id>`): the
 * operation, its name and whether it ended in errors. Written after the response is ready, in a
 * transaction of its own; a failure to write it is logged, never hidden in the answer.
 */
const auditTokenCalls: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue, operation, operationName }) {
        if (contextValue?.actor?.kind !== "token") return;
        const ctx = contextValue;
        const errors = response.body.kind === "single" ? (response.body.singleResult.errors ?? []) : [];
        const detail = {
          operation: operation?.operation ?? null,
          name: operationName ?? null,
          fields: operation?.selectionSet.selections.flatMap((sel) => (sel.kind === "Field" ? [sel.name.value] : [])).slice(0, 10) ?? [],
          errors: errors.map((e) => (e.extensions?.reason as string | undefined) ?? (e.extensions?.code as string | undefined) ?? "ERROR").slice(0, 5),
        };
        const tokenId = ctx.actor.kind === "token" ? ctx.actor.tokenId : 0;
        try {
          await ctx.db.transaction((em) => appendAudit(ctx, em, "token.call", "ApiToken", tokenId, detail));
        } catch (error) {
          console.error("[audit] token call not recorded:", describeError(error));
        }
      },
    };
  },
};

/**
 * Every GraphQL answer is \`Cache-Control: no-store\` (answers depend on the session). Apollo's default cache-control
 * plugin said the same, since no field carries a cache hint, but it wrapped every field's resolver to collect hints
 * (willResolveField): a cost per field of every answer, for nothing. It is disabled and this says no-store.
 */
const noStore: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        response.http.headers.set("cache-control", "no-store");
      },
    };
  },
};

function cookieJar(res: express.Response, config: Config): CookieJar {
  const base = { httpOnly: true, sameSite: "lax" as const, secure: config.secureCookies, path: "/" };
  return {
    set: (name, value, { expires }) => res.cookie(name, value, { ...base, expires }),
    clear: (name) => res.clearCookie(name, base),
  };
}

function bearer(headers: http.IncomingHttpHeaders): string | undefined {
  const header = headers.authorization;
  return header && /^bearer /i.test(header) ? header.slice(7).trim() : undefined;
}

export async function createApp(config: Config, options: { clock?: Clock } = {}): Promise<App> {
  const clock = options.clock ?? systemClock;
  const statements = new StatementCounter(config.logSql, config.sqlTraceFile);
  const dataSource = createDataSource(config, statements);
  await dataSource.initialize();
  const db = new Db(dataSource, engineOf(config), statements);
  // Migrations, the records key, the demo seed and the fill-ins: one process at a time on PostgreSQL (db/prepare.ts).
  await prepareDatabase(dataSource, db, config, clock);

  let rateLimiter: RateLimiter;
  if (config.redisUrl) {
    const { default: Redis } = await import("ioredis");
    rateLimiter = new RedisRateLimiter(new Redis(config.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 2 }), config.publicRateLimitPerMinute, clock, redisScope(config));
  } else {
    rateLimiter = new MemoryRateLimiter(config.publicRateLimitPerMinute, clock);
  }
  const caseChanges = await createLiveBus(config, clock);
  const services: AppServices = { config, db, clock, rateLimiter, caseChanges };

  const parseCookies = cookieParser();
  /** The request context of an HTTP request, or of a WebSocket operation from its upgrade request. */
  async function actorOf(req: http.IncomingMessage) {
    const parsed = (req as express.Request).cookies as Record<string, unknown> | undefined;
    const secret = parsed ? parsed[SESSION_COOKIE] : req.headers.cookie ? parseCookieHeader(req.headers.cookie)[SESSION_COOKIE] : undefined;
    return authService.resolveActor(services, typeof secret === "string" ? secret : undefined, bearer(req.headers));
  }
  async function contextFor(req: http.IncomingMessage, clientKey: string, cookies: CookieJar): Promise<RequestContext> {
    try {
      return await resolveContext(req, clientKey, cookies);
    } catch (error) {
      // Refused before there is a context (invalid token, rate limit): worded in the request's language here.
      if (error instanceof AppError) error.message = render(String(error.extensions.reason), (error.extensions.params ?? {}) as Record<string, string>, languageOf(req.headers["accept-language"]));
      throw error;
    }
  }
  async function resolveContext(req: http.IncomingMessage, clientKey: string, cookies: CookieJar): Promise<RequestContext> {
    const actor = await actorOf(req);
    // Anonymous callers (citizens) are rate limited per address, integrations per token; staff are not.
    if (actor.kind === "anonymous" && !(await rateLimiter.hit(clientKey))) {
      throw new AppError(ErrorCode.RATE_LIMITED, "RATE_LIMITED", {}, { http: { status: 429 } });
    }
    if (actor.kind === "token" && !(await rateLimiter.hit(`token:${actor.tokenId}`, actor.rateLimitPerMinute ?? config.tokenRateLimitPerMinute))) {
      throw new AppError(ErrorCode.RATE_LIMITED, "TOKEN_RATE_LIMITED", {}, { http: { status: 429 } });
    }
    return requestContext(services, actor, clientKey, cookies, languageOf(req.headers["accept-language"]));
  }

  const app = express();
  app.disable("x-powered-by");
  // X-Forwarded-For picks the client address (rate-limit key) only when the peer is a proxy listed in TRUST_PROXY.
  app.set("trust proxy", config.trustProxy);
  // POST and GET /graphql go from node:http straight to Apollo (graphql-http.ts); everything else, and unusual
  // GraphQL requests, through Express.
  let graphqlFast: (req: http.IncomingMessage, res: http.ServerResponse) => boolean = () => false; // set once Apollo has started
  const httpServer = http.createServer((req, res) => {
    if (!graphqlFast(req, res)) app(req, res);
  });
  // Text answers (GraphQL JSON, the SPA's HTML, JS, CSS, SVG) go out compressed: brotli where the browser takes it, else gzip.
  app.use(compression({ threshold: 1024 }));

  const armor = new ApolloArmor({
    maxDepth: { n: MAX_QUERY_DEPTH, ignoreIntrospection: true },
    maxAliases: { n: MAX_ALIASES },
    maxTokens: { enabled: false }, // graphql-js counts tokens while parsing (parseOptions below)
    maxDirectives: { n: 20 },
    costLimit: { maxCost: MAX_QUERY_COST, ignoreIntrospection: true, onAccept: [recordCost] },
    blockFieldSuggestion: { enabled: true },
  });
  const protection = armor.protect();
  const schema = await buildAppSchema();
  // The landing page Apollo shows for a browser's GET /graphql is its local default whatever NODE_ENV says (npm start
  // runs with NODE_ENV=production for graphql-js's speed; Apollo would otherwise switch to its production page).
  const landingPage = ApolloServerPluginLandingPageLocalDefault();
  const apollo = new ApolloServer<RequestContext>({
    schema,
    ...protection,
    plugins: [...protection.plugins, ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginCacheControlDisabled(), landingPage, noStore, localizeErrors, auditTokenCalls, costExtension<RequestContext>()],
    validationRules: protection.validationRules,
    formatError,
    includeStacktraceInErrorResponses: false,
    parseOptions: { maxTokens: 3000 },
    introspection: true,
  });
  await apollo.start();
  graphqlFast = graphqlHttp({ apollo, config, context: contextFor, limitBytes: 200 * 1024, compressThreshold: 1024 });

  // Subscriptions: graphql-ws on the same server and path (live-socket.ts: origins, subscriptions only, sessions).
  const ws = attachLiveSocket({
    httpServer,
    schema,
    validationRules: [...specifiedRules, ...protection.validationRules],
    services: { ...services, caseChanges },
    actorOf,
    contextFor: async (req, socket) => ({
      ...(await contextFor(req, req.socket.remoteAddress ?? "unknown", noopCookies)),
      live: { close: (code, reason) => socket.close(code, reason) },
    }),
    formatError,
  });

  // GraphQL requests graphql-http.ts leaves to Express (other content types, chunked or compressed bodies, over the
  // limit …), first after compression: its requests skip matching the document routes below (none of them is under /graphql).
  app.use(
    "/graphql",
    parseCookies,
    express.json({ limit: "200kb" }),
    expressMiddleware(apollo, {
      context: ({ req, res }) => contextFor(req, req.ip ?? "unknown", cookieJar(res, config)),
    }),
  );

  app.get("/healthz", async (_req, res) => {
    try {
      await dataSource.query("SELECT 1");
      res.json({ status: "ok", engine: db.engine });
    } catch {
      res.status(503).json({ status: "unavailable" });
    }
  });

  // Printed notices (C8): PDFs for staff who can see the case.
  app.get("/documents/cases/:number/:kind.pdf", async (req, res, next) => {
    try {
      const ctx = await contextFor(req, req.ip ?? "unknown", cookieJar(res, config));
      if (ctx.actor.kind === "anonymous") {
        res.status(401).type("text").send(render("UNAUTHENTICATED", {}, ctx.language));
        return;
      }
      if (!/^\d{20}$/.test(String(req.params.number))) {
        res.status(404).type("text").send(render("DOCUMENT_NOT_FOUND", {}, ctx.language));
        return;
      }
      // Links printed on paper (the QR code) point at PUBLIC_URL, never at what the request's headers claim.
      const answer = await caseDocument(ctx, String(req.params.number), String(req.params.kind), config.publicUrl);
      if (answer.status !== 200) {
        res.status(answer.status).type("text").send(answer.message);
        return;
      }
      res.type("application/pdf").setHeader("Content-Disposition", `inline; filename="${answer.fileName}"`);
      res.setHeader("Cache-Control", "no-store");
      res.send(answer.file);
    } catch (error) {
      next(error);
    }
  });

  // Issue 9 §3: a point's hand-over lists of a day (H1) and the authorization letters (A1).
  app.get("/documents/handovers/:point/:day.pdf", async (req, res, next) => {
    try {
      const ctx = await contextFor(req, req.ip ?? "unknown", cookieJar(res, config));
      if (ctx.actor.kind === "anonymous") {
        res.status(401).type("text").send(render("UNAUTHENTICATED", {}, ctx.language));
        return;
      }
      const point = String(req.params.point);
      const day = String(req.params.day);
      const answer = /^\d{6,12}$/.test(point) && /^\d{4}-\d{2}-\d{2}$/.test(day) ? await pointHandOverDocument(ctx, point, day) : ({ status: 404, message: render("DOCUMENT_NOT_FOUND", {}, ctx.language) } as const);
      if (answer.status !== 200) {
        res.status(answer.status).type("text").send(answer.message);
        return;
      }
      res.type("application/pdf").setHeader("Content-Disposition", `inline; filename="${answer.fileName}"`);
      res.setHeader("Cache-Control", "no-store");
      res.send(answer.file);
    } catch (error) {
      next(error);
    }
  });
  app.get("/documents/letters/:id.pdf", async (req, res, next) => {
    try {
      const ctx = await contextFor(req, req.ip ?? "unknown", cookieJar(res, config));
      // The letter's global id (AuthorizationLetter.id), or its database id (deprecated).
      const id = dbIdArgument(String(req.params.id), "AuthorizationLetter");
      const answer = /^\d{1,9}$/.test(id) ? await letterDocument(ctx, Number(id)) : ({ status: 404, message: render("DOCUMENT_NOT_FOUND", {}, ctx.language) } as const);
      if (answer.status !== 200) {
        res.status(answer.status).type("text").send(answer.message);
        return;
      }
      res.type("application/pdf").setHeader("Content-Disposition", `inline; filename="${answer.fileName}"`);
      res.setHeader("Cache-Control", "no-store");
      res.send(answer.file);
    } catch (error) {
      next(error);
    }
  });

  // Fee tickets (F4) and the day's reconciliation (F6): the fees module decides who may have them.
  const feeDocument = (build: (ctx: RequestContext, req: express.Request) => Promise<FeeDocumentAnswer>): express.RequestHandler => async (req, res, next) => {
    try {
      const ctx = await contextFor(req, req.ip ?? "unknown", cookieJar(res, config));
      if (ctx.actor.kind === "anonymous") {
        res.status(401).type("text").send(render("UNAUTHENTICATED", {}, ctx.language));
        return;
      }
      const answer = await build(ctx, req);
      if (answer.status !== 200) {
        res.status(answer.status).type("text").send(answer.message);
        return;
      }
      res.type(answer.type).setHeader("Content-Disposition", `inline; filename*=UTF-8''${encodeURIComponent(answer.fileName)}`);
      res.setHeader("Cache-Control", "no-store");
      res.send(answer.file);
    } catch (error) {
      next(error);
    }
  };
  app.get("/documents/tickets/:number.pdf", feeDocument((ctx, req) => ticketDocument(ctx, String(req.params.number), config.publicUrl)));
  app.get(
    /^\/documents\/reconciliation\/(\d{4}-\d{2}-\d{2})\.(csv|xlsx)$/,
    feeDocument((ctx, req) => reconciliationDocument(ctx, String(req.params[0]), String(req.params[1]), typeof req.query.window === "string" ? req.query.window : null)),
  );

  // Bulletins (S4): a published one is public; drafts only for the supervisor and the centre's admin.
  app.get("/documents/bulletins/:id.pdf", async (req, res, next) => {
    try {
      const ctx = await contextFor(req, req.ip ?? "unknown", cookieJar(res, config));
      // The bulletin's global id (Bulletin.id), or its database id (deprecated).
      const id = dbIdArgument(String(req.params.id), "Bulletin");
      const answer = /^\d{1,9}$/.test(id) ? await bulletinService.pdf(ctx, Number(id)) : { status: 404 };
      if (answer.status !== 200 || !("file" in answer)) {
        res.status(404).type("text").send(render("BULLETIN_NOT_FOUND", {}, ctx.language));
        return;
      }
      res.type("application/pdf").setHeader("Content-Disposition", `inline; filename="${answer.fileName}"`);
      res.send(answer.file);
    } catch (error) {
      next(error);
    }
  });
  // §6: ended cases of a period for the provincial platform (case-export.ts decides who may have them).
  app.get(/^\/documents\/export\/cases\.(csv|xlsx)$/, feeDocument((ctx, req) => caseExportDocument(ctx, String(req.params[0]), req.query.from, req.query.to) as Promise<FeeDocumentAnswer>));

  // The built SPA: static files, and index.html for every client route (deep links and reloads).
  const indexHtml = path.join(config.clientDist, "index.html");
  // Hashed build files (/assets/name-hash.js) never change: cached for a year; index.html is checked on every visit.
  app.use(
    express.static(config.clientDist, {
      index: false,
      maxAge: "1h",
      setHeaders: (res, file) => {
        if (path.relative(config.clientDist, file).startsWith(`assets${path.sep}`)) res.setHeader("Cache-Control", "public, max-age=31536000, immutable");
        else if (file.endsWith(".html")) res.setHeader("Cache-Control", "no-cache");
      },
    }),
  );
  app.get(/^\/(?!graphql|healthz|documents\/|assets\/).*/, (_req, res) => {
    res.setHeader("Cache-Control", "no-cache");
    if (fs.existsSync(indexHtml)) res.sendFile(indexHtml);
    else res.status(404).type("text").send("The SPA is not built: run `npm run build`.");
  });

  app.use((error: Error & { status?: number; type?: string }, req: express.Request, res: express.Response, _next: express.NextFunction) => {
    if (error instanceof AppError) {
      // A refused credential or a rate limit outside GraphQL (documents, exports): its status and headers, the reason worded.
      const http = error.extensions.http as { status: number; headers?: Map<string, string> } | undefined;
      for (const [name, value] of http?.headers ?? []) res.setHeader(name, value);
      const reason = String(error.extensions.reason);
      res.status(http?.status ?? 400).json({ errors: [{ message: render(reason, (error.extensions.params ?? {}) as Record<string, string>, languageOf(req.headers["accept-language"])), extensions: { code: error.extensions.code, reason, params: error.extensions.params } }] });
      return;
    }
    const dataError = isDataError(error);
    const status = dataError ? 400 : error.status && error.status < 500 ? error.status : 500;
    if (status === 500) console.error("[http]", describeError(error));
    const message = status === 500 ? "Internal server error." : dataError ? "输入的数据无法处理。 The input is not valid data." : error.message;
    const code = status === 500 ? ErrorCode.INTERNAL_SERVER_ERROR : dataError ? ErrorCode.BAD_USER_INPUT : "BAD_REQUEST";
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
  });

  // Deemed agreement, acceptance and approval (decision.service sweep), once the database is ready.
  const scheduler = config.schedulerIntervalMs > 0 ? startScheduler(services, { intervalMs: config.schedulerIntervalMs, lock: config.schedulerLock }) : undefined;
  // Webhook outbox delivery (modules/integrations/dispatcher.ts); every process may run it.
  const dispatcher = config.webhookIntervalMs > 0 ? startDispatcher(services, { intervalMs: config.webhookIntervalMs }) : undefined;
  // SQLite's write-ahead log is copied back by a thread of its own, not by the request that commits.
  const checkpointer = db.engine === "sqlite" && config.sqlitePath !== ":memory:" ? new WalCheckpointer(config.sqlitePath) : undefined;

  return {
    services,
    httpServer,
    checkpointer,
    listen: (port) =>
      new Promise((resolve, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(port, () => {
          const address = httpServer.address();
          resolve(`http://localhost:${typeof address === "object" && address ? address.port : port}`);
        });
      }),
    async close() {
      await scheduler?.stop();
      await dispatcher?.stop();
      await ws.dispose();
      await apollo.stop();
      if (httpServer.listening) await new Promise((resolve) => httpServer.close(resolve));
      await rateLimiter.close();
      await caseChanges.close();
      await checkpointer?.stop();
      await dataSource.destroy();
    },
  };
}
