import { describe, expect, it } from "vitest";
import type { Checked } from "../model/attr.js";
import { listTerms } from "../model/documentJson.js";
import type { StanceRecord, StoredStance } from "../model/stance.js";
import { doc, h2, PARTIES, p, t, term } from "../test/frameworkFixtures.js";
import { buildStanceMatrix, summariseRow } from "./stanceMatrix.js";

const by = { name: "X", party: null };
const at = "2026-11-26T12:00:00.000Z";
function stance(
  termId: string,
  partyId: string,
  s: StanceRecord["stance"],
  condition: string | null = null,
): StoredStance {
  const record: Checked<StanceRecord> = { valid: true, value: { stance: s, condition, by, at } };
  return { termId, partyId, record };
}

const text = doc(
  h2("1. General"),
  term("t-1", [p(t("One"))]),
  term("t-2", [p(t("Two"))]),
  h2("2. Verification"),
  term("t-3", [p(t("Three"))]),
  term("t-4", [p(t("Four"))]),
  term("t-5", [p(t("Five"))]),
);

describe("stance matrix", () => {
  const matrix = buildStanceMatrix({
    terms: listTerms(text),
    parties: PARTIES,
    stances: [
      stance("t-1", "party-a", "accepts"),
      stance("t-1", "party-b", "accepts"),
      stance("t-2", "party-a", "accepts"),
      stance("t-2", "party-b", "acceptsWithConditions", "if verified"),
      stance("t-3", "party-a", "rejects"),
      stance("t-4", "party-a", "accepts"),
      stance("t-5", "party-a", "accepts"),
      {
        termId: "t-5",
        partyId: "party-b",
        record: { valid: false, raw: { stance: "loves" }, message: "invalid stance" },
      },
      // Stances of non-voting or removed parties do not count.
      stance("t-1", "med", "rejects"),
      stance("t-1", "gone", "rejects"),
    ],
  });

  it("has a column per voting party that takes part", () => {
    expect(matrix.parties.map((p) => p.id)).toEqual(["party-a", "party-b"]);
  });

  it("has a row per term, numbered, with a cell per party", () => {
    expect(matrix.rows.map((r) => [r.termId, r.label])).toEqual([
      ["t-1", "Art. 1.1"],
      ["t-2", "Art. 1.2"],
      ["t-3", "Art. 2.1"],
      ["t-4", "Art. 2.2"],
      ["t-5", "Art. 2.3"],
    ]);
    expect(matrix.rows[1]?.cells["party-b"]).toMatchObject({
      kind: "stance",
      stance: "acceptsWithConditions",
      condition: "if verified",
    });
    expect(matrix.rows[3]?.cells["party-b"]).toMatchObject({ kind: "stance", stance: "notStated" });
    expect(matrix.rows[4]?.cells["party-b"]).toMatchObject({
      kind: "invalid",
      raw: { stance: "loves" },
    });
  });

  it("summarises each row", () => {
    expect(matrix.rows.map((r) => r.summary)).toEqual([
      "allAccept",
      "conditions",
      "blocked",
      "incomplete",
      "incomplete",
    ]);
    expect(matrix.totals).toEqual({ allAccept: 1, conditions: 1, blocked: 1, incomplete: 2 });
  });

  it("lets the caller choose the roles that get a column", () => {
    const withMediator = buildStanceMatrix({
      terms: listTerms(text),
      parties: PARTIES,
      stances: [],
      roles: ["party", "mediator"],
    });
    expect(withMediator.parties.map((p) => p.id)).toEqual(["party-a", "party-b", "med"]);
  });

  it("puts rejection before anything missing", () => {
    expect(
      summariseRow([
        { kind: "stance", stance: "rejects", condition: null, by: null, at: null },
        { kind: "invalid", raw: 1, message: "" },
      ]),
    ).toBe("blocked");
    expect(summariseRow([])).toBe("incomplete");
  });
});
