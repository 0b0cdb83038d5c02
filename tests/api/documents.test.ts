import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../server/src/common/clock";
import http from "node:http";
import { findCjkFont, missingFontMessage } from "../../server/src/modules/documents/fonts";
import { startTestApp, type ApiClient, type TestApp } from "../support/app";
import { act, itemFixture, newKey } from "../support/cases";
import { CASE_TEST_CONFIG, clerkOf, headOf, ok, registerAt, setDay } from "../support/case-steps";
import { readPdf } from "../support/pdf";
import { expectAvailable, skipWithout } from "../support/requirements";

async function pdfText(pdf: Buffer): Promise<string> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), verbosity: 0, isEvalSupported: false, disableFontFace: true }).promise;
  let text = "";
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    text += content.items.map((item) => ("str" in item ? item.str : "")).join("");
  }
  return text;
}

async function download(client: ApiClient | null, url: string): Promise<{ status: number; type: string | null; body: Buffer }> {
  const response = await fetch(url, { headers: client?.cookie ? { cookie: client.cookie } : {} });
  return { status: response.status, type: response.headers.get("content-type"), body: Buffer.from(await response.arrayBuffer()) };
}

const font = findCjkFont();
const PUBLIC_URL = "https://bianmin.example.gov.cn";

/** A GET with headers fetch will not send (Host). */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http.get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c)).on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
    }).on("error", reject);
  });
}

describe.skipIf(skipWithout(!!font, `printed notices over HTTP: ${missingFontMessage}`))("printed notices over HTTP (C8)", () => {
  let t: TestApp;
  const clock = new ManualClock(new Date());
  beforeAll(async () => {
    // A proxy on loopback is trusted here, so even X-Forwarded-Proto the app believes cannot move a printed link.
    t = await startTestApp({ clock, config: { ...CASE_TEST_CONFIG, publicUrl: PUBLIC_URL, trustProxy: ["loopback"] } });
    setDay(clock, "2026-11-26");
  });
  afterAll(() => t.close());

  it("has a CJK font to print with", () => expectAvailable(!!font, missingFontMessage));

  it("serves the supplement, acceptance and decision notices of a case, with its number and query code", async () => {
    const item = await itemFixture(t, `i.level = 'CITY' AND i."defaultKind" = 'COMMITTED' AND (SELECT COUNT(*) FROM material m WHERE m."itemId" = i.id AND m.required = TRUE) >= 2`);
    const clerk = await t.as(clerkOf(item));
    const registered = await registerAt(clerk, item, item.materialIds.filter((id) => id !== item.requiredIds[0]));
    const noticed = ok(await act(clerk, "issueSupplementNotice", { caseNumber: registered.number }));
    ok(await act(clerk, "completeSupplement", { caseNumber: registered.number, materialIds: [item.requiredIds[0]] }));
    const deputy = await t.as(headOf(item.departmentCode, "deputy"));
    const decided = ok(await act(deputy, "decideCase", { caseNumber: registered.number, approve: true, idempotencyKey: newKey() }));

    const { case: c } = await clerk.ok(`query($n: String!) { case(number: $n) { documents { kind title url } } }`, { n: registered.number });
    expect(c.documents.map((d: { kind: string }) => d.kind)).toEqual(["RECEIPT", "ACCEPTANCE", "SUPPLEMENT", "DECISION"]);
    for (const doc of c.documents) {
      const file = await download(clerk, `${t.url}${doc.url}`);
      expect(file.status).toBe(200);
      expect(file.type).toBe("application/pdf");
      const text = await pdfText(file.body);
      expect(text).toContain(registered.number);
      expect(text).toContain(registered.queryCode); // the deputy who decided is not shown it (Q1): the registering clerk is
      expect(decided.queryCode).toBeNull();
      expect(text).toContain("张三");
    }
    const supplement = await pdfText((await download(clerk, `${t.url}/documents/cases/${registered.number}/supplement.pdf`)).body);
    expect(supplement).toContain(noticed.supplementNotice.missing[0]);
    const decision = await pdfText((await download(clerk, `${t.url}/documents/cases/${registered.number}/decision.pdf`)).body);
    expect(decision).toContain(decided.decision.sealCode);
    expect(decision).toContain(decided.decision.letter.number);
  });

  it("refuses anonymous callers, staff of other points, and notices a case does not have", async () => {
    const item = await itemFixture(t, `i.level = 'CITY' AND i."defaultKind" = 'COMMITTED'`);
    const clerk = await t.as(clerkOf(item));
    const registered = await registerAt(clerk, item);
    ok(await act(clerk, "acceptCase", { caseNumber: registered.number, kind: "COMMITTED" }));
    const url = `${t.url}/documents/cases/${registered.number}/acceptance.pdf`;
    expect((await download(null, url)).status).toBe(401);
    const stranger = await t.as("t07");
    expect((await download(stranger, url)).status).toBe(403);
    expect((await download(clerk, `${t.url}/documents/cases/${registered.number}/decision.pdf`)).status).toBe(404);
    expect((await download(clerk, `${t.url}/documents/cases/42108120991231000001/acceptance.pdf`)).status).toBe(404);
    expect((await download(clerk, url)).status).toBe(200);
  });

  it("prints a QR code to PUBLIC_URL whatever Host and X-Forwarded-Proto say", async () => {
    const item = await itemFixture(t, `i.level = 'CITY' AND i."defaultKind" = 'COMMITTED'`);
    const clerk = await t.as(clerkOf(item));
    const registered = await registerAt(clerk, item);
    const accepted = ok(await act(clerk, "acceptCase", { caseNumber: registered.number, kind: "COMMITTED" }));
    const file = await rawGet(`${t.url}/documents/cases/${registered.number}/acceptance.pdf`, {
      cookie: clerk.cookie!,
      host: "evil.example",
      "x-forwarded-proto": "javascript",
      "x-forwarded-host": "evil.example",
    });
    expect(file.status).toBe(200);
    const { qrCodes } = await readPdf(file.body);
    expect(qrCodes).toEqual([`${PUBLIC_URL}/status?number=${registered.number}&code=${accepted.queryCode}`]);
  });

  it("answers a malformed case number with 404, not a database error", async () => {
    const clerk = await t.as("c01");
    expect((await download(clerk, `${t.url}/documents/cases/%00/acceptance.pdf`)).status).toBe(404);
    expect((await download(clerk, `${t.url}/documents/cases/${"9".repeat(30)}/acceptance.pdf`)).status).toBe(404);
  });
});
