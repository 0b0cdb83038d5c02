import { describe, expect, it } from "vitest";
import { REFUSALS } from "../../server/src/modules/supervision/supervision.rules";
import { supervisionEnUS } from "../../client/src/lib/locales/supervision.en-US";
import { supervisionZhCN } from "../../client/src/lib/locales/supervision.zh-CN";

describe("every supervision refusal is translated in the SPA", () => {
  it("has a zh-CN and an en-US sentence for each reason code the server sends", () => {
    for (const reason of REFUSALS) {
      expect(supervisionZhCN.refusals[reason], `zh-CN ${reason}`).toMatch(/\S/);
      expect(supervisionEnUS.refusals[reason], `en-US ${reason}`).toMatch(/\S/);
    }
    expect(Object.keys(supervisionZhCN.refusals).sort()).toEqual([...REFUSALS].sort());
  });
});
