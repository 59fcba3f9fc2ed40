import { describe, expect, it } from "vitest";
import type { Checked } from "../model/attr.js";
import { listTerms } from "../model/documentJson.js";
import type { TermStatusRecord } from "../model/term.js";
import type { TermStatus } from "../model/vocabulary.js";
import { bracket, doc, h2, option, p, t, term } from "../test/frameworkFixtures.js";
import { computeProgress } from "./progress.js";

const by = { name: "X", party: null };
const at = "2026-11-26T12:00:00.000Z";
const rec = (status: TermStatus): Checked<TermStatusRecord> => ({
  valid: true,
  value: { status, by, at, history: [{ status, by, at }] },
});
const open = (id: string) =>
  bracket(id, [option(`${id}-1`, [t("a")]), option(`${id}-2`, [t("b")])]);

const text = doc(
  h2("1. General"),
  term("t-1", [p(t("One"))]),
  term(
    "t-2",
    [p(t("Two "), bracket("b-1", [option("o-1", [open("b-2")]), option("o-2", [])]))],
    "verification",
  ),
  term("t-3", [p(t("Three"))], "verification"),
  term("t-4", [p(t("Four"))], "bogus"),
  term("t-5", [p(t("Five"))], "guarantees"),
  p(t("Preamble "), open("b-3")),
);

describe("progress", () => {
  const statuses = new Map<string, Checked<TermStatusRecord>>([
    ["t-1", rec("agreed")],
    ["t-2", rec("underDiscussion")],
    ["t-3", rec("agreedAdReferendum")],
    ["t-4", { valid: false, raw: { status: "signed" }, message: "invalid" }],
    ["t-5", rec("withdrawn")],
  ]);
  const progress = computeProgress({ doc: text, terms: listTerms(text), statuses });

  it("counts terms by status, invalid ones apart", () => {
    expect(progress.terms).toBe(5);
    expect(progress.byStatus).toEqual({
      proposed: 0,
      underDiscussion: 1,
      agreedAdReferendum: 1,
      agreed: 1,
      parked: 0,
      withdrawn: 1,
      invalid: 1,
    });
  });

  it("counts by category and status", () => {
    expect(progress.byCategory.general.agreed).toBe(1);
    expect(progress.byCategory.verification).toMatchObject({
      underDiscussion: 1,
      agreedAdReferendum: 1,
    });
    expect(progress.byCategory.invalid.invalid).toBe(1);
    expect(progress.byCategory.guarantees.withdrawn).toBe(1);
  });

  it("counts open brackets, nested and outside terms included", () => {
    expect(progress.openBrackets).toBe(3);
    expect(progress.openBracketsByTerm).toMatchObject({ "t-1": 0, "t-2": 2 });
  });

  it("nothing is agreed until everything is agreed", () => {
    expect(progress.liveTerms).toBe(4);
    expect(progress.shareAgreed).toBe(0.25);
    expect(progress.shareAgreedAdReferendum).toBe(0.5);
    expect(progress.everythingAgreed).toBe(false);
    const allAgreed = doc(term("t-1", [p(t("One"))]), term("t-2", [p(t("Two"))]));
    const done = computeProgress({
      doc: allAgreed,
      terms: listTerms(allAgreed),
      statuses: new Map([
        ["t-1", rec("agreed")],
        ["t-2", rec("agreed")],
      ]),
    });
    expect(done.everythingAgreed).toBe(true);
    expect(done.shareAgreed).toBe(1);
    const withBracket = doc(term("t-1", [p(open("b-9"))]));
    expect(
      computeProgress({
        doc: withBracket,
        terms: listTerms(withBracket),
        statuses: new Map([["t-1", rec("agreed")]]),
      }).everythingAgreed,
    ).toBe(false);
  });

  it("treats terms without a status record as proposed, and an empty framework as nothing agreed", () => {
    const fresh = doc(term("t-1", [p(t("One"))]));
    expect(
      computeProgress({ doc: fresh, terms: listTerms(fresh), statuses: new Map() }).byStatus
        .proposed,
    ).toBe(1);
    const empty = computeProgress({ doc: doc(p()), terms: [], statuses: new Map() });
    expect(empty).toMatchObject({ shareAgreed: 0, everythingAgreed: false });
  });
});
