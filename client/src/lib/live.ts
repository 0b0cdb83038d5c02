import { createClient, type Client } from "graphql-ws";

/**
 * One graphql-ws connection for the whole tab, opened only when a page subscribes (this module is
 * imported dynamically, so public pages never download it). The browser sends the session cookie
 * with the upgrade request, as it does with every HTTP request.
 */
let client: Client | undefined;
const reconnectListeners = new Set<() => void>();

function liveClient(): Client {
  if (!client) {
    const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
    client = createClient({
      url: `${scheme}//${window.location.host}/graphql`,
      lazy: true,
      retryAttempts: Number.POSITIVE_INFINITY,
      // 4401: the session ended (logout, expiry); a reconnect would only be refused.
      shouldRetry: (event) => (event as { code?: number } | null)?.code !== 4401,
      on: {
        // Hints sent while the line was down are lost: every page refetches after a reconnect.
        connected: (_socket, _payload, wasRetry) => {
          if (wasRetry) for (const listener of reconnectListeners) listener();
        },
      },
    });
  }
  return client;
}

/**
 * Listens to a subscription and calls `onHint` for every event and after every reconnect.
 * Returns the function that stops listening.
 */
export function listen(query: string, variables: Record<string, unknown>, onHint: () => void): () => void {
  reconnectListeners.add(onHint);
  const stop = liveClient().subscribe(
    { query, variables },
    {
      next: () => onHint(),
      // A refused or broken subscription leaves the page as it is: it still works by refreshing.
      error: () => undefined,
      complete: () => undefined,
    },
  );
  return () => {
    reconnectListeners.delete(onHint);
    stop();
  };
}
