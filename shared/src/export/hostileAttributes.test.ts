/**
 * Issue 14, finding 4: export must run in bounded time and memory for any stored document. A
 * drafter can write any attribute value through Yjs (bypassing the schema); these documents plant
 * spans, levels, starts and widths out of every sane range, and nest deeper than anyone would.
 */
import type { JSONContent } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { documentFragment } from "../model/maps.js";
import { ALL_ON, FIXTURE_SOURCE } from "../test/export/source.js";
import { buildExportModel, type ExportSource, MAX_EXPORT_DEPTH } from "./buildModel.js";
import { renderHtml } from "./html.js";
import { MAX_BRACKET_DEPTH } from "./inline.js";
import { renderMarkdown } from "./markdown.js";
import type { Block, TableBlock } from "./model.js";
import { readExportSource } from "./source.js";
import { MAX_TABLE_COLUMNS } from "./tableGrid.js";

const text = (value: string): JSONContent => ({ type: "text", text: value });
const para = (value: string): JSONContent => ({ type: "paragraph", content: [text(value)] });
const cell = (value: string, attrs: Record<string, unknown> = {}): JSONContent => ({
  type: "tableCell",
  attrs: { colspan: 1, rowspan: 1, colwidth: null, ...attrs },
  content: [para(value)],
});
const row = (...cells: JSONContent[]): JSONContent => ({ type: "tableRow", content: cells });
const table = (...rows: JSONContent[]): JSONContent => ({ type: "table", content: rows });

function sourceOf(...content: JSONContent[]): ExportSource {
  return { ...FIXTURE_SOURCE, threads: [], doc: { type: "doc", content } };
}

function tableOf(blocks: readonly Block[]): TableBlock {
  const found = blocks.find((b): b is TableBlock => b.kind === "table");
  if (!found) throw new Error("no table in the model");
  return found;
}

function columns(t: TableBlock): number[] {
  return t.rows.map((r) => r.reduce((n, c) => n + c.colspan, 0));
}

describe("hostile numeric attributes (finding 4)", () => {
  it("a table cell with colspan 100,000,000 exports in bounded memory (Markdown and HTML)", () => {
    const source = sourceOf(
      table(row(cell("wide", { colspan: 100_000_000, rowspan: 100_000_000 }), cell("b"))),
    );
    const model = buildExportModel(source, ALL_ON);
    const [first] = tableOf(model.body).rows;
    // The row is full after the first cell: the second one's text joins it.
    expect(first?.map((c) => [c.colspan, c.rowspan])).toEqual([[MAX_TABLE_COLUMNS, 1]]);
    const md = renderMarkdown(model);
    expect(md.length).toBeLessThan(10_000);
    expect(md).toContain("| wide<br>b |");
    const html = renderHtml(model);
    expect(html).toContain(`<td colspan="${MAX_TABLE_COLUMNS}" dir="auto">`);
    expect(html).not.toContain("100000000");
  });

  it("a colspan of 100,000,000 planted in the Y.Doc (not through the schema) is bounded too", () => {
    const doc = new Y.Doc();
    const tableEl = new Y.XmlElement("table");
    const rowEl = new Y.XmlElement("tableRow");
    const cellEl = new Y.XmlElement("tableCell");
    const p = new Y.XmlElement("paragraph");
    p.insert(0, [new Y.XmlText("planted")]);
    cellEl.insert(0, [p]);
    rowEl.insert(0, [cellEl]);
    tableEl.insert(0, [rowEl]);
    documentFragment(doc).insert(0, [tableEl]);
    // Any value a Yjs client can write: a number out of range, NaN, a string.
    cellEl.setAttribute("colspan", 100_000_000 as unknown as string);
    cellEl.setAttribute("rowspan", "1e9");
    const source = readExportSource({
      title: "Planted",
      updatedAt: "2026-12-01T00:00:00.000Z",
      framework: doc,
      threads: [],
    });
    const model = buildExportModel(source, ALL_ON);
    expect(tableOf(model.body).rows[0]?.[0]).toMatchObject({
      colspan: MAX_TABLE_COLUMNS,
      rowspan: 1,
    });
    expect(renderMarkdown(model)).toContain("| planted |");
  });

  it("spans that are NaN, Infinity, negative, fractional or not numbers fall back or clamp", () => {
    const model = buildExportModel(
      sourceOf(
        table(
          row(
            cell("nan", { colspan: Number.NaN }),
            cell("inf", { colspan: Number.POSITIVE_INFINITY }),
            cell("neg", { colspan: -5, rowspan: -1 }),
            cell("frac", { colspan: 2.7 }),
            cell("str", { colspan: "3" }),
            cell("obj", { colspan: { valueOf: () => 1e9 }, rowspan: [1e9] }),
          ),
        ),
      ),
      ALL_ON,
    );
    expect(tableOf(model.body).rows[0]?.map((c) => [c.colspan, c.rowspan])).toEqual([
      [1, 1],
      [1, 1],
      [1, 1],
      [2, 1],
      [3, 1],
      [1, 1],
    ]);
  });

  it("a wide table with many rows stays within the column bound (rows × colspan)", () => {
    const wide = row(
      ...Array.from({ length: 2_000 }, (_, i) => cell(`w${i}`, { colspan: 100_000_000 })),
    );
    const narrow = Array.from({ length: 2_000 }, (_, i) => row(cell(`n${i}`)));
    const model = buildExportModel(sourceOf(table(wide, ...narrow)), ALL_ON);
    const t = tableOf(model.body);
    expect(Math.max(...columns(t))).toBeLessThanOrEqual(MAX_TABLE_COLUMNS);
    // The cells that did not fit keep their text, in the last cell of their row.
    expect(renderMarkdown(model)).toContain("w1999");
    const md = renderMarkdown(model);
    expect(md.split("\n").filter((l) => l.startsWith("|")).length).toBe(2_002);
    expect(md.length).toBeLessThan(2_000 * (MAX_TABLE_COLUMNS + 2) * 4 + 100_000);
  });

  it("rowspans stop at the last row and never overlap another cell's columns", () => {
    const model = buildExportModel(
      sourceOf(
        table(
          row(cell("tall", { rowspan: 1e9, colspan: 2 }), cell("x")),
          row(cell("a", { colspan: 64 }), cell("b")),
          row(cell("c")),
        ),
      ),
      ALL_ON,
    );
    const t = tableOf(model.body);
    expect(t.rows[0]?.[0]).toMatchObject({ colspan: 2, rowspan: 3 });
    // Row 2: columns 0-1 are covered from above, so "a" takes the 62 columns left and "b" joins it.
    expect(t.rows[1]?.map((c) => c.colspan)).toEqual([MAX_TABLE_COLUMNS - 2]);
    expect(columns(t).every((n) => n <= MAX_TABLE_COLUMNS)).toBe(true);
  });

  it("heading levels and list starts out of range clamp; garbage falls back", () => {
    const heading = (level: unknown): JSONContent => ({
      type: "heading",
      attrs: { level },
      content: [text(`h${String(level)}`)],
    });
    const list = (start: unknown): JSONContent => ({
      type: "orderedList",
      attrs: { start },
      content: [{ type: "listItem", content: [para("item")] }],
    });
    const model = buildExportModel(
      sourceOf(
        para("first"),
        heading(100_000_000),
        heading(3.5),
        heading(Number.NaN),
        heading(-2),
        list(1e300),
        list(-7),
        list("x"),
        list(0),
      ),
      ALL_ON,
    );
    const levels = model.body.flatMap((b) => (b.kind === "heading" ? [b.level] : []));
    expect(levels).toEqual([6, 3, 1, 1]);
    const starts = model.body.flatMap((b) => (b.kind === "list" ? [b.start] : []));
    expect(starts).toEqual([99_999_999, 1, 1, 0]);
    const md = renderMarkdown(model);
    expect(md).toContain("99999999. item");
    expect(md).not.toContain("e+");
  });
});

