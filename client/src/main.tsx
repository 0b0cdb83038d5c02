import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { ApolloProvider } from "@apollo/client/react";
import { RouterProvider } from "react-router/dom";
import { i18nReady } from "./lib/i18n";
import "./styles.css";
import { createApolloClient } from "./lib/apollo";
import { MeDocument } from "./lib/auth";
import { createRouter } from "./router";

const router = createRouter();

const client = createApolloClient({
  onUnauthenticated() {
    // The session is gone: forget who we thought was signed in, then ask them to sign in again.
    client.cache.writeQuery({ query: MeDocument, data: { me: null } });
    const { pathname, search } = router.state.location;
    if (pathname !== "/login") void router.navigate(`/login?next=${encodeURIComponent(pathname + search)}`);
  },
});

// Chinese readers start at once (zh-CN is bundled); English readers after en-US has loaded.
void i18nReady.then(() => createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <ApolloProvider client={client}>
      <RouterProvider router={router} />
    </ApolloProvider>
  </StrictMode>,
));
