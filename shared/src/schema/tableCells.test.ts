/**
 * Issue 14, finding 4 in the editor: spans and widths of table cells are bounded when HTML is
 * parsed (paste) and when a stored value written straight into the Y.Doc is loaded.
 */
import { generateHTML, generateJSON, type JSONContent } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { collaborativeEditors } from "../test/editors.js";
import { documentExtensions } from "./extensions.js";

const makeEditor = collaborativeEditors();

function cells(json: JSONContent): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const stack = [json];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === "tableCell" || node.type === "tableHeader") out.push(node.attrs ?? {});
    stack.push(...[...(node.content ?? [])].reverse());
  }
  return out;
}

describe("bounded table cells (finding 4)", () => {
  it("pasted HTML with colspan 100,000,000 is bounded by the schema", () => {
    const json = generateJSON(
      '<table><tr><td colspan="100000000" rowspan="-5" colwidth="1000000000">x</td><th colspan="abc" rowspan="99999">y</th></tr></table>',
      documentExtensions(),
    );
    expect(cells(json).map((a) => [a.colspan, a.rowspan, a.colwidth])).toEqual([
      [64, 1, null],
      [1, 1000, null],
    ]);
    const html = generateHTML(json, documentExtensions());
    expect(html).toContain('colspan="64"');
    expect(html).not.toContain("100000000");
  });

  it("a colspan of 100,000,000 planted in the Y.Doc is bounded in the editor before the table is drawn", () => {
    const doc = new Y.Doc();
    const cell = new Y.XmlElement("tableCell");
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText("planted")]);
    cell.insert(0, [paragraph]);
    cell.setAttribute("colspan", 100_000_000 as unknown as string);
    cell.setAttribute("rowspan", Number.NaN as unknown as string);
    cell.setAttribute("colwidth", [1e9, 5] as unknown as string);
    const row = new Y.XmlElement("tableRow");
    row.insert(0, [cell]);
    const table = new Y.XmlElement("table");
    table.insert(0, [row]);
    doc.getXmlFragment("default").insert(0, [table]);

    const editor = makeEditor(doc);
    expect(cells(editor.getJSON()).map((a) => [a.colspan, a.rowspan, a.colwidth])).toEqual([
      [64, 1, null],
    ]);
    expect(editor.view.dom.querySelectorAll("col").length).toBeLessThanOrEqual(64);
    expect(editor.getText()).toContain("planted");
  });
});
