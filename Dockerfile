# syntax=docker/dockerfile:1
# Bianmin's container images, built from the repository (deploy/OPERATIONS.md):
#   docker build --target api -t bianmin-api .    the API server (GraphQL, WebSocket, documents, scheduler)
#   docker build --target web -t bianmin-web .    nginx with the built SPA, in front of the API replicas
# Not built on the machine this was written on (no Docker engine there): see OPERATIONS.md, "What was checked".

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: every dependency, the server (tsc) and the SPA (Vite) ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
# better-sqlite3 compiles when no prebuilt binary fits.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json .npmrc tsconfig.base.json ./
COPY server/package.json server/
COPY client/package.json client/
RUN npm ci --no-audit --no-fund
COPY server server
COPY migrations migrations
COPY client client
COPY schema.graphql ./
RUN npm run build -w server && npm run build -w client

# ---- deps: the server's production dependencies only ----
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json .npmrc ./
COPY server/package.json server/
COPY client/package.json client/
RUN npm ci --omit=dev --workspace server --no-audit --no-fund

# ---- api: the runtime, as user node (uid 1000) ----
FROM ${NODE_IMAGE} AS api
# A CJK font for printed notices and tickets; the PostgreSQL 15 client for npm run backup/restore (pg_dump, pg_restore).
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-noto-cjk postgresql-client \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production PORT=4000
# The root package.json marks the repository root (server/src/config.ts finds data/ and backups/ from it).
COPY --chown=root:root package.json ./
COPY --from=deps --chown=root:root /app/node_modules node_modules
COPY --from=build --chown=root:root /app/server/package.json server/package.json
COPY --from=build --chown=root:root /app/server/dist server/dist
# The API also serves the SPA (one-process deployments without nginx).
COPY --from=build --chown=root:root /app/client/dist client/dist
# Writable by the server only: data/ (SQLite file and key file when no PostgreSQL/RECORDS_KEY is given), backups/.
RUN mkdir -p data backups /backups && chown node:node data backups /backups
USER node
EXPOSE 4000
# /healthz answers 200 when the process serves and its database answers SELECT 1 (503 otherwise).
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM: the server stops taking requests, lets the running ones finish, stops the scheduler, closes the pool.
STOPSIGNAL SIGTERM
CMD ["node", "server/dist/server/src/main.js"]

# ---- web: nginx (unprivileged, uid 101, port 8080) with the built SPA and deploy/nginx/compose.conf ----
FROM nginxinc/nginx-unprivileged:1.27-alpine AS web
COPY deploy/nginx/compose.conf /etc/nginx/nginx.conf
COPY --from=build /app/client/dist /usr/share/nginx/bianmin
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --retries=3 CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/nginx-healthz"]
