// N Bianmin API processes on one PostgreSQL database and one Redis, with nginx in front: the library behind
// `node deploy/run-local.mjs`, `npm run bench:multi` (tests/bench/multi.mjs) and `npm run soak`
// (tests/bench/soak.mjs). Also renders deploy/nginx/bianmin.conf.template (for the temp directory of a local
// run, and for the container image: `node deploy/cluster.mjs --render-compose` writes deploy/nginx/compose.conf).
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const TEMPLATE = path.join(root, "deploy/nginx/bianmin.conf.template");
export const MAIN = path.join(root, "server/dist/server/src/main.js");

/** Where nginx is: on PATH, or Debian's /usr/sbin (not on a non-root PATH). */
export function nginxBinary() {
  for (const candidate of [process.env.NGINX, "/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx"]) {
    if (candidate && fs.existsSync(candidate)) return candidate;
  }
  try {
    return execFileSync("sh", ["-c", "command -v nginx"], { encoding: "utf8" }).trim() || null;
  } catch {
    return null;
  }
}

/**
 * The nginx configuration for `servers` (["127.0.0.1:4001", …] or ["api:4000"]). `temp`: a directory for
 * pid, logs and temp files (a local run as any user); without it the paths of the nginx image.
 */
export function renderNginx({ servers, listen = 8080, staticRoot = path.join(root, "client/dist"), temp = null, workers = "auto", accessLog = null, mimeTypes = "/etc/nginx/mime.types" }) {
  const t = fs.readFileSync(TEMPLATE, "utf8");
  const values = {
    main: temp ? `# rendered for a local run in ${temp}` : "# rendered for the nginx container image (deploy/compose.yaml)",
    workers: String(workers),
    pid: temp ? path.join(temp, "nginx.pid") : "/tmp/nginx.pid",
    errorLog: temp ? path.join(temp, "error.log") : "/dev/stderr",
    accessLog: accessLog ?? (temp ? `${path.join(temp, "access.log")} bianmin buffer=64k flush=1s` : "/dev/stdout bianmin"),
    mimeTypes,
    tempPaths: ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((k) => `  ${k}_temp_path ${path.join(temp ?? "/tmp", `nginx-${k}`)};`).join("\n"),
    servers: servers.map((s) => `    server ${s} max_fails=1 fail_timeout=3s;`).join("\n"),
    listen: String(listen),
    staticRoot,
  };
  return t.replace(/\{\{(\w+)\}\}/g, (_, name) => {
    if (!(name in values)) throw new Error(`nginx template: no value for {{${name}}}`);
    return values[name];
  });
}

/** `nginx -t` on a rendered configuration; returns nginx's own words (throws with them when it fails). */
export function nginxTest(conf, temp) {
  const nginx = nginxBinary();
  if (!nginx) throw new Error("nginx is not installed (apt-get install nginx-light)");
  const file = path.join(temp, "nginx.conf");
  fs.writeFileSync(file, conf);
  try {
    return execFileSync(nginx, ["-t", "-q", "-p", temp, "-e", path.join(temp, "error.log"), "-c", file], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    throw new Error(`nginx -t failed:\n${error.stderr || error.message}`);
  }
}

/** `n` ports free now (the system hands them out). */
export async function freePorts(n) {
  const servers = await Promise.all(Array.from({ length: n }, () => new Promise((resolve, reject) => {
    const server = net.createServer().once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve(server));
  })));
  const ports = servers.map((s) => s.address().port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `url` answers 200 (or throws after `ms`). */
export async function waitHealthy(url, ms = 120_000) {
  const end = Date.now() + ms;
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not yet
    }
    if (Date.now() > end) throw new Error(`${url} did not answer 200 within ${ms / 1000} s`);
    await sleep(200);
  }
}

/** Creates the PostgreSQL database of `databaseUrl` when it does not exist; `fresh`: drops it first. */
export async function ensureDatabase(databaseUrl, { fresh = false } = {}) {
  const { default: pg } = await import("pg");
  const url = new URL(databaseUrl);
  const name = url.pathname.slice(1);
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`database name "${name}": use lower-case letters, digits and _`);
  url.pathname = "/postgres";
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    if (fresh) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    const exists = (await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount;
    if (!exists) await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
}

/**
 * Starts `processes` API processes (the built server, server/dist) on `databaseUrl` + `redisUrl` and nginx
 * in front on `port` (a free one by default). Returns the cluster: its URL, the processes (kill(i), start(i)),
 * and stop(). Each process: PORT of its own, TRUST_PROXY=loopback (rate limits see the client's address through
 * X-Forwarded-For), PUBLIC_URL the proxy's URL (links on notices; live connections' Origin), one records key for all.
 */
