import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../server/src/common/clock";
import { findCjkFont, missingFontMessage } from "../../server/src/modules/documents/fonts";
import { startTestApp, type ApiClient, type TestApp } from "../support/app";
import { act, itemFixture, newKey, register, villageOf } from "../support/cases";
import { CASE_TEST_CONFIG, clerkOf, headOf, materialNames, ok, setDay, stateOf } from "../support/case-steps";
import { readPdf } from "../support/pdf";
import { expectAvailable, skipWithout } from "../support/requirements";

/**
 * Issue 9 §3 "paper for the citizen" and the supplement defects of §2: the registration receipt (Q1),
 * the hand-over lists of a relay (H1), the authorization letter (A1), where to collect the result, and
 * defects of handed-in materials on the one-time supplement notice — over HTTP, text read back from the PDFs.
 */
const font = findCjkFont();
const PUBLIC_URL = "https://bianmin.example.gov.cn";
const DAY = "2026-11-26";

/** The PDF's text without the spaces pdf.js puts between spaced-out title characters. */
async function pdfText(pdf: Buffer): Promise<string> {
  return (await readPdf(pdf)).text.replace(/\s+/g, "");
}

async function download(client: ApiClient | null, url: string): Promise<{ status: number; type: string | null; body: Buffer }> {
  const response = await fetch(url, { headers: client?.cookie ? { cookie: client.cookie } : {} });
  return { status: response.status, type: response.headers.get("content-type"), body: Buffer.from(await response.arrayBuffer()) };
}

const CITY_ONLY = `i.level = 'CITY' AND i."defaultKind" = 'COMMITTED' AND NOT EXISTS (SELECT 1 FROM item_delegation d WHERE d."itemId" = i.id)`;
const STATUS = `query($n: String!, $c: String!) { caseStatus(number: $n, queryCode: $c) { status collection { pointName windowName windowCode address phone officeHours schedule { weekday } ready } } }`;
const SUPPLEMENT = `mutation($input: SupplementNoticeInput!) { issueSupplementNotice(input: $input) {
  case { number status supplementNotice { missing defects } events { type summary } } userErrors { field code rule message } } }`;

