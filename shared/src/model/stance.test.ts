import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { writeTemplate } from "../templates/phasedReciprocal.js";
import { stancesMap } from "./maps.js";
import { mayRecordStance, readStance, readStances, setStance, stanceContext } from "./stance.js";

function rooms() {
  const framework = new Y.Doc();
  const discussion = new Y.Doc();
  const r = writeTemplate(framework, { title: "T" });
  if (!r.ok) throw new Error(r.error.message);
  return { framework, discussion, termId: r.value.termIds[0] ?? "", ctx: stanceContext(framework) };
}
const actor = { name: "Bo", party: "party-b" };

describe("stances (discussion room)", () => {
  it("records a stance with condition, who and when, in the discussion doc only", () => {
    const { framework, discussion, termId, ctx } = rooms();
    const frameworkBefore = Y.encodeStateAsUpdate(framework);
    const r = setStance(
      discussion,
      { termId, partyId: "party-b", stance: "acceptsWithConditions", condition: " if verified " },
      ctx,
      { actor },
    );
    expect(r).toMatchObject({
      ok: true,
      value: { stance: "acceptsWithConditions", condition: "if verified", by: actor },
    });
    expect(readStance(discussion, termId, "party-b")).toMatchObject({
      valid: true,
      value: { condition: "if verified" },
    });
    expect(Y.encodeStateAsUpdate(framework)).toEqual(frameworkBefore);
  });

  it("drops the condition for other stances", () => {
    const { discussion, termId, ctx } = rooms();
    const r = setStance(
      discussion,
      { termId, partyId: "party-a", stance: "accepts", condition: "ignored" },
      ctx,
      { actor },
    );
    expect(r).toMatchObject({ ok: true, value: { condition: null } });
  });

  it("refuses unknown stance, unknown party, unknown term, missing condition — and writes nothing", () => {
    const { discussion, termId, ctx } = rooms();
    const cases = [
      [{ termId, partyId: "party-a", stance: "maybe" }, "unknownStance"],
      [{ termId, partyId: "party-z", stance: "accepts" }, "unknownParty"],
      [{ termId: "t-none", partyId: "party-a", stance: "accepts" }, "unknownTerm"],
      [{ termId, partyId: "party-a", stance: "acceptsWithConditions", condition: "  " }, "invalid"],
    ] as const;
    for (const [input, code] of cases) {
      expect(setStance(discussion, input, ctx, { actor })).toMatchObject({
        ok: false,
        error: { code },
      });
    }
    expect(stancesMap(discussion).size).toBe(0);
  });

  it("keeps concurrent stances of two parties on one term", () => {
    const { termId, ctx } = rooms();
    const d1 = new Y.Doc();
    const d2 = new Y.Doc();
    setStance(d1, { termId, partyId: "party-a", stance: "accepts" }, ctx, { actor });
    setStance(d2, { termId, partyId: "party-b", stance: "rejects" }, ctx, { actor });
    Y.applyUpdate(d1, Y.encodeStateAsUpdate(d2));
    Y.applyUpdate(d2, Y.encodeStateAsUpdate(d1));
    expect(
      readStances(d1)
        .map((s) => s.partyId)
        .sort(),
    ).toEqual(["party-a", "party-b"]);
    expect(readStances(d2)).toEqual(readStances(d1));
  });

  it("reads invalid stored stances without throwing", () => {
    const { discussion, termId } = rooms();
    stancesMap(discussion).set(`${termId}:party-a`, { stance: "loves", by: 3 });
    stancesMap(discussion).set("garbage key with spaces", { stance: "accepts" });
    const all = readStances(discussion);
    expect(all).toHaveLength(1);
    expect(all[0]?.record).toMatchObject({ valid: false, raw: { stance: "loves" } });
  });

  it("lets commenters record only their own party's stance", () => {
    expect(mayRecordStance({ role: "commenter", party: "party-b" }, "party-b")).toBe(true);
    expect(mayRecordStance({ role: "commenter", party: "party-b" }, "party-a")).toBe(false);
    expect(mayRecordStance({ role: "drafter", party: null }, "party-a")).toBe(false);
    expect(mayRecordStance({ role: "drafter", party: "party-b" }, "party-a")).toBe(false);
    expect(mayRecordStance({ role: "drafter", party: "party-a" }, "party-a")).toBe(true);
    expect(mayRecordStance({ role: "mediator", party: null }, "party-a")).toBe(true);
    expect(mayRecordStance({ role: "observer", party: "party-a" }, "party-a")).toBe(false);
  });
});
