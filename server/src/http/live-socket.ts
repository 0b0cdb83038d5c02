import type http from "node:http";
import { getOperationAST, GraphQLError, parse, validate, type GraphQLFormattedError, type GraphQLSchema, type ValidationRule } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer, type WebSocket } from "ws";
import type { Actor, AppServices, RequestContext } from "../common/context";
import { ErrorCode } from "../common/errors";
import type { LiveBus } from "../common/pubsub";
import { SESSION_ENDED } from "../modules/cases/case.subscriptions";
import { authService } from "../modules/staff/auth.service";

/** How often sockets whose session expired or went idle are closed, when no event came to close them first. */
const SWEEP_MS = 30_000;

/** The scheme the browser used to reach us: TLS on the socket, or a proxy on this machine that says so. */
function ownScheme(req: http.IncomingMessage): "http" | "https" {
  if ((req.socket as { encrypted?: boolean }).encrypted) return "https";
  const loopback = ["127.0.0.1", "::1", "::ffff:127.0.0.1"].includes(req.socket.remoteAddress ?? "");
  const forwarded = String(req.headers["x-forwarded-proto"] ?? "").split(",")[0].trim();
  return loopback && forwarded === "https" ? "https" : "http";
}

/**
 * Whether a browser page at `origin` may open a live connection: the server's own origin (the
 * Origin's host equals the Host header, same scheme), or one of ALLOWED_ORIGINS.
 */
export function originAllowed(origin: string, req: http.IncomingMessage, allowed: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.host === req.headers.host && url.protocol === `${ownScheme(req)}:`) return true;
  return allowed.some((a) => {
    try {
      return new URL(a).origin === url.origin;
    } catch {
      return false;
    }
  });
}

export interface LiveSocketOptions {
  httpServer: http.Server;
  schema: GraphQLSchema;
  validationRules: readonly ValidationRule[];
  services: AppServices & { caseChanges: LiveBus };
  /** The actor of an upgrade request (session cookie or bearer token). */
  actorOf(req: http.IncomingMessage): Promise<Actor>;
  /** The request context of one operation. */
  contextFor(req: http.IncomingMessage, socket: WebSocket): Promise<RequestContext>;
  formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
}

/**
 * graphql-ws on /graphql, subscriptions only: handshakes from allowed origins (or, without Origin,
 * with a valid session or token); queries and mutations refused; sockets closed (4401) when their
 * session logs out — in any process, through the live bus — or expires.
 */
export function attachLiveSocket(options: LiveSocketOptions): { dispose(): Promise<void> } {
  const { services } = options;
  const sockets = new Map<WebSocket, Actor>();

  const wsServer = new WebSocketServer({
    server: options.httpServer,
    path: "/graphql",
    verifyClient: (info, done) => {
      const origin = info.req.headers.origin;
      if (origin) return done(originAllowed(origin, info.req, services.config.allowedOrigins), 403, "Origin not allowed");
      // Non-browser clients send no Origin: they must show a valid session or token.
      options.actorOf(info.req).then(
        (actor) => done(actor.kind !== "anonymous", 401, "Log in first"),
        (error: { extensions?: { code?: string } }) => (error?.extensions?.code === "UNAUTHENTICATED" ? done(false, 401, "Invalid token", { "WWW-Authenticate": 'Bearer error="invalid_token"' }) : done(false, 500)),
      );
    },
  });

  const closeAll = (test: (actor: Actor) => boolean, code: number, reason: string) => {
    for (const [socket, actor] of sockets) if (test(actor)) socket.close(code, reason);
  };

  const rules = [...options.validationRules];
  const server = useServer(
    {
      schema: options.schema,
      validate: (s, document) => validate(s, document, rules),
      context: ({ extra }) => options.contextFor(extra.request, extra.socket),
      onConnect: async ({ extra }) => {
        sockets.set(extra.socket, await options.actorOf(extra.request));
        extra.socket.once("close", () => sockets.delete(extra.socket));
        return true;
      },
      // Only subscriptions travel over the socket; queries and mutations go over HTTP, where cookies, CSRF rules and limits apply.
      onSubscribe: (_ctx, _id, payload) => {
        let operation;
        try {
          operation = getOperationAST(parse(payload.query), payload.operationName);
        } catch {
          return undefined; // a syntax error is reported by the default handling
        }
        if (operation && operation.operation !== "subscription") {
          return [new GraphQLError("WebSocket 连接只用于订阅；查询和变更请通过 HTTP 发送。", { extensions: { code: ErrorCode.BAD_USER_INPUT, reason: "SUBSCRIPTIONS_ONLY" } })];
        }
        return undefined;
      },
      onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: result.errors.map((e) => options.formatError(e.toJSON(), e)) } : undefined),
    },
    wsServer,
  );

  // Logout anywhere closes this session's sockets here.
  const revocations = services.caseChanges.sessionRevocations()[Symbol.asyncIterator]();
  void (async () => {
    for (let next = await revocations.next(); !next.done; next = await revocations.next()) {
      const { sessionId } = next.value;
      closeAll((actor) => actor.kind === "staff" && actor.sessionId === sessionId, SESSION_ENDED, "logged out");
    }
  })();

  // Expired or idle sessions (and revoked or expired tokens) lose their sockets even when no event comes.
  const sweep = setInterval(async () => {
    for (const [socket, actor] of sockets) {
      if (!(await authService.stillValid(services, actor).catch(() => true))) socket.close(SESSION_ENDED, "session ended");
    }
  }, SWEEP_MS);
  sweep.unref();

  return {
    async dispose() {
      clearInterval(sweep);
      await revocations.return?.();
      await server.dispose();
    },
  };
}
