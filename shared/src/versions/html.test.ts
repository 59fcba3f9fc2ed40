import { describe, expect, it } from "vitest";
import { HOSTILE_IMG, HOSTILE_SCRIPT } from "../test/export/fixtures.js";
import { bracket, doc, option, p, t, term } from "../test/frameworkFixtures.js";
import { compareSnapshots } from "./compare.js";
import { comparisonToHtml, wordDiffHtml } from "./html.js";
import { frameworkSnapshotOf } from "./snapshot.js";
import { frameworkDoc } from "./testDocs.js";
import { diffText } from "./wordDiff.js";

describe("wordDiffHtml", () => {
  it("wraps deletions in <del> and insertions in <ins>, escaped", () => {
    expect(wordDiffHtml(diffText("a <b> shall c", "a <b> should c"))).toBe(
      "a &lt;b&gt; <del>shall</del> <ins>should</ins> c",
    );
    expect(
      wordDiffHtml(diffText("The [shall / should / may] act", "The [shall / should] act")),
    ).toBe("The [shall / should <del>/ may</del>] act");
  });
});

describe("comparisonToHtml", () => {
  const from = doc(
    term("t-1", [
      p(
        t("The Party "),
        bracket("b-1", [
          option("o-1", [t("shall")], { proposedBy: "party-a" }),
          option("o-2", [t(HOSTILE_IMG)]),
        ]),
        t(" act."),
      ),
    ]),
    term("t-2", [p(t("Second term."))]),
  );
  const to = doc(
    term("t-1", [
      p(
        t("The Party "),
        bracket("b-1", [option("o-1", [t("shall")], { proposedBy: "party-a" })]),
        t(" act."),
      ),
    ]),
    term("t-2", [p(t(`Second term ${HOSTILE_SCRIPT}.`))]),
  );
  const comparison = compareSnapshots(
    frameworkSnapshotOf(frameworkDoc(from), null),
    frameworkSnapshotOf(frameworkDoc(to), null),
  );
  const html = comparisonToHtml(comparison, {
    title: "Rev. <2>",
    fromName: "Rev. 1",
    toName: "Rev. 2",
  });

  it("is a standalone page with the summary line and table", () => {
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain("<title>Changes: Rev. &lt;2&gt;</title>");
    expect(html).toContain(`<p class="summary-line">${comparison.summary}</p>`);
    expect(html).toContain('<table class="summary">');
    expect(html).toContain("Rev. 1 → Rev. 2");
  });

  it("escapes every user string: no tag from the text reaches the page", () => {
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
  });

  it("shows each changed term with its word diff, and flags the dropped option", () => {
    expect(html).toContain('<section class="term" data-term-id="t-2">');
    expect(html).toContain(
      "<del>term.</del> <ins>term &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;.</ins>",
    );
    expect(html).toContain("Options dropped without resolution");
    expect(html).toMatch(/<li class="flag">\[&lt;img src=x onerror=&quot;alert\(1\)&quot;&gt;\]/);
  });
});
