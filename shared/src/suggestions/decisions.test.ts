import type { Node as PMNode } from "@tiptap/pm/model";
import { EditorState } from "@tiptap/pm/state";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { collaborativeEditors, sync } from "../test/editors.js";
import {
  applySuggestionDecision,
  decideInBatches,
  SUGGESTION_DECISION_META,
  type SuggestionFilter,
  withdrawSuggestions,
} from "./decisions.js";
import { listSuggestions } from "./list.js";
import {
  acceptedView,
  originalView,
  projectSuggestions,
  type SuggestionDecision,
} from "./projections.js";
import { ANNA, BORIS, block, by, del, doc, ins, li, list, p, sp, term } from "./testDocs.js";

function decide(d: PMNode, filter: SuggestionFilter, decision: SuggestionDecision): PMNode {
  const tr = EditorState.create({ doc: d }).tr;
  applySuggestionDecision(tr, filter, decision);
  expect(tr.getMeta(SUGGESTION_DECISION_META)).toBe(decision);
  return tr.doc;
}

const mixed = doc(
  p(
    "Payment ",
    del("within 60 days", by(ANNA, "s-1")),
    ins("within 90 days", by(ANNA, "s-1")),
    ".",
  ),
  p("Verification ", ins("by the agency ", by(BORIS, "s-2")), "follows."),
  sp(block("insert", ANNA, "s-3"), ins("A new paragraph", by(ANNA, "s-3"))),
  term("t-1", [p("Old term")], block("delete", BORIS, "s-4")),
  term("t-2", [p(ins("New term", by(ANNA, "s-5")))], block("insert", ANNA, "s-5")),
  p("Keep", del(" this", by(BORIS, "s-6"))),
  sp(block("delete", BORIS, "s-6")),
  list(li([p("one")]), li([p(ins("two", by(ANNA, "s-7")))], block("insert", ANNA, "s-7"))),
);

describe("accepting and rejecting as transforms", () => {
  it("accept all and reject all give the accepted and original views", () => {
    expect(decide(mixed, { all: true }, "accept").eq(acceptedView(mixed))).toBe(true);
    expect(decide(mixed, { all: true }, "reject").eq(originalView(mixed))).toBe(true);
    expect(listSuggestions(decide(mixed, { all: true }, "accept"))).toEqual([]);
  });

  it("decides only the chosen ids, a party's, or those in a range", () => {
    const one = decide(mixed, { ids: ["s-1"] }, "accept");
    expect(one.eq(projectSuggestions(mixed, (id) => (id === "s-1" ? "accept" : null)))).toBe(true);
    const boris = decide(mixed, { party: "p-b" }, "reject");
    expect(listSuggestions(boris).every((r) => r.party === "p-a")).toBe(true);
    expect(
      boris.eq(
        projectSuggestions(mixed, (id) =>
          ["s-2", "s-4", "s-6"].includes(id ?? "") ? "reject" : null,
        ),
      ),
    ).toBe(true);
    const first = listSuggestions(mixed)[1];
    const ranged = decide(
      mixed,
      { range: { from: first?.from ?? 0, to: first?.to ?? 0 } },
      "accept",
    );
    expect(listSuggestions(ranged).map((r) => r.id)).not.toContain("s-2");
    expect(listSuggestions(ranged)).toHaveLength(listSuggestions(mixed).length - 1);
  });

  it("lets an author withdraw only their own suggestions", () => {
    const tr = EditorState.create({ doc: mixed }).tr;
    expect(withdrawSuggestions(tr, ["s-1", "s-2"], ANNA.member)).toEqual(["s-1"]);
    expect(listSuggestions(tr.doc).map((r) => r.id)).toContain("s-2");
    expect(tr.doc.firstChild?.textContent).toBe("Payment within 60 days.");
  });

  it("accepts 2,000 suggestions in bounded transactions", () => {
    const paragraphs = Array.from({ length: 2000 }, (_, i) =>
      p(`Clause ${i} `, ins(`amended ${i}`, by(i % 2 ? ANNA : BORIS, `s-${i}`))),
    );
    let state = EditorState.create({ doc: doc(...paragraphs) });
    const source = {
      get state() {
        return state;
      },
    };
    let transactions = 0;
    for (const tr of decideInBatches(source, { all: true }, "accept", 250)) {
      expect(tr.steps.length).toBeLessThanOrEqual(250);
      state = state.apply(tr);
      transactions++;
    }
    expect(transactions).toBe(8);
    expect(listSuggestions(state.doc)).toEqual([]);
    expect(state.doc.child(1999).textContent).toBe("Clause 1999 amended 1999");
  });
});