export async function startCluster({
  processes = 2,
  databaseUrl = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/bianmin_local",
  redisUrl = process.env.REDIS_URL || "redis://127.0.0.1:6379",
  port = 0,
  env = {},
  workers = 1,
  quiet = false,
  log = (line) => console.log(line),
} = {}) {
  if (!databaseUrl.startsWith("postgres")) throw new Error("several processes need PostgreSQL: set DATABASE_URL=postgres://…");
  if (!fs.existsSync(MAIN)) throw new Error(`${path.relative(root, MAIN)} is missing: run \`npm run build\` first`);
  const nginx = nginxBinary();
  if (!nginx) throw new Error("nginx is not installed: apt-get install -y nginx-light (or nginx)");
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), "bianmin-cluster-"));
  fs.chmodSync(temp, 0o755); // nginx's workers (user nobody when started as root) write their temp files here
  const [proxyPort, ...apiPorts] = port ? [port, ...(await freePorts(processes))] : await freePorts(processes + 1);
  const url = `http://127.0.0.1:${proxyPort}`;
  // One records key for every process (a key file beside each would differ on separate machines; README).
  const keyFile = path.join(temp, "records-key");
  const recordsKey = env.RECORDS_KEY ?? process.env.RECORDS_KEY ?? randomBytes(32).toString("hex");
  const procs = apiPorts.map((apiPort, i) => ({ index: i, port: apiPort, child: null, output: "", exits: [] }));
  const baseEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    TRUST_PROXY: "loopback",
    PUBLIC_URL: url,
    RECORDS_KEY: recordsKey,
    RECORDS_KEY_FILE: keyFile,
    ...env,
  };

  function startProcess(i) {
    const p = procs[i];
    const child = spawn(process.execPath, [MAIN], { cwd: root, env: { ...baseEnv, PORT: String(p.port) }, stdio: ["ignore", "pipe", "pipe"] });
    p.child = child;
    p.output = "";
    const keep = (chunk) => {
      p.output = (p.output + chunk).slice(-200_000);
      if (!quiet) for (const line of String(chunk).split("\n")) if (line.trim() && !/^\s{2}\S+\s+[A-Z_]+\s/.test(line)) log(`[api ${i + 1}] ${line}`);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.on("exit", (code, signal) => p.exits.push({ code, signal, at: Date.now() }));
    return waitHealthy(`http://127.0.0.1:${p.port}/healthz`);
  }

  const conf = renderNginx({ servers: apiPorts.map((p) => `127.0.0.1:${p}`), listen: `127.0.0.1:${proxyPort}`, temp, workers });
  nginxTest(conf, temp);
  let nginxChild = null;
  const extraProxies = [];
  const stop = async () => {
    for (const child of extraProxies) if (child.exitCode === null) child.kill("SIGQUIT");
    for (const p of procs) if (p.child && p.child.exitCode === null && p.child.signalCode === null) p.child.kill("SIGTERM");
    if (nginxChild && nginxChild.exitCode === null) nginxChild.kill("SIGQUIT");
    const exited = (child) => (!child || child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once("exit", resolve)));
    const all = Promise.all([...procs.map((p) => exited(p.child)), exited(nginxChild), ...extraProxies.map(exited)]);
    const late = setTimeout(() => [...procs.map((p) => p.child), nginxChild, ...extraProxies].forEach((c) => c && c.exitCode === null && c.kill("SIGKILL")), 15_000);
    await all;
    clearTimeout(late);
    fs.rmSync(temp, { recursive: true, force: true });
  };
  const onExit = () => [...procs.map((p) => p.child), nginxChild, ...extraProxies].forEach((c) => c && c.exitCode === null && c.signalCode === null && c.kill("SIGKILL"));
  process.on("exit", onExit);

  try {
    // The first process migrates and seeds a new database; the others wait on the boot lock (server/src/db/boot-lock.ts).
    await Promise.all(procs.map((_, i) => startProcess(i)));
    nginxChild = spawn(nginx, ["-g", "daemon off;", "-p", temp, "-e", path.join(temp, "error.log"), "-c", path.join(temp, "nginx.conf")], { stdio: ["ignore", "inherit", "inherit"] });
    await waitHealthy(`${url}/nginx-healthz`, 15_000);
    await waitHealthy(`${url}/healthz`, 15_000);
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    url,
    temp,
    databaseUrl,
    redisUrl,
    recordsKey,
    processes: procs,
    nginxPid: () => nginxChild?.pid,
    /** kill -9 (or another signal) of process i; resolves when it has exited. */
    kill(i, signal = "SIGKILL") {
      const child = procs[i].child;
      if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      return new Promise((resolve) => {
        child.once("exit", resolve);
        child.kill(signal);
      });
    },
    /** Starts process i again on its port; resolves once its /healthz answers. */
    start: (i) => startProcess(i),
    /**
     * Another nginx (same template) in front of a subset of the processes, e.g. [0] for "one process" next to the
     * cluster's own proxy over all of them: a benchmark alternates between the two without restarting anything.
     */
    async addProxy(indexes) {
      const dir = fs.mkdtempSync(path.join(temp, "proxy-"));
      fs.chmodSync(dir, 0o755);
      const [extraPort] = await freePorts(1);
      nginxTest(renderNginx({ servers: indexes.map((i) => `127.0.0.1:${procs[i].port}`), listen: `127.0.0.1:${extraPort}`, temp: dir, workers }), dir);
      const child = spawn(nginx, ["-g", "daemon off;", "-p", dir, "-e", path.join(dir, "error.log"), "-c", path.join(dir, "nginx.conf")], { stdio: ["ignore", "inherit", "inherit"] });
      extraProxies.push(child);
      const extraUrl = `http://127.0.0.1:${extraPort}`;
      await waitHealthy(`${extraUrl}/healthz`, 15_000);
      return { url: extraUrl, pid: child.pid };
    },
    accessLog: () => path.join(temp, "access.log"),
    errorLog: () => path.join(temp, "error.log"),
    stop: async () => {
      process.off("exit", onExit);
      await stop();
    },
  };
}

// node deploy/cluster.mjs --render-compose: the configuration of the nginx image (deploy/compose.yaml, Dockerfile target web).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === "--render-compose") {
    const out = path.join(root, "deploy/nginx/compose.conf");
    fs.writeFileSync(out, renderNginx({ servers: ["api:4000"], listen: 8080, staticRoot: "/usr/share/nginx/bianmin", workers: "auto" }));
    console.log(`wrote ${path.relative(root, out)}`);
  } else {
    console.error("usage: node deploy/cluster.mjs --render-compose   (a local cluster: node deploy/run-local.mjs)");
    process.exit(2);
  }
}
