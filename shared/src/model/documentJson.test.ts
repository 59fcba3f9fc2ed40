import { describe, expect, it } from "vitest";
import { doc, h2, p, t, term } from "../test/frameworkFixtures.js";
import { listTerms, termNumbers } from "./documentJson.js";

describe("display numbers", () => {
  it("numbers terms from their place: section from level-2 headings, index within the section", () => {
    const json = doc(
      { type: "heading", attrs: { level: 1 }, content: [t("Title")] },
      term("t-pre", [p(t("Preamble term"))]),
      h2("General"),
      term("t-a", [p(t("a"))]),
      { type: "heading", attrs: { level: 3 }, content: [t("sub")] },
      term("t-b", [p(t("b"))]),
      h2("Verification"),
      p(t("text")),
      term("t-c", [p(t("c"))]),
    );
    expect([...termNumbers(json)]).toEqual([
      ["t-pre", "Art. 1"],
      ["t-a", "Art. 1.1"],
      ["t-b", "Art. 1.2"],
      ["t-c", "Art. 2.1"],
    ]);
  });

  it("renumbers when a term moves", () => {
    const before = doc(h2("A"), term("t-1", [p(t("1"))]), term("t-2", [p(t("2"))]));
    const after = doc(h2("A"), term("t-2", [p(t("2"))]), term("t-1", [p(t("1"))]));
    expect(termNumbers(before).get("t-1")).toBe("Art. 1.1");
    expect(termNumbers(after).get("t-1")).toBe("Art. 1.2");
  });

  it("lists terms with bad ids and categories without throwing", () => {
    const json = doc(h2("A"), {
      type: "term",
      attrs: { termId: { evil: true }, category: 12 },
      content: [p(t("x"))],
    });
    const [only] = listTerms(json);
    expect(only?.termId).toBeNull();
    expect(only?.category.valid).toBe(false);
    expect(only?.label).toBe("Art. 1.1");
  });
});