describe("decideInBatches over a large mixed framework", () => {
  /** 3,000 suggestions: replacements (two parts), insertions, deletions, new and removed paragraphs. */
  function large(): PMNode {
    const blocks: PMNode[] = [];
    for (let i = 0; i < 3000; i++) {
      const who = i % 3 ? ANNA : BORIS;
      const id = `s-${i}`;
      if (i % 5 === 0) blocks.push(p(`R${i} `, del("old", by(who, id)), ins("new", by(who, id))));
      else if (i % 5 === 1) blocks.push(p(`I${i} `, ins("added", by(who, id)), " end"));
      else if (i % 5 === 2) blocks.push(p(`D${i} `, del("dropped", by(who, id)), " end"));
      else if (i % 5 === 3) blocks.push(sp(block("insert", who, id), `New ${i}`));
      else blocks.push(sp(block("delete", who, id), `Gone ${i}`), p(`Kept ${i}`));
    }
    return doc(...blocks);
  }

  it("accepts every one of 3,000 suggestions in batches, as the accepted view shows them", () => {
    const original = large();
    let state = EditorState.create({ doc: original });
    const source = {
      get state() {
        return state;
      },
    };
    let transactions = 0;
    for (const tr of decideInBatches(source, { all: true }, "accept", 64)) {
      state = state.apply(tr);
      transactions++;
    }
    expect(transactions).toBe(Math.ceil(3000 / 64));
    expect(listSuggestions(state.doc)).toEqual([]);
    expect(state.doc.toJSON()).toEqual(acceptedView(original).toJSON());
  }, 60_000);

  it("reads the document again when a change from elsewhere lands between two batches", () => {
    const original = large();
    let state = EditorState.create({ doc: original });
    const source = {
      get state() {
        return state;
      },
    };
    let batch = 0;
    for (const tr of decideInBatches(source, { all: true }, "reject", 500)) {
      state = state.apply(tr);
      // Someone else types at the start of the text after each batch.
      if (++batch < 6) state = state.apply(state.tr.insertText("x", 1));
    }
    expect(listSuggestions(state.doc)).toEqual([]);
    expect(state.doc.firstChild?.textContent).toBe("xxxxxR0 old");
    expect(state.doc.toJSON().content.slice(1)).toEqual(
      originalView(original).toJSON().content.slice(1),
    );
  }, 60_000);
});

describe("decisions on collaborating editors", () => {
  const makeEditor = collaborativeEditors();

  it("a deletion accepted while someone types inside it keeps their words, on both sides", () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const anna = makeEditor(a);
    const boris = makeEditor(b);
    anna.commands.setContent(doc(p(del("remove this part", by(ANNA, "s-1")))).toJSON());
    sync(a, b);
    // Boris types inside the range Anna proposed to delete: his words carry his own insertion.
    const inside = 1 + "remove ".length;
    boris.view.dispatch(
      boris.state.tr.insert(
        inside,
        boris.schema.text("KEEP ", [boris.schema.mark("suggestInsert", by(BORIS, "s-2"))]),
      ),
    );
    // Concurrently, Anna's side accepts the deletion.
    const tr = anna.state.tr;
    applySuggestionDecision(tr, { ids: ["s-1"] }, "accept");
    anna.view.dispatch(tr);
    sync(a, b);
    expect(anna.state.doc.textContent).toBe("KEEP ");
    expect(boris.state.doc.toJSON()).toEqual(anna.state.doc.toJSON());
    expect(listSuggestions(anna.state.doc).map((r) => r.id)).toEqual(["s-2"]);
  });

  it("block suggestions survive sync as node attributes and are decided on the other side", () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const anna = makeEditor(a);
    const boris = makeEditor(b);
    anna.commands.setContent(
      doc(
        p("Before"),
        term("t-9", [p(ins("Proposed", by(ANNA, "s-1")))], block("insert", ANNA, "s-1")),
      ).toJSON(),
    );
    sync(a, b);
    expect(listSuggestions(boris.state.doc).map((r) => [r.id, r.kind])).toEqual([["s-1", "block"]]);
    const tr = boris.state.tr;
    applySuggestionDecision(tr, { ids: ["s-1"] }, "reject");
    boris.view.dispatch(tr);
    sync(a, b);
    // (The editor keeps an empty paragraph at the end of the document.)
    expect(anna.state.doc.toJSON()).toEqual(boris.state.doc.toJSON());
    expect(anna.state.doc.textContent).toBe("Before");
    expect(JSON.stringify(anna.state.doc.toJSON())).not.toContain("term");
  });
});
