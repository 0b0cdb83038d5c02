import { createClient, type Client, type ExecutionResult } from "graphql-ws";
import WebSocket from "ws";
import type { ApiClient } from "./app";

/** A graphql-ws client of the test server that sends the HTTP client's session cookie with the upgrade request. */
export function liveClient(url: string, session: ApiClient): Client {
  const headers: Record<string, string> = session.cookie ? { cookie: session.cookie } : {};
  class CookieSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  }
  return createClient({ url: `${url.replace(/^http/, "ws")}/graphql`, webSocketImpl: CookieSocket, retryAttempts: 0, lazy: false, onNonLazyError: () => undefined });
}

type Hint = ExecutionResult<Record<string, { caseNumber: string; at: string }>>;

/** Subscribes; `until(number)` resolves with the first hint about that case, or fails after `ms`. */
export function hints(client: Client, query: string, variables: Record<string, unknown> = {}) {
  const iterator = client.iterate<Hint["data"]>({ query, variables });
  const next = (ms: number) =>
    Promise.race([
      iterator.next().then((r) => r.value as Hint),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no hint within ${ms} ms`)), ms)),
    ]);
  return {
    next,
    async until(caseNumber: string, ms = 3000): Promise<Hint> {
      const end = Date.now() + ms;
      for (;;) {
        const hint = await next(Math.max(1, end - Date.now()));
        if (hint.errors) return hint;
        if (Object.values(hint.data ?? {}).some((h) => h.caseNumber === caseNumber)) return hint;
      }
    },
    stop: () => iterator.return?.(),
  };
}

/** The server subscribes asynchronously after the client's subscribe message: give it a moment. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 300));
