import type { JSONContent } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import { ARABIC, CYRILLIC, NON_ASCII_TITLE } from "../test/export/fixtures.js";
import { ALL_ON, FIXTURE_SOURCE, fixtureModel } from "../test/export/source.js";
import { buildExportModel } from "./buildModel.js";
import { renderMarkdown } from "./markdown.js";

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

describe("Markdown structure comes only from the document (issue 14)", () => {
  const text = (value: string): JSONContent => ({ type: "text", text: value });
  const br: JSONContent = { type: "hardBreak" };
  /** Each line that starts a block in CommonMark/GFM: heading, list item, quote, fence, table, setext underline, HTML. */
  const BLOCK_START =
    /^ {0,3}(#{1,6}(\s|$)|[-+*](\s|$)|\d{1,9}[.)](\s|$)|>|```|~~~|\||=+\s*$|-+\s*$|<)/;
  const HOSTILE_LINES = [
    "# Fake heading",
    "## Fake heading",
    "- fake item",
    "+ fake item",
    "* fake item",
    "1. fake item",
    "2) fake item",
    "> fake quote",
    "```js",
    "~~~",
    "| a | b |",
    "===",
    "---",
    "   # indented heading",
    "<div>html</div>",
  ];

  function render(...content: JSONContent[]): string[] {
    const model = buildExportModel(
      { ...FIXTURE_SOURCE, threads: [], doc: { type: "doc", content } },
      { ...ALL_ON, text: "clean", comments: false, annexes: false },
    );
    // Skip the title block (`# title`, blank, `*designation*`, blank).
    return renderMarkdown(model).split("\n").slice(4);
  }

  const brokenLines = (): JSONContent[] => [
    text("Intro"),
    ...HOSTILE_LINES.flatMap((line) => [br, text(line)]),
  ];

  it("a hard break followed by `# ` or `- ` does not start a heading or a list", () => {
    const lines = render({ type: "paragraph", content: brokenLines() });
    expect(lines.filter((l) => BLOCK_START.test(l))).toEqual([]);
    expect(lines.join("\n")).toContain("\\# Fake heading");
    expect(lines.join("\n")).toContain("1\\. fake item");
  });

  it("a raw carriage return, CRLF, LF, U+2028 or U+2029 in a text run does not start a line", () => {
    const runs = ["\r", "\r\n", "\n", "\u2028", "\u2029"].flatMap((eol) =>
      HOSTILE_LINES.map((line) => text(`x${eol}${line}`)),
    );
    const lines = render({ type: "paragraph", content: runs });
    expect(lines.filter((l) => l !== "")).toHaveLength(1);
    expect(lines.join("\n")).not.toMatch(/[\r\u2028\u2029]/);
    expect(lines.filter((l) => BLOCK_START.test(l))).toEqual([]);
  });

  it("hard breaks in articles, list items, quotes, headings and cells are escaped by position", () => {
    const paragraph: JSONContent = { type: "paragraph", content: brokenLines() };
    const lines = render(
      {
        type: "term",
        attrs: { termId: "t-a", category: "general" },
        content: [paragraph, paragraph],
      },
      {
        type: "bulletList",
        content: [{ type: "listItem", content: [paragraph] }],
      },
      { type: "blockquote", content: [paragraph] },
      { type: "heading", attrs: { level: 3 }, content: brokenLines() },
      {
        type: "table",
        content: [
          {
            type: "tableRow",
            content: [
              { type: "tableCell", attrs: { colspan: 1, rowspan: 1 }, content: [paragraph] },
            ],
          },
        ],
      },
    );
    // Only the structure the document has: one list item, the quote, the heading, the table.
    expect(lines.filter((l) => BLOCK_START.test(l))).toEqual([
      "- Intro\\",
      "> Intro\\",
      ...lines.filter((l) => l.startsWith("> ")).slice(1),
      // A heading and a cell stay on their line: breaks are `<br>`, nothing starts a line.
      expect.stringMatching(/^### Intro<br># Fake heading<br>/),
      expect.stringMatching(/^\| Intro<br># Fake heading<br>/),
      "| --- |",
    ]);
    // Inside the quote, each line after `> ` is guarded too.
    for (const l of lines.filter((l) => l.startsWith("> ")).slice(1)) {
      expect(BLOCK_START.test(l.slice(2))).toBe(false);
    }
  });

  it("a heading ending in `#` keeps it", () => {
    const lines = render({ type: "heading", attrs: { level: 2 }, content: [text("Use C #")] });
    expect(lines[0]).toBe("## Use C \\#");
  });
});
