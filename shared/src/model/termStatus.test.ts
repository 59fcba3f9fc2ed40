import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { writeTemplate } from "../templates/phasedReciprocal.js";
import { ACTOR, NOW } from "../test/frameworkFixtures.js";
import { termStatusMap } from "./maps.js";
import {
  effectiveStatus,
  readTermStatus,
  readTermStatuses,
  setTermStatus,
  termIdsInDoc,
} from "./term.js";

function framework() {
  const doc = new Y.Doc();
  const r = writeTemplate(doc, { title: "T" });
  if (!r.ok) throw new Error(r.error.message);
  return { doc, termId: r.value.termIds[1] ?? "" };
}

describe("term status", () => {
  it("reads term ids straight from the Yjs text", () => {
    const { doc, termId } = framework();
    expect(termIdsInDoc(doc).has(termId)).toBe(true);
  });

  it("sets a status and records who and when in the history", () => {
    const { doc, termId } = framework();
    const r = setTermStatus(doc, termId, "underDiscussion", { actor: ACTOR, now: NOW });
    expect(r).toMatchObject({
      ok: true,
      value: { status: "underDiscussion", by: ACTOR, at: NOW.toISOString() },
    });
    setTermStatus(doc, termId, "agreedAdReferendum", {
      actor: { name: "Bo", party: "party-b" },
      now: NOW,
    });
    const record = readTermStatus(doc, termId);
    expect(record?.valid && record.value.history.map((h) => h.status)).toEqual([
      "proposed",
      "underDiscussion",
      "agreedAdReferendum",
    ]);
    expect(record?.valid && record.value.by).toEqual({ name: "Bo", party: "party-b" });
  });

  it("refuses unknown statuses, unknown terms and missing actors, writing nothing", () => {
    const { doc, termId } = framework();
    const before = Y.encodeStateAsUpdate(doc);
    const r = setTermStatus(doc, termId, "done", { actor: ACTOR });
    expect(r).toMatchObject({ ok: false, error: { code: "unknownStatus" } });
    if (!r.ok) expect(r.error.message).toContain('Unknown status "done"');
    expect(setTermStatus(doc, "t-nope", "agreed", { actor: ACTOR })).toMatchObject({
      ok: false,
      error: { code: "unknownTerm" },
    });
    expect(
      setTermStatus(doc, termId, "agreed", { actor: { name: "", party: null } }),
    ).toMatchObject({ ok: false, error: { code: "invalid" } });
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it("reads an invalid stored status without throwing and shows it as invalid", () => {
    const { doc, termId } = framework();
    termStatusMap(doc).set(termId, { status: "signed", history: "lots" });
    const record = readTermStatus(doc, termId);
    expect(record?.valid).toBe(false);
    expect(effectiveStatus(record)).toMatchObject({ valid: false, raw: "signed" });
    expect(readTermStatuses(doc).get(termId)?.valid).toBe(false);
    // A valid change replaces the bad record.
    expect(setTermStatus(doc, termId, "parked", { actor: ACTOR }).ok).toBe(true);
    expect(effectiveStatus(readTermStatus(doc, termId))).toEqual({ valid: true, value: "parked" });
  });

  it("converges when two people change one term's status at the same time", () => {
    const { doc, termId } = framework();
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    expect(setTermStatus(doc, termId, "agreed", { actor: ACTOR }).ok).toBe(true);
    expect(
      setTermStatus(other, termId, "parked", { actor: { name: "Bo", party: "party-b" } }).ok,
    ).toBe(true);
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    expect(readTermStatus(doc, termId)).toEqual(readTermStatus(other, termId));
    expect(readTermStatus(doc, termId)?.valid).toBe(true);
  });

  it("a term without a record is proposed", () => {
    expect(effectiveStatus(null)).toEqual({ valid: true, value: "proposed" });
  });
});
