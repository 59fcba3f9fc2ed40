import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown.js";
import { ARABIC, CYRILLIC, NON_ASCII_TITLE } from "./testing/fixtures.js";
import { fixtureModel } from "./testing/source.js";

describe("renderMarkdown", () => {
  const md = renderMarkdown(fixtureModel());
  const lines = md.split("\n");

  it("writes the title block, headings and numbered articles", () => {
    expect(lines[0]).toBe(`# ${NON_ASCII_TITLE}`);
    expect(lines[2]).toMatch(
      /^\*Working draft · Draft of 24 November 2026, 16:45 UTC · rev [0-9a-f]{8}\*$/,
    );
    expect(lines).toContain("## Verification");
    expect(lines).toContain("## Schedule");
    expect(md).toContain("**Art. 1** *(Proposed)* A term before the first section.");
    expect(md).toContain("**Art. 1.1** *(Agreed ad referendum)* The Agency ");
    expect(lines).toContain("**Art. 2.1** *(Proposed)*");
  });

  it("keeps brackets as text with proposers, and labels long options", () => {
    expect(md).toContain("The Agency [shall]^FP^ [should]^SP^ **verify** ");
    expect(md).toContain(
      "Reports go to [Option 1: both Parties and the Mediator within the agreed period of thirty days]^FP^ [Option 2: the Parties] — see",
    );
  });

  it("writes lists, tables and links; unsafe links lose their target", () => {
    expect(lines).toContain("- Declared sites");
    expect(lines).toContain("- Undeclared sites");
    expect(lines).toContain("1. First phase");
    expect(lines).toContain("2. Second phase");
    expect(lines).toContain("| Phase | Duration |");
    expect(lines).toContain("| --- | --- |");
    expect(lines).toContain("| One | 90 days \\| 3 months |");
    expect(md).toContain("[the agency](<https://example.org/agency>)");
    expect(md).toContain(") and this.");
    expect(md).not.toMatch(/[^\\]\]\(<?javascript:/);
  });

  it("escapes user text so it cannot become markup, and keeps non-ASCII", () => {
    expect(md).toContain("\\<script\\>alert('x')\\</script\\>");
    expect(md).toContain("\\[click\\](javascript:alert(1))");
    expect(md).not.toMatch(/(^|[^\\])<script>/);
    expect(md).toContain(`${ARABIC} and ${CYRILLIC}`);
  });

  it("writes comments as footnotes after their span, replies and proposed wording included", () => {
    expect(md).toContain("проверка *at every site.*[^c1]");
    expect(md).toContain("[^c1]: **Leila Karimi (FP)**, 20 November 2026, 09:30 UTC: Check the");
    expect(md).toContain(
      "    - **Ivan Petrov (SP)**, 20 November 2026, 10:00 UTC: Agreed: проверка.",
    );
    expect(md).toContain("    - Proposed wording: “verify all sites”");
    expect(md).toContain(
      "[^c2]: **Anna Weber**, 21 November 2026, 09:00 UTC: On deleted text. *(on text since deleted)*",
    );
    expect(md).not.toContain("Done.");
  });

  it("clean text shows the first option with a dagger; non-paper drops proposers", () => {
    const clean = renderMarkdown(fixtureModel({ text: "clean", nonPaper: true, comments: false }));
    expect(clean).toContain("The Agency shall† **verify**");
    expect(clean).not.toContain("^FP^");
    expect(clean).not.toContain("[^c1]");
    expect(clean).toContain("*Non-paper · Draft of");
  });
});
