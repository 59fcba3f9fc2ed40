import type { JSONContent } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { Actor } from "../model/actor.js";
import { resolutionsMap, stancesMap, termStatusMap } from "../model/maps.js";
import { bracket, doc, h2, option, p, t, term } from "../test/frameworkFixtures.js";
import { compareSnapshots, summarise } from "./compare.js";
import { type FrameworkSnapshot, frameworkSnapshotOf } from "./snapshot.js";
import { discussionDoc, frameworkDoc, resolved } from "./testDocs.js";
import { applyWordDiff, tokenizeWords } from "./wordDiff.js";

const A = "party-a";
const B = "party-b";
const LEILA: Actor = { name: "Leila Karimi", party: A };
const IVAN: Actor = { name: "Ivan Petrov", party: B };

const plainTerm = (id: string, text: string) => term(id, [p(t(text))]);

function snap(
  json: JSONContent,
  setup: Parameters<typeof frameworkDoc>[1] = {},
): FrameworkSnapshot {
  return frameworkSnapshotOf(frameworkDoc(json, setup), null);
}

const FOUR = [
  plainTerm("t-a", "Alpha term."),
  plainTerm("t-b", "Bravo term."),
  plainTerm("t-c", "Charlie term."),
  plainTerm("t-d", "Delta term."),
];

describe("frameworkSnapshotOf", () => {
  it("reads terms in order with numbers, category, text and status, as plain JSON", () => {
    const framework = frameworkDoc(
      doc(
        plainTerm("t-lead", "Before any section."),
        h2("Verification"),
        term("t-one", [p(t("The Agency verifies."))], "verification"),
      ),
      { statuses: { "t-one": "agreed" } },
    );
    const before = Y.encodeStateVector(framework);
    const s = frameworkSnapshotOf(framework, null);
    expect(
      s.terms.map((x) => [x.termId, x.position, x.label, x.category, x.text, x.status]),
    ).toEqual([
      ["t-lead", 0, "Art. 1", "general", "Before any section.", "proposed"],
      ["t-one", 1, "Art. 1.1", "verification", "The Agency verifies.", "agreed"],
    ]);
    expect(s.terms[1]?.statusBy?.name).toBe("Ana Mediator");
    expect(s.parties.map((x) => x.id)).toContain(A);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
    // Read from a private copy: the given document is left as it was.
    expect(Y.encodeStateVector(framework)).toEqual(before);
  });

  it("reads stances from the discussion room and threads anchored in each term", () => {
    const json = doc(
      term("t-1", [
        p(t("Commented", [{ type: "comment", attrs: { threadId: "th-1" } }]), t(" text.")),
      ]),
    );
    const framework = frameworkDoc(json);
    const discussion = discussionDoc(framework, [
      {
        termId: "t-1",
        partyId: A,
        stance: "acceptsWithConditions",
        condition: "If verified",
        actor: LEILA,
      },
    ]);
    const withDiscussion = frameworkSnapshotOf(framework, discussion);
    expect(withDiscussion.terms[0]?.stances).toEqual({
      [A]: {
        stance: "acceptsWithConditions",
        condition: "If verified",
        by: LEILA,
        at: "2026-11-26T12:00:00.000Z",
      },
    });
    // The discussion room knows no thread th-1: it is not counted; without the room, anchors count.
    expect(withDiscussion.terms[0]?.threads).toBe(0);
    expect(frameworkSnapshotOf(framework, null).terms[0]?.threads).toBe(1);
  });

  it("never throws on malformed stored data: marks it invalid or counts it unidentified", () => {
    const framework = frameworkDoc(
      doc(plainTerm("t-1", "One."), plainTerm("t-1", "Copy."), term("", [p(t("No id."))])),
    );
    termStatusMap(framework).set("t-1", { status: "bogus" });
    resolutionsMap(framework).set("b-x", "not a record");
    const discussion = new Y.Doc();
    stancesMap(discussion).set("t-1:party-a", { stance: "maybe" });
    stancesMap(discussion).set("t-1:x:y", { stance: "accepts" });
    const s = frameworkSnapshotOf(framework, discussion);
    expect(s.terms.map((x) => [x.termId, x.text, x.status])).toEqual([["t-1", "One.", "invalid"]]);
    expect(s.terms[0]?.stances).toEqual({
      [A]: { stance: "invalid", condition: null, by: null, at: null },
    });
    expect(s.unidentified).toEqual({ terms: 2, brackets: 0 });
    expect(s.brackets).toEqual([]);
  });

  it("lists open brackets with their options, and resolved ones from the log", () => {
    const json = doc(
      term("t-1", [
        p(
          t("The Party "),
          bracket("b-1", [
            option("o-1", [t("shall")], { proposedBy: A }),
            option("o-2", [t("should")]),
          ]),
          t(" act."),
        ),
      ]),
    );
    const open = snap(json);
    expect(open.brackets).toEqual([
      {
        bracketId: "b-1",
        termId: "t-1",
        state: "open",
        options: [
          { optionId: "o-1", text: "shall", proposedBy: A, supportedBy: [], opposedBy: [] },
          { optionId: "o-2", text: "should", proposedBy: null, supportedBy: [], opposedBy: [] },
        ],
        resolution: null,
      },
    ]);
    const after = resolved(json, { bracketId: "b-1", optionId: "o-2" });
    const closed = snap(after.json, { resolutions: [after.resolution] });
    expect(closed.terms[0]?.text).toBe("The Party should act.");
    expect(closed.brackets[0]).toMatchObject({
      bracketId: "b-1",
      state: "resolved",
      termId: "t-1",
    });
    expect(closed.brackets[0]?.resolution).toMatchObject({ optionId: "o-2", text: "should" });
  });
});