describe("deep nesting exports without unbounded recursion (finding 4)", () => {
  function nest(depth: number, wrap: (inner: JSONContent) => JSONContent, leaf: JSONContent) {
    let node = leaf;
    for (let i = 0; i < depth; i++) node = wrap(node);
    return node;
  }

  it("20,000 nested blockquotes export as structure up to the bound, then as text", () => {
    const deep = nest(20_000, (inner) => ({ type: "blockquote", content: [inner] }), para("core"));
    const model = buildExportModel(sourceOf(para("before"), deep, para("after")), ALL_ON);
    const md = renderMarkdown(model);
    expect(md).toContain("core");
    expect(md).toContain("after");
    const quoted = md.split("\n").find((l) => l.includes("core")) ?? "";
    expect(quoted.split(">").length - 1).toBe(MAX_EXPORT_DEPTH);
    expect(renderHtml(model)).toContain("core");
  });

  it("20,000 nested lists and tables export; the terms after them keep their numbers", () => {
    const deepList = nest(
      20_000,
      (inner) => ({ type: "bulletList", content: [{ type: "listItem", content: [inner] }] }),
      para("leaf"),
    );
    const deepTable = nest(
      2_000,
      (inner) => table(row({ ...cell("x"), content: [inner] })),
      para("t"),
    );
    const term: JSONContent = {
      type: "term",
      attrs: { termId: "t-after", category: "general" },
      content: [para("after")],
    };
    const model = buildExportModel(sourceOf(deepList, deepTable, term), ALL_ON);
    const md = renderMarkdown(model);
    expect(md).toContain("leaf");
    expect(md).toContain("**Art. 1** *(Proposed)* after");
    expect(renderHtml(model)).toContain("leaf");
  });

  it("brackets nested 20,000 deep show as text past the bound", () => {
    const deep = nest(
      20_000,
      (inner) => ({
        type: "bracket",
        attrs: { bracketId: "b" },
        content: [
          { type: "bracketOption", attrs: { optionId: "o1" }, content: [inner] },
          { type: "bracketOption", attrs: { optionId: "o2" }, content: [text("alt")] },
        ],
      }),
      text("innermost"),
    );
    const model = buildExportModel(sourceOf({ type: "paragraph", content: [deep] }), ALL_ON);
    const md = renderMarkdown(model);
    expect(md).toContain("innermost");
    expect(
      md
        .split("\n")
        .find((l) => l.includes("innermost"))
        ?.split("[").length,
    ).toBeLessThan(MAX_BRACKET_DEPTH * 2 + 4);
  });

  it("a text of a million spaces before a word renders in linear time", () => {
    const spaces = `${" ".repeat(1_000_000)}x${" ".repeat(1_000_000)}y`;
    const md = renderMarkdown(buildExportModel(sourceOf(para(spaces)), ALL_ON));
    expect(md).toContain("x");
  });
});
