import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app";

/** What the browser gets for the SPA's files and GraphQL answers: compressed text, hashed assets cached for good. */
describe("delivery of the SPA and the API (issue 9 §6)", () => {
  let t: TestApp;
  let dist: string;
  const script = `export const guide = ${JSON.stringify("办事指南 ".repeat(2000))};\n`;
  beforeAll(async () => {
    dist = fs.mkdtempSync(path.join(os.tmpdir(), "bianmin-dist-"));
    fs.mkdirSync(path.join(dist, "assets"));
    fs.writeFileSync(path.join(dist, "index.html"), `<!doctype html><html lang="zh-CN"><head><title>便民</title></head><body>${"<!-- padding -->".repeat(200)}<div id="root"></div></body></html>`);
    fs.writeFileSync(path.join(dist, "assets", "index-Bx3kP9aZ.js"), script);
    fs.writeFileSync(path.join(dist, "favicon.svg"), `<svg xmlns="http://www.w3.org/2000/svg"/>`);
    t = await startTestApp({ config: { clientDist: dist } });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dist, { recursive: true, force: true });
  });

  const get = (url: string, encoding: string) => fetch(`${t.url}${url}`, { headers: { "accept-encoding": encoding } });

  it("sends hashed assets brotli- or gzip-compressed, cached for a year and immutable", async () => {
    for (const [encoding, expected] of [["br, gzip", "br"], ["gzip", "gzip"]] as const) {
      const response = await get("/assets/index-Bx3kP9aZ.js", encoding);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-encoding")).toBe(expected);
      expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect(response.headers.get("vary")).toMatch(/accept-encoding/i);
      expect(await response.text()).toBe(script); // fetch decodes it: the same bytes
    }
    const plain = await get("/assets/index-Bx3kP9aZ.js", "identity");
    expect(plain.headers.get("content-encoding")).toBeNull();
  });

  it("sends index.html (and every client route) compressed and never cached without a check", async () => {
    for (const url of ["/", "/guide", "/guide/GAJ-001"]) {
      const response = await get(url, "br, gzip");
      expect(response.status, url).toBe(200);
      expect(response.headers.get("content-type"), url).toMatch(/text\/html/);
      expect(response.headers.get("content-encoding"), url).toBe("br");
      expect(response.headers.get("cache-control"), url).toBe("no-cache");
    }
    const direct = await get("/index.html", "gzip");
    expect(direct.headers.get("cache-control")).toBe("no-cache");
  });

  it("answers a missing hashed asset with 404, not with the SPA's page", async () => {
    const response = await get("/assets/index-old0hash.js", "gzip");
    expect(response.status).toBe(404);
  });

  it("compresses GraphQL answers", async () => {
    const response = await fetch(`${t.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", "accept-encoding": "gzip, br" },
      body: JSON.stringify({ query: `{ serviceItems(first: 50) { nodes { code name } } }` }),
    });
    expect(response.status).toBe(200);
    expect(["br", "gzip"]).toContain(response.headers.get("content-encoding"));
    const body = (await response.json()) as { data: { serviceItems: { nodes: unknown[] } } };
    expect(body.data.serviceItems.nodes).toHaveLength(50);
  });
});
