import { describe, expect, it } from "vitest";
import { acceptedView, originalView, projectJson, projectSuggestions } from "./projections.js";
import {
  ANNA,
  BORIS,
  block,
  by,
  del,
  doc,
  ins,
  li,
  list,
  p,
  schema,
  sp,
  term,
} from "./testDocs.js";

const replace = doc(p("Within ", del("60", by(ANNA, "s-1")), ins("90", by(ANNA, "s-1")), " days"));

describe("accepted and original views", () => {
  it("accept keeps insertions and drops deletions; original does the opposite", () => {
    expect(acceptedView(replace).eq(doc(p("Within 90 days")))).toBe(true);
    expect(originalView(replace).eq(doc(p("Within 60 days")))).toBe(true);
  });

  it("decides each suggestion as chosen, leaving the others pending", () => {
    const d = doc(p(ins("a", by(ANNA, "s-1")), ins("b", by(BORIS, "s-2"))));
    const out = projectSuggestions(d, (id) => (id === "s-1" ? "accept" : null));
    expect(out.eq(doc(p("a", ins("b", by(BORIS, "s-2")))))).toBe(true);
  });

  it("joins a new paragraph back into the previous one when rejected", () => {
    const d = doc(
      p("First half"),
      sp(block("insert", ANNA, "s-1"), ins("new ", by(ANNA, "s-1")), " second half"),
    );
    expect(originalView(d).eq(doc(p("First half second half")))).toBe(true);
    expect(acceptedView(d).eq(doc(p("First half"), p("new  second half")))).toBe(true);
  });

  it("removes a new term whole when rejected, and a term proposed for removal when accepted", () => {
    const fresh = term("t-2", [p(ins("New", by(ANNA, "s-1")))], block("insert", ANNA, "s-1"));
    const gone = term("t-1", [p("Old term")], block("delete", BORIS, "s-2"));
    const d = doc(gone, fresh);
    expect(originalView(d).eq(doc(term("t-1", [p("Old term")])))).toBe(true);
    expect(acceptedView(d).eq(doc(term("t-2", [p("New")])))).toBe(true);
  });

  it("joins a paragraph proposed for removal into the previous one when accepted", () => {
    const d = doc(p("Keep"), sp(block("delete", ANNA, "s-1"), del(" this", by(ANNA, "s-1"))));
    expect(acceptedView(d).eq(doc(p("Keep")))).toBe(true);
    expect(originalView(d).eq(doc(p("Keep"), p(" this")))).toBe(true);
  });

  it("drops a list left without items, and keeps one paragraph in an empty document", () => {
    const d = doc(list(li([p("only")], block("insert", ANNA, "s-1"))));
    expect(originalView(d).eq(doc(p()))).toBe(true);
  });

  it("keeps text someone else typed inside a range proposed for deletion", () => {
    const d = doc(
      p(
        del("remove ", by(ANNA, "s-1")),
        ins("keep ", by(BORIS, "s-2")),
        del("this", by(ANNA, "s-1")),
      ),
    );
    const accepted = projectSuggestions(d, (id) => (id === "s-1" ? "accept" : null));
    expect(accepted.textContent).toBe("keep ");
  });

  it("works on JSON", () => {
    expect(projectJson(replace.toJSON(), schema, "accepted")).toEqual(
      doc(p("Within 90 days")).toJSON(),
    );
  });
});
