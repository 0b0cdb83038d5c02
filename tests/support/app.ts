import "reflect-metadata";
import { randomBytes } from "node:crypto";
import { Client as PgClient } from "pg";
import type { Clock } from "../../server/src/common/clock";
import { loadConfig, type Config } from "../../server/src/config";
import { createApp, type App } from "../../server/src/http/app";
import { DEMO_PASSWORD } from "../../server/src/seed/demo-data";

export interface GqlResult<T = Record<string, any>> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: { code?: string; fields?: { field: string; rule: string }[]; [key: string]: unknown } }[];
}

/** An HTTP client of the real server, keeping its own session cookie or token. */
export class ApiClient {
  cookie: string | undefined;
  /** Sent as Accept-Language when set (the server's own text is zh-CN otherwise). */
  acceptLanguage: string | undefined;
  constructor(readonly url: string, readonly token?: string) {}

  async gql<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): Promise<GqlResult<T>> {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (this.acceptLanguage) headers["accept-language"] = this.acceptLanguage;
    const response = await fetch(`${this.url}/graphql`, { method: "POST", headers, body: JSON.stringify({ query, variables }) });
    const setCookie = response.headers.get("set-cookie");
    if (setCookie) {
      const [pair] = setCookie.split(";");
      this.cookie = pair.endsWith("=") ? undefined : pair;
    }
    return { status: response.status, ...((await response.json()) as object) };
  }

  /** Like gql, but fails the test on any error. */
  async ok<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const result = await this.gql<T>(query, variables);
    if (result.errors?.length || !result.data) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
    return result.data;
  }
}

export interface TestApp {
  app: App;
  url: string;
  engine: "sqlite" | "postgres";
  anonymous(): ApiClient;
  /** A client logged in as one of the demo accounts. */
  as(username: string): Promise<ApiClient>;
  close(): Promise<void>;
}

/** The engine under test: PostgreSQL when DATABASE_URL is set, else embedded SQLite. */
export const testEngine = process.env.DATABASE_URL?.startsWith("postgres") ? "postgres" : "sqlite";

/**
 * Starts the real server on a free port with a fresh, migrated and seeded database:
 * SQLite in memory, or a schema of its own in the PostgreSQL of DATABASE_URL.
 */
export async function startTestApp(options: { clock?: Clock; config?: Partial<Config> } = {}): Promise<TestApp> {
  let pgSchema: string | undefined;
  if (testEngine === "postgres") {
    pgSchema = `t_${randomBytes(6).toString("hex")}`;
    const pg = new PgClient({ connectionString: process.env.DATABASE_URL });
    await pg.connect();
    await pg.query(`CREATE SCHEMA ${pgSchema}`);
    await pg.end();
  }
  const config = loadConfig(process.env, {
    sqlitePath: ":memory:",
    pgSchema,
    port: 0,
    publicRateLimitPerMinute: 100_000,
    loginRateLimitPerMinute: 100_000,
    schedulerIntervalMs: 0, // tests that need the scheduler turn it on or call runOnce
    webhookIntervalMs: 0, // likewise the webhook dispatcher (tests/api/webhooks.test.ts)
    recordsKey: randomBytes(32).toString("hex"), // in memory: tests write no key file
    ...options.config,
  });
  const app = await createApp(config, { clock: options.clock });
  const url = await app.listen(0);
  return {
    app,
    url,
    engine: testEngine,
    anonymous: () => new ApiClient(url),
    async as(username: string) {
      const client = new ApiClient(url);
      const result = await client.gql(
        `mutation($input: LoginInput!) { login(input: $input) { staff { id } userErrors { message } } }`,
        { input: { username, password: DEMO_PASSWORD } },
      );
      if (!result.data?.login?.staff) throw new Error(`login as ${username} failed: ${JSON.stringify(result)}`);
      return client;
    },
    async close() {
      await app.close();
      if (pgSchema) {
        const pg = new PgClient({ connectionString: process.env.DATABASE_URL });
        await pg.connect();
        await pg.query(`DROP SCHEMA ${pgSchema} CASCADE`);
        await pg.end();
      }
    },
  };
}
