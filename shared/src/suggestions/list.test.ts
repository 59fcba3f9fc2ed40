import { describe, expect, it } from "vitest";
import { clipText, listSuggestions } from "./list.js";
import { ANNA, BORIS, block, by, del, doc, ins, p, sp, term } from "./testDocs.js";

describe("listSuggestions", () => {
  it("groups a replacement's two parts under one id and summarises it", () => {
    const d = doc(
      p(
        "Payment ",
        del("within 60 days", by(ANNA, "s-1")),
        ins("within 90 days", by(ANNA, "s-1")),
        ".",
      ),
    );
    const [record, ...rest] = listSuggestions(d);
    expect(rest).toEqual([]);
    expect(record).toMatchObject({
      id: "s-1",
      kind: "replace",
      insertedText: "within 90 days",
      deletedText: "within 60 days",
      author: "Anna",
      party: "p-a",
      member: "m-anna",
      summary: 'Replace "within 60 days" with "within 90 days"',
      block: null,
    });
    expect(record?.parts).toHaveLength(2);
    expect(d.textBetween(record?.from ?? 0, record?.to ?? 0)).toBe("within 60 dayswithin 90 days");
  });

  it("lists insertions, deletions and block suggestions in document order", () => {
    const d = doc(
      p("A ", ins("new words", by(BORIS, "s-2"))),
      p(del("old words", by(ANNA, "s-3"))),
      sp(block("insert", ANNA, "s-4")),
      term("t-1", [p("A term")], block("delete", BORIS, "s-5")),
      term("t-2", [p(ins("Fresh", by(ANNA, "s-6")))], block("insert", ANNA, "s-6")),
    );
    expect(listSuggestions(d).map((r) => [r.id, r.kind, r.summary])).toEqual([
      ["s-2", "insert", 'Insert "new words"'],
      ["s-3", "delete", 'Delete "old words"'],
      ["s-4", "block", "New paragraph"],
      ["s-5", "block", "Remove term"],
      ["s-6", "block", 'New term: "Fresh"'],
    ]);
    expect(listSuggestions(d)[4]?.block).toMatchObject({ kind: "insert", nodeType: "term" });
  });

  it("leaves out marks whose attributes are malformed", () => {
    const d = doc(p(ins("x", { ...by(ANNA, "s-1"), id: "not an id!" })));
    expect(listSuggestions(d)).toEqual([]);
  });

  it("clips long text at a word boundary", () => {
    expect(clipText("one two three four five six seven eight nine ten eleven", 20)).toBe(
      "one two three four…",
    );
    expect(clipText("  short\n text ")).toBe("short text");
  });
});
