import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { languageOf } from "../../server/src/common/messages";
import { startTestApp, type ApiClient, type TestApp } from "../support/app";

/**
 * Every refusal carries a stable code, a reason from the registry (server/src/common/reasons.ts) and
 * its params; the server's own sentence is zh-CN unless the request asks for English.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const CREATE_WINDOW = `mutation($input: CreateServiceWindowInput!) {
  createServiceWindow(input: $input) { window { code } userErrors { field message code rule reason params { name value } } }
}`;
const TAKEN = { pointCode: "421081", code: "C02", number: 91, name: "重复编码的窗口", kind: "FINANCE" };
const QUEUE = `query($code: String!) { windowQueue(windowCode: $code) { totalCount } }`;

async function admin(language?: string): Promise<ApiClient> {
  const client = await t.as("admin");
  client.acceptLanguage = language;
  return client;
}

describe("a refusal in a mutation payload (userErrors)", () => {
  it("carries code, reason and params, and its message is zh-CN by default", async () => {
    const { createServiceWindow } = await (await admin()).ok(CREATE_WINDOW, { input: TAKEN });
    expect(createServiceWindow.window).toBeNull();
    expect(createServiceWindow.userErrors).toEqual([
      { field: ["input", "code"], code: "DUPLICATE", rule: null, reason: "WINDOW_CODE_TAKEN", params: [{ name: "code", value: "C02" }], message: "窗口编码 C02 已存在。" },
    ]);
  });

  it("is worded in English with Accept-Language: en (and en-US, en-GB …), the code and params unchanged", async () => {
    for (const language of ["en", "en-US", "en-GB,en;q=0.9", "fr-FR, en;q=0.5"]) {
      const { createServiceWindow } = await (await admin(language)).ok(CREATE_WINDOW, { input: TAKEN });
      expect(createServiceWindow.userErrors[0], language).toMatchObject({
        code: "DUPLICATE",
        reason: "WINDOW_CODE_TAKEN",
        params: [{ name: "code", value: "C02" }],
        message: "A window with code C02 already exists.",
      });
    }
  });

  it("stays Chinese when Chinese is preferred or the language is one the server does not speak", async () => {
    for (const language of ["zh-CN", "zh-CN,zh;q=0.9,en;q=0.8", "fr", "en;q=0", "*"]) {
      const { createServiceWindow } = await (await admin(language)).ok(CREATE_WINDOW, { input: TAKEN });
      expect(createServiceWindow.userErrors[0].message, language).toBe("窗口编码 C02 已存在。");
    }
  });

  it("puts no personal data in params: an unknown holder of a letter is named by neither message nor params", async () => {
    const director = await t.as("gaj.director");
    const result = await director.gql(
      `mutation($input: IssueLetterInput!) { issueAuthorizationLetter(input: $input) { letter { id } userErrors { field message reason params { name value } } } }`,
      {
        input: {
          idempotencyKey: "i18n-unknown-holder",
          holderUsername: "wangxiaoming_nobody",
          allItems: true,
          itemCodes: [],
          sealCode: "GAJ-SP-01",
          validFrom: "2026-12-01T00:00:00+08:00",
          validTo: "2027-06-01T00:00:00+08:00",
        },
      },
    );
    expect(result.data?.issueAuthorizationLetter.userErrors).toEqual([
      { field: ["input", "holderUsername"], reason: "LETTER_HOLDER_NOT_FOUND", params: [], message: "没有这个在职的工作人员账号。" },
    ]);
    expect(JSON.stringify(result)).not.toContain("wangxiaoming_nobody");
  });
});

describe("params never carry personal data", () => {
  it("masks an ID number or a mobile echoed from the input", async () => {
    const result = await (await admin()).gql(
      `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { userErrors { reason params { name value } message } } }`,
      { input: { name: "测试令牌", scopes: ["420102199001011237", "13912345678"] } },
    );
    const [error] = result.data?.createApiToken.userErrors ?? [];
    expect(error).toMatchObject({ reason: "TOKEN_UNKNOWN_SCOPE" });
    const text = JSON.stringify(result);
    expect(text).not.toContain("420102199001011237");
    expect(text).not.toContain("13912345678");
    expect(text).toContain("4201**********1237");
  });
});

describe("a top-level GraphQL error", () => {
  it("carries extensions.code, extensions.reason and extensions.params, zh-CN by default and English on request", async () => {
    const zh = await (await admin()).gql(QUEUE, { code: "NOPE9" });
    expect(zh.errors?.[0]).toMatchObject({ message: "没有这个窗口编号。", extensions: { code: "NOT_FOUND", reason: "WINDOW_NOT_FOUND", params: { code: "NOPE9" } } });
    const en = await (await admin("en-US")).gql(QUEUE, { code: "NOPE9" });
    expect(en.errors?.[0]).toMatchObject({ message: "No such window.", extensions: { code: "NOT_FOUND", reason: "WINDOW_NOT_FOUND", params: { code: "NOPE9" } } });
  });

  it("words UNAUTHENTICATED for a citizen calling a staff query", async () => {
    const citizen = t.anonymous();
    const zh = await citizen.gql(QUEUE, { code: "C02" });
    expect(zh.errors?.[0]).toMatchObject({ message: "请先登录。", extensions: { code: "UNAUTHENTICATED", reason: "UNAUTHENTICATED" } });
    citizen.acceptLanguage = "en";
    expect((await citizen.gql(QUEUE, { code: "C02" })).errors?.[0].message).toBe("You must log in first.");
  });

  it("words a rule broken in a query (BAD_USER_INPUT from a RuleViolation) with its field", async () => {
    const query = `{ caseExport(from: "2026-11-30", to: "2026-11-01") { totalCount } }`;
    const zh = await (await admin()).gql(query);
    expect(zh.errors?.[0]).toMatchObject({
      message: "导出期间的结束日期不得早于开始日期。",
      extensions: { code: "BAD_USER_INPUT", reason: "EXPORT_PERIOD_REVERSED", rule: "E3", field: "to" },
    });
    const en = await (await admin("en")).gql(query);
    expect(en.errors?.[0].message).toBe("The end of the export period may not be before its start.");
  });
});

describe("field problems of BAD_USER_INPUT (extensions.fields)", () => {
  const tooLong = { ...TAKEN, code: "Z7", name: "长".repeat(5000) };

  it("name each field by its input path, its rule and the rule's limit, worded per language", async () => {
    const zh = await (await admin()).gql(CREATE_WINDOW, { input: tooLong });
    const error = zh.errors?.[0];
    expect(error?.extensions).toMatchObject({ code: "BAD_USER_INPUT", reason: "INVALID_INPUT", params: { fields: "input.name" } });
    const fields = error?.extensions?.fields as { field: string; rule: string; params: { limit: number }; message: string }[];
    expect(fields).toHaveLength(1);
    expect(fields[0]).toMatchObject({ field: "input.name", rule: "maxLength", params: { limit: expect.any(Number) } });
    expect(fields[0].message).toBe(`最多 ${fields[0].params.limit} 个字符。`);
    expect(error?.message).toBe("输入有误：input.name。");

    const en = await (await admin("en")).gql(CREATE_WINDOW, { input: tooLong });
    const enFields = en.errors?.[0].extensions?.fields as unknown as { message: string; params: { limit: number } }[];
    expect(enFields[0].message).toBe(`At most ${enFields[0].params.limit} characters.`);
    expect(en.errors?.[0].message).toBe("Invalid input: input.name.");
  });

  it("name a text rule (a name of zero-width characters only) the same way", async () => {
    const result = await (await admin()).gql(CREATE_WINDOW, { input: { ...TAKEN, code: "Z8", name: "\u200B\u200B" } });
    expect(result.errors?.[0].extensions?.fields).toEqual([
      { field: "input.name", rule: "visible", params: {}, message: "须含可见字符，不能只有空白或零宽字符。" },
    ]);
  });
});

describe("Accept-Language", () => {
  it("selects English for en tags by quality, Chinese otherwise", () => {
    expect(languageOf(undefined)).toBe("zh-CN");
    expect(languageOf("")).toBe("zh-CN");
    expect(languageOf("en")).toBe("en-US");
    expect(languageOf("EN-us")).toBe("en-US");
    expect(languageOf("zh-CN,zh;q=0.9,en;q=0.8")).toBe("zh-CN");
    expect(languageOf("en;q=0.4, zh;q=0.8")).toBe("zh-CN");
    expect(languageOf("de, en;q=0.1")).toBe("en-US");
    expect(languageOf("en;q=0")).toBe("zh-CN");
    expect(languageOf("x".repeat(10_000))).toBe("zh-CN");
  });
});
