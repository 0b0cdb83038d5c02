import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../server/src/config";
import { skipWithout } from "../support/requirements";

/**
 * deploy/: the nginx configuration passes `nginx -t` as a local run renders it (deploy/run-local.mjs) and
 * as the container image carries it (deploy/nginx/compose.conf, which must be the template's current
 * rendering). Needs Debian's nginx (.ci/run installs nginx-light); elsewhere it skips with a note.
 */
interface Cluster {
  renderNginx(options: Record<string, unknown>): string;
  nginxTest(conf: string, temp: string): string;
  nginxBinary(): string | null;
}
/** Debian's nginx (the same places deploy/cluster.mjs looks). */
const nginx = [process.env.NGINX, "/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx"].find((f) => f && fs.existsSync(f));
let cluster: Cluster;

describe.skipIf(skipWithout(!!nginx, "nginx is not installed (apt-get install nginx-light): the deploy/ nginx configuration is not checked"))("deploy/nginx", () => {
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), "bianmin-nginx-test-"));
  beforeAll(async () => {
    cluster = (await import(path.join(repoRoot, "deploy/cluster.mjs"))) as Cluster;
  });
  afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

  it("nginx is installed (CI installs it)", () => {
    expect(nginx, "nginx missing under CI=true: .ci/run installs nginx-light").toBeTruthy();
  });

  it("the local rendering passes nginx -t: two upstreams, WebSocket upgrade, no POST retried once sent", () => {
    const conf = cluster.renderNginx({ servers: ["127.0.0.1:4001", "127.0.0.1:4002"], listen: "127.0.0.1:18080", temp, workers: 1 });
    expect(() => cluster.nginxTest(conf, temp)).not.toThrow();
    expect(conf).toMatch(/server 127\.0\.0\.1:4001 max_fails=1 fail_timeout=3s;\n\s+server 127\.0\.0\.1:4002/);
    expect(conf).toMatch(/proxy_set_header Upgrade \$http_upgrade;/);
    expect(conf).toMatch(/proxy_next_upstream error timeout http_503;/);
    expect(conf).not.toMatch(/^\s*proxy_next_upstream [^;#]*non_idempotent/m);
    // The access log has no query strings, cookies, user agents or full client addresses.
    const format = /log_format bianmin ([^;]+);/.exec(conf)?.[1] ?? "";
    expect(format).toContain("$uri");
    for (const personal of ["$request_uri", "$args", "$query_string", "$http_cookie", "$http_user_agent", "$remote_addr", "$http_x_forwarded_for", "$request_body"]) expect(format).not.toContain(personal);
  });

  it("deploy/nginx/compose.conf is the template's rendering for the image, and passes nginx -t (upstream host aside)", () => {
    const compose = cluster.renderNginx({ servers: ["api:4000"], listen: 8080, staticRoot: "/usr/share/nginx/bianmin", workers: "auto" });
    expect(fs.readFileSync(path.join(repoRoot, "deploy/nginx/compose.conf"), "utf8"), "stale: run `node deploy/cluster.mjs --render-compose`").toBe(compose);
    // nginx -t resolves upstream names; "api" exists only on the compose network. Everything else is checked as is,
    // with the image's absolute paths moved into the temp folder.
    const local = compose
      .replace("server api:4000", "server 127.0.0.1:4000")
      .replace("listen 8080", "listen 127.0.0.1:18081")
      .replaceAll("/tmp/", `${temp}/`)
      .replace("error_log /dev/stderr", `error_log ${temp}/error.log`)
      .replace("access_log /dev/stdout", `access_log ${temp}/access.log`);
    expect(() => cluster.nginxTest(local, temp)).not.toThrow();
  });
});
