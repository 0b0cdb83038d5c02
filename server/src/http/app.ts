import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import cookieParser from "cookie-parser";
import express from "express";
import type { GraphQLFormattedError } from "graphql";
import { systemClock, type Clock } from "../common/clock";
import { requestContext, type AppServices, type CookieJar, type RequestContext } from "../common/context";
import { AppError, ErrorCode } from "../common/errors";
import { MemoryRateLimiter, RedisRateLimiter, type RateLimiter } from "../common/rate-limit";
import type { Config } from "../config";
import { createDataSource, engineOf, StatementCounter } from "../db/data-source";
import { Db } from "../db/db";
import { authService, SESSION_COOKIE } from "../modules/staff/auth.service";
import { buildAppSchema } from "../schema/build";
import { seedIfEmpty } from "../seed/seed";

export interface App {
  services: AppServices;
  httpServer: http.Server;
  /** Listens on the port (0: any free one) and resolves with the address. */
  listen(port: number): Promise<string>;
  close(): Promise<void>;
}

/** One error style for the client: a code from ErrorCode, never internal details. */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = (error as { originalError?: unknown }).originalError;
  const code = formatted.extensions?.code as string | undefined;
  if (!code || code === "INTERNAL_SERVER_ERROR") {
    if (!(original instanceof AppError)) {
      console.error("[graphql] unexpected error:", original ?? error);
      return { message: "Internal server error.", path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
    }
  }
  return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: formatted.extensions };
}

function cookieJar(res: express.Response, config: Config): CookieJar {
  const base = { httpOnly: true, sameSite: "lax" as const, secure: config.secureCookies, path: "/" };
  return {
    set: (name, value, { expires }) => res.cookie(name, value, { ...base, expires }),
    clear: (name) => res.clearCookie(name, base),
  };
}

function bearer(req: express.Request): string | undefined {
  const header = req.headers.authorization;
  return header?.startsWith("Bearer ") ? header.slice(7).trim() : undefined;
}

export async function createApp(config: Config, options: { clock?: Clock } = {}): Promise<App> {
  const clock = options.clock ?? systemClock;
  const statements = new StatementCounter(config.logSql);
  const dataSource = createDataSource(config, statements);
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: "each" });
  const db = new Db(dataSource, engineOf(config), statements);
  if (config.seedDemoData) await seedIfEmpty(db);

  let rateLimiter: RateLimiter;
  if (config.redisUrl) {
    const { default: Redis } = await import("ioredis");
    rateLimiter = new RedisRateLimiter(new Redis(config.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 2 }), config.publicRateLimitPerMinute, clock);
  } else {
    rateLimiter = new MemoryRateLimiter(config.publicRateLimitPerMinute, clock);
  }
  const services: AppServices = { config, db, clock, rateLimiter };

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  const httpServer = http.createServer(app);

  const armor = new ApolloArmor({
    maxDepth: { n: 10, ignoreIntrospection: true },
    maxAliases: { n: 15 },
    maxTokens: { enabled: false }, // graphql-js counts tokens while parsing (parseOptions below)
    maxDirectives: { n: 20 },
    costLimit: { maxCost: 8000, ignoreIntrospection: true },
    blockFieldSuggestion: { enabled: true },
  });
  const protection = armor.protect();
  const apollo = new ApolloServer<RequestContext>({
    schema: await buildAppSchema(),
    ...protection,
    plugins: [...protection.plugins, ApolloServerPluginDrainHttpServer({ httpServer })],
    validationRules: protection.validationRules,
    formatError,
    parseOptions: { maxTokens: 3000 },
    introspection: true,
  });
  await apollo.start();

  app.get("/healthz", async (_req, res) => {
    try {
      await dataSource.query("SELECT 1");
      res.json({ status: "ok", engine: db.engine });
    } catch {
      res.status(503).json({ status: "unavailable" });
    }
  });

  app.use(
    "/graphql",
    cookieParser(),
    express.json({ limit: "200kb" }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const actor = await authService.resolveActor(services, req.cookies?.[SESSION_COOKIE], bearer(req));
        const clientKey = req.ip ?? "unknown";
        // Anonymous callers (citizens) are rate limited per address; staff and integrations are not.
        if (actor.kind === "anonymous" && !(await rateLimiter.hit(clientKey))) {
          throw new AppError(ErrorCode.RATE_LIMITED, "Too many requests from your address; wait a minute and try again.", { http: { status: 429 } });
        }
        return requestContext(services, actor, clientKey, cookieJar(res, config));
      },
    }),
  );

  // The built SPA: static files, and index.html for every client route (deep links and reloads).
  const indexHtml = path.join(config.clientDist, "index.html");
  app.use(express.static(config.clientDist, { index: false, maxAge: "1h" }));
  app.get(/^\/(?!graphql|healthz).*/, (_req, res) => {
    if (fs.existsSync(indexHtml)) res.sendFile(indexHtml);
    else res.status(404).type("text").send("The SPA is not built: run `npm run build`.");
  });

  app.use((error: Error & { status?: number; type?: string }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const status = error.status && error.status < 500 ? error.status : 500;
    if (status === 500) console.error("[http]", error);
    res.status(status).json({ errors: [{ message: status === 500 ? "Internal server error." : error.message, extensions: { code: status === 500 ? ErrorCode.INTERNAL_SERVER_ERROR : "BAD_REQUEST" } }] });
  });

  return {
    services,
    httpServer,
    listen: (port) =>
      new Promise((resolve, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(port, () => {
          const address = httpServer.address();
          resolve(`http://localhost:${typeof address === "object" && address ? address.port : port}`);
        });
      }),
    async close() {
      await apollo.stop();
      if (httpServer.listening) await new Promise((resolve) => httpServer.close(resolve));
      await rateLimiter.close();
      await dataSource.destroy();
    },
  };
}