describe("compareSnapshots: terms", () => {
  it("reports a moved term as moved, not as removed and added", () => {
    const from = snap(doc(...FOUR));
    const [a, b, c, d] = FOUR as [JSONContent, JSONContent, JSONContent, JSONContent];
    const to = snap(doc(a, c, d, b));
    const result = compareSnapshots(from, to);
    const byId = new Map(result.terms.map((x) => [x.termId, x]));
    expect(byId.get("t-b")?.kinds).toEqual(["moved", "renumbered"]);
    expect(byId.get("t-b")?.label).toEqual({ from: "Art. 2", to: "Art. 4" });
    // The terms it passed were renumbered, not moved.
    expect(byId.get("t-c")?.kinds).toEqual(["renumbered"]);
    expect(byId.get("t-d")?.kinds).toEqual(["renumbered"]);
    expect(byId.has("t-a")).toBe(false);
    expect(result.counts).toMatchObject({
      termsMoved: 1,
      termsAdded: 0,
      termsRemoved: 0,
      termsChanged: 0,
    });
    expect(result.terms.map((x) => x.termId)).toEqual(["t-c", "t-d", "t-b"]);
  });

  it("reports a term renumbered by an insertion before it, and the added term", () => {
    const from = snap(doc(h2("One"), ...FOUR));
    const to = snap(doc(h2("One"), plainTerm("t-new", "A new first term."), ...FOUR));
    const result = compareSnapshots(from, to);
    expect(result.terms.map((x) => [x.termId, x.kinds])).toEqual([
      ["t-new", ["added"]],
      ["t-a", ["renumbered"]],
      ["t-b", ["renumbered"]],
      ["t-c", ["renumbered"]],
      ["t-d", ["renumbered"]],
    ]);
    expect(result.terms[1]?.label).toEqual({ from: "Art. 1.1", to: "Art. 1.2" });
    expect(result.summary).toBe(
      "0 terms changed, 1 added, 0 removed, 4 renumbered; 0 bracket options dropped",
    );
  });

  it("reports a removed term where it stood, and an unchanged pair as no change", () => {
    const from = snap(doc(...FOUR));
    const [a, , c, d] = FOUR as [JSONContent, JSONContent, JSONContent, JSONContent];
    const result = compareSnapshots(from, snap(doc(a, c, d)));
    expect(result.terms.map((x) => [x.termId, x.kinds])).toEqual([
      ["t-b", ["removed"]],
      ["t-c", ["renumbered"]],
      ["t-d", ["renumbered"]],
    ]);
    expect(compareSnapshots(from, snap(doc(...FOUR))).terms).toEqual([]);
  });

  it("diffs a changed text word by word", () => {
    const from = snap(doc(plainTerm("t-1", "The Party shall lift the sanctions within 30 days.")));
    const to = snap(doc(plainTerm("t-1", "The Party should lift all sanctions within 60 days.")));
    const [change] = compareSnapshots(from, to).terms;
    expect(change?.kinds).toEqual(["textChanged"]);
    const diff = change?.textDiff;
    if (!diff) throw new Error("no diff");
    expect(diff.chunks.filter((c) => c.op !== "equal")).toEqual([
      { op: "delete", words: ["shall"] },
      { op: "insert", words: ["should"] },
      { op: "delete", words: ["the"] },
      { op: "insert", words: ["all"] },
      { op: "delete", words: ["30"] },
      { op: "insert", words: ["60"] },
    ]);
    expect(applyWordDiff(tokenizeWords(from.terms[0]?.text ?? ""), diff)).toEqual(
      tokenizeWords(to.terms[0]?.text ?? ""),
    );
  });

  it("reports a status change with who set it", () => {
    const json = doc(...FOUR);
    const result = compareSnapshots(
      snap(json),
      snap(json, { statuses: { "t-c": "agreed" }, actor: IVAN }),
    );
    expect(result.terms).toHaveLength(1);
    expect(result.terms[0]).toMatchObject({
      termId: "t-c",
      kinds: ["statusChanged"],
      status: { from: "proposed", to: "agreed", by: [IVAN] },
    });
    expect(result.counts.termsChanged).toBe(1);
  });

  it("reports a changed stance per party, with who recorded it", () => {
    const framework = frameworkDoc(doc(...FOUR));
    const before = discussionDoc(framework, [
      { termId: "t-a", partyId: A, stance: "accepts", actor: LEILA },
      { termId: "t-a", partyId: B, stance: "rejects", actor: IVAN },
    ]);
    const after = discussionDoc(framework, [
      { termId: "t-a", partyId: A, stance: "accepts", actor: LEILA },
      {
        termId: "t-a",
        partyId: B,
        stance: "acceptsWithConditions",
        condition: "Phased",
        actor: IVAN,
      },
      { termId: "t-d", partyId: A, stance: "rejects", actor: LEILA },
    ]);
    const result = compareSnapshots(
      frameworkSnapshotOf(framework, before),
      frameworkSnapshotOf(framework, after),
    );
    expect(result.terms.map((x) => [x.termId, x.kinds])).toEqual([
      ["t-a", ["stancesChanged"]],
      ["t-d", ["stancesChanged"]],
    ]);
    const [onA] = result.terms[0]?.stances ?? [];
    expect(onA).toMatchObject({
      partyId: B,
      from: { stance: "rejects", condition: null },
      to: { stance: "acceptsWithConditions", condition: "Phased" },
      by: [IVAN],
    });
    expect(result.terms[1]?.stances).toMatchObject([
      { partyId: A, from: null, to: { stance: "rejects" } },
    ]);
  });

  it("attributes changes through the authorship hook, per change or per term", () => {
    const from = snap(doc(...FOUR));
    const [a, b, c] = FOUR as [JSONContent, JSONContent, JSONContent];
    const to = snap(doc(a, b, c, plainTerm("t-d", "Delta term, amended.")));
    const perTerm = compareSnapshots(from, to, { byTerm: new Map([["t-d", [LEILA, LEILA]]]) });
    expect(perTerm.terms[0]?.by).toEqual([LEILA]);
    const asked: string[] = [];
    const perChange = compareSnapshots(from, to, {
      who: (key) => {
        asked.push(key.kind);
        return key.kind === "term" && key.termId === "t-d" ? [IVAN] : undefined;
      },
      byTerm: new Map([["t-d", [LEILA]]]),
    });
    expect(perChange.terms[0]?.by).toEqual([IVAN]);
    expect(asked).toContain("term");
    expect(compareSnapshots(from, to).terms[0]?.by).toBeUndefined();
  });
});

