import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestApp, type TestApp } from "../support/app";
import { CITY_ONLY, clerkOf } from "../support/case-steps";
import { idNumber, itemFixture } from "../support/cases";

const ID_NUMBER = idNumber();
const PHONE = "13871234567";

/** Everything the process prints while `run` runs (console and stdout/stderr). */
async function captured(run: () => Promise<unknown>): Promise<string> {
  const lines: string[] = [];
  const keep = (...args: unknown[]) => void lines.push(args.map((a) => (a instanceof Error ? `${a.stack} ${JSON.stringify(a)}` : typeof a === "string" ? a : JSON.stringify(a) ?? String(a))).join(" "));
  const spies = (["log", "info", "warn", "error", "debug"] as const).map((level) => vi.spyOn(console, level).mockImplementation(keep));
  const writes = [process.stdout, process.stderr].map((stream) =>
    vi.spyOn(stream, "write").mockImplementation((chunk: unknown) => (lines.push(String(chunk)), true)),
  );
  try {
    await run();
  } finally {
    for (const spy of [...spies, ...writes]) spy.mockRestore();
  }
  return lines.join("\n");
}

/** Makes the database refuse this applicant's registration (a constraint the server does not know about). */
async function forceFailure(t: TestApp): Promise<void> {
  const em = t.app.services.db.manager;
  if (t.engine === "postgres") await em.query(`ALTER TABLE case_file ADD CONSTRAINT forced_failure CHECK ("applicantPhone" <> '${PHONE}')`);
  else await em.query(`CREATE TRIGGER forced_failure BEFORE INSERT ON case_file WHEN NEW."applicantPhone" = '${PHONE}' BEGIN SELECT RAISE(ABORT, 'forced failure'); END`);
}

const tryToRegister = async (t: TestApp) => {
  const item = await itemFixture(t, CITY_ONLY);
  const clerk = await t.as(clerkOf(item));
  return clerk.gql(
    `mutation($input: RegisterCaseInput!) { registerCase(input: $input) { case { number } userErrors { code } } }`,
    { input: { itemCode: item.code, applicant: { name: "李四", idNumber: ID_NUMBER, phone: PHONE }, materialIds: item.materialIds, idempotencyKey: `k-${Date.now()}` } },
  );
};

describe("no personal data in logs", () => {
  afterEach(() => vi.restoreAllMocks());

  describe("without LOG_SQL", () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
      await forceFailure(t);
    });
    afterAll(() => t.close());

    it("a failed registration answers INTERNAL_SERVER_ERROR and logs neither the ID number nor the phone, nor any SQL parameters", async () => {
      let answer: Awaited<ReturnType<typeof tryToRegister>> | undefined;
      const log = await captured(async () => (answer = await tryToRegister(t)));
      expect(answer?.errors?.[0].extensions?.code).toBe("INTERNAL_SERVER_ERROR");
      expect(JSON.stringify(answer)).not.toMatch(/forced|constraint|stack/i);
      expect(log).toContain("[graphql] unexpected error");
      expect(log).not.toContain(ID_NUMBER);
      expect(log).not.toContain(PHONE);
      expect(log).not.toContain("李四");
      expect(log).not.toMatch(/\[sql\]|parameters/);
    });
  });

  describe("with LOG_SQL=true", () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ config: { logSql: true } });
      await forceFailure(t);
    });
    afterAll(() => t.close());

    it("prints the statements with ID numbers and phones masked", async () => {
      const log = await captured(() => tryToRegister(t));
      expect(log).toContain("[sql]");
      expect(log).toContain("[sql error]");
      expect(log).toContain(`${ID_NUMBER.slice(0, 4)}**********${ID_NUMBER.slice(-4)}`);
      expect(log).toContain("138****4567");
      expect(log).not.toContain(ID_NUMBER);
      expect(log).not.toContain(PHONE);
    });
  });
});