describe.skipIf(skipWithout(!!font, `paper for the citizen: ${missingFontMessage}`))("paper for the citizen (issue 9 §3)", () => {
  let t: TestApp;
  const clock = new ManualClock(new Date());
  const pointName = async (code: string) => ((await t.app.services.db.manager.query(`SELECT name FROM service_point WHERE code = '${code}'`)) as { name: string }[])[0].name;

  beforeAll(async () => {
    t = await startTestApp({ clock, config: { ...CASE_TEST_CONFIG, publicUrl: PUBLIC_URL } });
    setDay(clock, DAY);
  });
  afterAll(() => t.close());

  it("has a CJK font to print with", () => expectAvailable(!!font, missingFontMessage));

  it("prints a village's receipt with number, query code, materials, next step, where to collect and a QR code to /status — for Q1 callers only", async () => {
    const item = await itemFixture(t, CITY_ONLY);
    const { village, agent: agentName } = await villageOf(t, "421081003");
    const agent = await t.as(agentName);
    const c = ok((await register(agent, item.code, item.materialIds)).registerCase);
    expect(c.queryCode).toMatch(/^[A-Z2-9]{6}$/);

    const { case: seen } = await agent.ok(`query($n: String!) { case(number: $n) { documents { kind title url } } }`, { n: c.number });
    expect(seen.documents).toEqual([{ kind: "RECEIPT", title: "办件登记回执", url: `/documents/cases/${c.number}/receipt.pdf` }]);
    const file = await download(agent, `${t.url}/documents/cases/${c.number}/receipt.pdf`);
    expect(file.status).toBe(200);
    expect(file.type).toBe("application/pdf");
    const { qrCodes } = await readPdf(file.body);
    const text = await pdfText(file.body);
    for (const expected of ["办件登记回执", c.number, c.queryCode, "张三", await pointName(village), "领取办理结果", "逐级移交", "5个工作日", ...(await materialNames(t, item.materialIds))]) {
      expect(text).toContain(expected);
    }
    // The citizen's own paper: the QR code opens the status page with number and code filled in (as on every notice).
    expect(qrCodes).toEqual([`${PUBLIC_URL}/status?number=${c.number}&code=${c.queryCode}`]);

    // The township above reads the case (R8) but does not print its notices (Q1): no receipt.
    const township = await t.as("t03");
    const { case: forTownship } = await township.ok(`query($n: String!) { case(number: $n) { queryCode documents { kind } } }`, { n: c.number });
    expect(forTownship).toEqual({ queryCode: null, documents: [] });
    expect((await download(township, `${t.url}/documents/cases/${c.number}/receipt.pdf`)).status).toBe(403);
    expect((await download(await t.as("t07"), `${t.url}/documents/cases/${c.number}/receipt.pdf`)).status).toBe(403);
    expect((await download(null, `${t.url}/documents/cases/${c.number}/receipt.pdf`)).status).toBe(401);
  });

  it("prints a city window's receipt with the acceptance deadline as next step", async () => {
    const item = await itemFixture(t, CITY_ONLY);
    const clerk = await t.as(clerkOf(item));
    const c = ok((await register(clerk, item.code, item.materialIds)).registerCase);
    const accepted = ok(await act(clerk, "acceptCase", { caseNumber: c.number, kind: "COMMITTED" }));
    const text = await pdfText((await download(clerk, `${t.url}/documents/cases/${c.number}/receipt.pdf`)).body);
    expect(text).toContain("承诺");
    expect(text).toContain(`${Number(accepted.deadline.slice(0, 4))}年${Number(accepted.deadline.slice(5, 7))}月${Number(accepted.deadline.slice(8))}日`);
    expect(text).toContain(item.windowCode);
  });

  it("prints a township centre's receipt for a township item, handled there", async () => {
    const item = await itemFixture(t, `i.level = 'TOWNSHIP'`, "421081003");
    const township = await t.as("t03");
    const c = ok((await register(township, item.code, item.materialIds)).registerCase);
    const file = await download(township, `${t.url}/documents/cases/${c.number}/receipt.pdf`);
    expect(file.status).toBe(200);
    const text = await pdfText(file.body);
    for (const expected of ["办件登记回执", c.number, c.queryCode, await pointName("421081003"), item.windowCode, "收到材料之日起5个工作日内"]) expect(text).toContain(expected);
  });

  it("prints the hand-over lists of a relay, per day and per case, with both signature lines; other townships are refused", async () => {
    const item = await itemFixture(t, CITY_ONLY);
    const { village, agent: agentName } = await villageOf(t, "421081003");
    const agent = await t.as(agentName);
    const township = await t.as("t03");
    const c = ok((await register(agent, item.code, item.materialIds)).registerCase);
    ok(await act(agent, "handOverCase", { caseNumber: c.number, note: "原件3份" }));
    ok(await act(township, "handOverCase", { caseNumber: c.number }));
    const names = await materialNames(t, item.materialIds);

    const villageDay = `${t.url}/documents/handovers/${village}/${DAY}.pdf`;
    for (const who of [agent, township]) {
      const file = await download(who, villageDay);
      expect(file.status).toBe(200);
      const text = await pdfText(file.body);
      for (const expected of ["办件移交清单", await pointName(village), await pointName("421081003"), c.number, "张三", names[0], "原件3份", "移交人（签字）", "接收人（签字）"]) expect(text).toContain(expected);
    }
    const townshipDay = await pdfText((await download(township, `${t.url}/documents/handovers/421081003/${DAY}.pdf`)).body);
    expect(townshipDay).toContain(await pointName("421081"));
    expect(townshipDay).toContain(c.number);

    const perCase = await download(township, `${t.url}/documents/cases/${c.number}/handover.pdf`);
    expect(perCase.status).toBe(200);
    const perCaseText = await pdfText(perCase.body);
    expect(perCaseText).toContain(c.number);
    expect(perCaseText).toContain(await pointName("421081")); // the latest relay: township → city
    const { case: forTownship } = await township.ok(`query($n: String!) { case(number: $n) { documents { kind url } } }`, { n: c.number });
    expect(forTownship.documents).toEqual([{ kind: "HANDOVER", url: `/documents/cases/${c.number}/handover.pdf` }]);

    expect((await download(await t.as("t07"), villageDay)).status).toBe(403);
    expect((await download(null, villageDay)).status).toBe(401);
    expect((await download(agent, `${t.url}/documents/handovers/${village}/2026-11-20.pdf`)).status).toBe(404);
    expect((await download(agent, `${t.url}/documents/handovers/${village}/2026-13-45.pdf`)).status).toBe(404);
  });

  it("shows where and when to collect the result once decided, and that it is ready once handed back", async () => {
    const item = await itemFixture(t, CITY_ONLY);
    const { village, agent: agentName } = await villageOf(t, "421081003");
    const agent = await t.as(agentName);
    const township = await t.as("t03");
    const clerk = await t.as(clerkOf(item));
    const c = ok((await register(agent, item.code, item.materialIds)).registerCase);
    const lookup = async () => (await t.anonymous().ok(STATUS, { n: c.number, c: c.queryCode })).caseStatus;
    expect((await lookup()).collection).toBeNull();
    ok(await act(agent, "handOverCase", { caseNumber: c.number }));
    ok(await act(township, "handOverCase", { caseNumber: c.number }));
    ok(await act(clerk, "acceptCase", { caseNumber: c.number, kind: "COMMITTED" }));
    ok(await act(await t.as(headOf(item.departmentCode, "deputy")), "decideCase", { caseNumber: c.number, approve: true, idempotencyKey: newKey() }));
    expect((await lookup()).collection).toMatchObject({ pointName: await pointName(village), windowName: null, officeHours: ["08:30-12:00", "14:30-17:30"], schedule: [], ready: false });
    ok(await act(clerk, "handBackResult", { caseNumber: c.number }));
    ok(await act(township, "handBackResult", { caseNumber: c.number }));
    expect((await lookup()).collection).toMatchObject({ pointName: await pointName(village), ready: true });
    const back = await pdfText((await download(township, `${t.url}/documents/handovers/421081003/${DAY}.pdf`)).body);
    expect(back).toContain("办理结果（准予行政许可）");
    ok(await act(agent, "closeCase", { caseNumber: c.number, via: "VILLAGE_AGENT" }));
    expect((await lookup()).collection).toBeNull();

    // At the city window: the window itself.
    const direct = ok((await register(clerk, item.code, item.materialIds)).registerCase);
    ok(await act(clerk, "returnCase", { caseNumber: direct.number, category: "NOT_IN_SCOPE", reason: "不属于本机关受理范围" }));
    const there = (await t.anonymous().ok(STATUS, { n: direct.number, c: direct.queryCode })).caseStatus;
    expect(there.collection).toMatchObject({ pointName: await pointName("421081"), windowCode: item.windowCode, ready: true });
  });

  it("prints the authorization letter for its department's heads, the holder and overseers; refuses others", async () => {
    const supervisor = await t.as("supervisor");
    const { authorizationLetters } = await supervisor.ok(`{ authorizationLetters(departmentCode: "GAJ", first: 1) { nodes { id number seal { code } holder { displayName } } } }`);
    const letter = authorizationLetters.nodes[0];
    const url = `${t.url}/documents/letters/${letter.id}.pdf`;
    for (const who of ["gaj.director", "gaj.deputy", "supervisor"]) {
      const file = await download(await t.as(who), url);
      expect(file.status).toBe(200);
      const text = await pdfText(file.body);
      for (const expected of ["授权委托书", letter.number, letter.seal.code, letter.holder.displayName, "有效期", "委托人", "受托人"]) expect(text).toContain(expected);
    }
    const [other] = (await t.app.services.db.manager.query(`SELECT code FROM department WHERE code <> 'GAJ' ORDER BY code LIMIT 1`)) as { code: string }[];
    expect((await download(await t.as(headOf(other.code, "deputy")), url)).status).toBe(403);
    expect((await download(await t.as("t07"), url)).status).toBe(403);
    expect((await download(null, url)).status).toBe(401);
    expect((await download(supervisor, `${t.url}/documents/letters/99999999.pdf`)).status).toBe(404);
  });

  it("lists defects of handed-in materials on the supplement notice: stored, on the timeline, printed", async () => {
    const item = await itemFixture(t, `i.level = 'CITY' AND i."defaultKind" = 'COMMITTED' AND (SELECT COUNT(*) FROM material m WHERE m."itemId" = i.id AND m.required = TRUE) >= 2`);
    const clerk = await t.as(clerkOf(item));
    const c = ok((await register(clerk, item.code, item.materialIds.filter((id) => id !== item.requiredIds[0]))).registerCase);
    const defects = ["身份证复印件不清晰", "申请表未签字"];
    const { issueSupplementNotice: noticed } = await clerk.ok(SUPPLEMENT, { input: { caseNumber: c.number, defects: [...defects, " 申请表未签字 "] } });
    expect(noticed.userErrors).toEqual([]);
    expect(noticed.case.supplementNotice.defects).toEqual(defects);
    const event = noticed.case.events.find((e: { type: string }) => e.type === "SUPPLEMENT_REQUESTED");
    expect(event.summary).toContain("身份证复印件不清晰");
    const text = await pdfText((await download(clerk, `${t.url}/documents/cases/${c.number}/supplement.pdf`)).body);
    for (const expected of [...defects, "已提交材料需要更正的问题（共2处）", noticed.case.supplementNotice.missing[0]]) expect(text).toContain(expected);

    // Defects alone make a notice too: every material handed in, one of them unreadable.
    const complete = ok((await register(clerk, item.code, item.materialIds)).registerCase);
    const { issueSupplementNotice: only } = await clerk.ok(SUPPLEMENT, { input: { caseNumber: complete.number, defects: ["营业执照复印件已过期"] } });
    expect(only.userErrors).toEqual([]);
    expect(only.case.supplementNotice).toEqual({ missing: [], defects: ["营业执照复印件已过期"] });
    expect(await pdfText((await download(clerk, `${t.url}/documents/cases/${complete.number}/supplement.pdf`)).body)).toContain("营业执照复印件已过期");
  });

  it("refuses an empty, blank or over-long defect with BAD_USER_INPUT naming input.defects, writing nothing", async () => {
    const item = await itemFixture(t, CITY_ONLY);
    const clerk = await t.as(clerkOf(item));
    const c = ok((await register(clerk, item.code, item.materialIds)).registerCase);
    const supervisor = await t.as("supervisor");
    const before = await stateOf(supervisor, c.number);
    for (const [defects, rule] of [[[""], "visible"], [["   "], "visible"], [["缺"], "minLength"], [["很".repeat(201)], "maxLength"], [Array.from({ length: 21 }, (_, i) => `问题${i}号`), "arrayMaxSize"]] as const) {
      const result = await clerk.gql(SUPPLEMENT, { input: { caseNumber: c.number, defects } });
      expect(result.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
      expect(result.errors?.[0].extensions?.fields).toContainEqual(expect.objectContaining({ field: "input.defects", rule }));
    }
    expect(await stateOf(supervisor, c.number)).toEqual(before);
  });
});