describe("compareSnapshots: brackets and the no-option-dropped check", () => {
  const withBracket = (...options: JSONContent[]) =>
    doc(term("t-1", [p(t("The Party "), bracket("b-1", options), t(" act."))]));
  const o1 = option("o-1", [t("shall")], { proposedBy: A });
  const o2 = option("o-2", [t("should")], { proposedBy: B });
  const o3 = option("o-3", [t("may")]);

  it("flags an option that disappeared without a resolution, with who removed it", () => {
    const from = snap(withBracket(o1, o2, o3));
    const to = snap(withBracket(o1, o2));
    const result = compareSnapshots(from, to, {
      who: (key) => (key.kind === "option" && key.optionId === "o-3" ? [IVAN] : undefined),
    });
    expect(result.droppedOptions).toEqual([
      {
        bracketId: "b-1",
        optionId: "o-3",
        termId: "t-1",
        termLabel: "Art. 1",
        text: "may",
        proposedBy: null,
        by: [IVAN],
      },
    ]);
    expect(result.brackets[0]?.kinds).toEqual(["optionsChanged"]);
    expect(result.summary).toBe("1 term changed, 0 added, 0 removed; 1 bracket option dropped");
  });

  it("does not flag the options a resolution set aside", () => {
    const json = withBracket(o1, o2, o3);
    const after = resolved(json, { bracketId: "b-1", optionId: "o-2" }, IVAN);
    const result = compareSnapshots(
      snap(json),
      snap(after.json, { resolutions: [after.resolution] }),
    );
    expect(result.droppedOptions).toEqual([]);
    expect(result.brackets).toHaveLength(1);
    const [change] = result.brackets;
    expect(change?.kinds).toEqual(["resolved"]);
    expect(change?.resolution).toMatchObject({ optionId: "o-2", text: "should", by: IVAN });
    expect(change?.options.map((o) => [o.optionId, o.kinds, o.by])).toEqual([
      ["o-1", ["resolvedAway"], [IVAN]],
      ["o-2", ["chosen"], [IVAN]],
      ["o-3", ["resolvedAway"], [IVAN]],
    ]);
    expect(result.counts).toMatchObject({ bracketsResolved: 1, optionsDropped: 0 });
  });

  it("flags an option removed before the bracket was resolved (absent from the resolution record)", () => {
    const from = snap(withBracket(o1, o2, o3));
    const after = resolved(withBracket(o1, o2), { bracketId: "b-1", optionId: "o-1" });
    const result = compareSnapshots(from, snap(after.json, { resolutions: [after.resolution] }));
    expect(result.droppedOptions.map((d) => d.optionId)).toEqual(["o-3"]);
  });

  it("flags every option of a bracket deleted from the text without resolution", () => {
    const from = snap(withBracket(o1, o2));
    const to = snap(doc(term("t-1", [p(t("The Party acts."))])));
    const result = compareSnapshots(from, to);
    expect(result.brackets[0]?.kinds).toEqual(["removed"]);
    expect(result.droppedOptions.map((d) => d.optionId)).toEqual(["o-1", "o-2"]);
  });

  it("reports a reopened bracket with its options back, and nothing dropped", () => {
    const json = withBracket(o1, o2);
    const after = resolved(json, { bracketId: "b-1", optionId: "o-1" });
    const closed = snap(after.json, { resolutions: [after.resolution] });
    const reopened = snap(json, {
      resolutions: [
        { ...after.resolution, reopened: { by: LEILA, at: "2026-11-27T00:00:00.000Z" } },
      ],
    });
    const result = compareSnapshots(closed, reopened);
    expect(result.brackets[0]?.kinds).toEqual(["reopened"]);
    expect(result.brackets[0]?.options.map((o) => [o.optionId, o.kinds])).toEqual([
      ["o-1", ["added"]],
      ["o-2", ["added"]],
    ]);
    expect(result.droppedOptions).toEqual([]);
    expect(compareSnapshots(closed, closed).brackets).toEqual([]);
  });

  it("reports options added, and positions changed", () => {
    const from = snap(withBracket(o1, o2));
    const supported = option("o-2", [t("should")], { proposedBy: B, supportedBy: [A] });
    const result = compareSnapshots(from, snap(withBracket(o1, supported, o3)));
    expect(result.brackets[0]?.options.map((o) => [o.optionId, o.kinds])).toEqual([
      ["o-2", ["positionsChanged"]],
      ["o-3", ["added"]],
    ]);
    expect(result.brackets[0]?.options[0]?.supportedBy).toEqual({ from: [], to: [A] });
    expect(result.droppedOptions).toEqual([]);
    expect(result.counts.optionsAdded).toBe(1);
  });
});

describe("summarise", () => {
  it("writes the summary line with singulars, moves and sequencing when there are any", () => {
    expect(
      summarise({
        termsChanged: 7,
        termsAdded: 2,
        termsRemoved: 1,
        termsMoved: 0,
        termsRenumbered: 0,
        bracketsResolved: 0,
        optionsAdded: 0,
        optionsDropped: 3,
        recordsAdded: 0,
        recordsRemoved: 0,
        recordsChanged: 0,
      }),
    ).toBe("7 terms changed, 2 added, 1 removed; 3 bracket options dropped");
    expect(
      summarise({
        termsChanged: 1,
        termsAdded: 0,
        termsRemoved: 0,
        termsMoved: 1,
        termsRenumbered: 2,
        bracketsResolved: 1,
        optionsAdded: 1,
        optionsDropped: 1,
        recordsAdded: 1,
        recordsRemoved: 0,
        recordsChanged: 2,
      }),
    ).toBe(
      "1 term changed, 0 added, 0 removed, 1 moved, 2 renumbered; 1 bracket option dropped, 1 added, 1 bracket resolved; sequencing records: 1 added, 2 changed",
    );
  });
});
