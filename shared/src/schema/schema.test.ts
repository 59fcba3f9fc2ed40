/**
 * The document schema: every domain node, every mark inside options, every attribute (validated
 * on read, never on load), HTML round trip, and stored invalid values that still open.
 */
import { generateHTML, generateJSON, getSchema, type JSONContent } from "@tiptap/core";
import { yXmlFragmentToProseMirrorRootNode } from "@tiptap/y-tiptap";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { readBracketAttrs, readOptionAttrs } from "../model/bracket.js";
import { listTerms } from "../model/documentJson.js";
import { readTermAttrs } from "../model/term.js";
import { installDom } from "../test/dom.js";
import { documentExtensions, viewExtensions } from "./extensions.js";

installDom();
const schema = getSchema(documentExtensions());
const viewSchema = getSchema(viewExtensions());

const p = (...content: JSONContent[]): JSONContent => ({ type: "paragraph", content });
const t = (text: string, marks?: JSONContent["marks"]): JSONContent =>
  marks ? { type: "text", text, marks } : { type: "text", text };
const option = (
  id: string,
  content: JSONContent[],
  attrs: Record<string, unknown> = {},
): JSONContent => ({
  type: "bracketOption",
  attrs: { optionId: id, proposedBy: null, supportedBy: [], opposedBy: [], ...attrs },
  content,
});
const bracket = (id: string, options: JSONContent[]): JSONContent => ({
  type: "bracket",
  attrs: { bracketId: id },
  content: options,
});
const term = (
  content: JSONContent[],
  attrs: Record<string, unknown> = { termId: "t-1", category: "general" },
): JSONContent => ({
  type: "term",
  attrs,
  content,
});
const doc = (...content: JSONContent[]): JSONContent => ({ type: "doc", content });

function checks(json: JSONContent, s = schema): boolean {
  try {
    s.nodeFromJSON(json).check();
    return true;
  } catch {
    return false;
  }
}

describe("term node", () => {
  it("holds paragraphs and lists", () => {
    const list = { type: "bulletList", content: [{ type: "listItem", content: [p(t("a"))] }] };
    const ordered = { type: "orderedList", content: [{ type: "listItem", content: [p(t("b"))] }] };
    expect(checks(doc(term([p(t("x")), list, ordered])))).toBe(true);
  });
  it("refuses headings, tables and emptiness inside", () => {
    expect(checks(doc(term([{ type: "heading", attrs: { level: 2 }, content: [t("h")] }])))).toBe(
      false,
    );
    expect(checks(doc(term([])))).toBe(false);
  });
  it("defaults its category to general and its id to null", () => {
    const node = schema.nodes.term?.create(null, schema.nodes.paragraph?.create());
    expect(node?.attrs).toEqual({ termId: null, category: "general", suggestion: null });
  });
});

describe("bracket and bracketOption nodes", () => {
  it("needs at least two options", () => {
    expect(
      checks(doc(p(bracket("b-1", [option("o-1", [t("shall")]), option("o-2", [t("should")])])))),
    ).toBe(true);
    expect(checks(doc(p(bracket("b-1", [option("o-1", [t("shall")])]))))).toBe(false);
    expect(
      checks(doc(p(bracket("b-1", [option("o-1", []), option("o-2", []), option("o-3", [])])))),
    ).toBe(true);
  });
  it("only holds options, and options only sit in brackets", () => {
    expect(checks(doc(p(bracket("b-1", [t("x"), option("o-2", [])]))))).toBe(false);
    expect(checks(doc(p(option("o-1", [t("x")]))))).toBe(false);
  });
  it("nests: an option holds text and further brackets", () => {
    const inner = bracket("b-2", [option("o-3", [t("30")]), option("o-4", [t("90")])]);
    expect(
      checks(
        doc(
          p(bracket("b-1", [option("o-1", [t("within "), inner, t(" days")]), option("o-2", [])])),
        ),
      ),
    ).toBe(true);
  });
  it("allows every mark of the schema on option text", () => {
    const markNames = Object.keys(schema.marks);
    expect(markNames).toEqual(
      expect.arrayContaining(["bold", "italic", "underline", "strike", "link"]),
    );
    for (const name of markNames) {
      const mark =
        name === "link" ? { type: name, attrs: { href: "https://example.org" } } : { type: name };
      const json = doc(
        p(bracket("b-1", [option("o-1", [t("marked", [mark])]), option("o-2", [])])),
      );
      expect(checks(json), name).toBe(true);
      expect(schema.nodes.bracketOption?.allowsMarkType(schema.marks[name]!)).toBe(true);
    }
  });
  it("keeps the view-only bracketFlag out of the document schema", () => {
    const flagged = doc(
      p(t("a "), {
        type: "bracketFlag",
        attrs: { bracketId: "b-1", reason: "open", optionCount: 2 },
      }),
    );
    expect(schema.nodes.bracketFlag).toBeUndefined();
    expect(checks(flagged)).toBe(false);
    expect(checks(flagged, viewSchema)).toBe(true);
  });
});

describe("attributes read on demand, never on load", () => {
  it("reads valid term attributes", () => {
    expect(readTermAttrs({ termId: "t-abc", category: "verification" })).toEqual({
      termId: { valid: true, value: "t-abc" },
      category: { valid: true, value: "verification" },
    });
  });
  it("marks invalid term attributes without throwing", () => {
    const attrs = readTermAttrs({ termId: 42, category: "bogus" });
    expect(attrs.termId).toMatchObject({ valid: false, raw: 42 });
    expect(attrs.category).toMatchObject({
      valid: false,
      raw: "bogus",
      message: 'invalid category: "bogus"',
    });
    expect(readTermAttrs(null).termId.valid).toBe(false);
  });
  it("reads option and bracket attributes, marking bad ones", () => {
    const good = readOptionAttrs({
      optionId: "o-1",
      proposedBy: "party-a",
      supportedBy: ["party-b"],
      opposedBy: [],
    });
    expect(good).toEqual({
      optionId: { valid: true, value: "o-1" },
      proposedBy: { valid: true, value: "party-a" },
      supportedBy: { valid: true, value: ["party-b"] },
      opposedBy: { valid: true, value: [] },
    });
    const bad = readOptionAttrs({
      optionId: "",
      proposedBy: 7,
      supportedBy: "party-b",
      opposedBy: [{}],
    });
    expect(Object.values(bad).every((v) => !v.valid)).toBe(true);
    expect(readOptionAttrs({ optionId: "o-1" }).proposedBy).toEqual({ valid: true, value: null });
    expect(readBracketAttrs({ bracketId: "b-1" }).bracketId.valid).toBe(true);
    expect(readBracketAttrs({ bracketId: "has space" }).bracketId.valid).toBe(false);
  });
  it("opens a Y.Doc holding invalid attributes (old or hostile client) and shows them as invalid", () => {
    const ydoc = new Y.Doc();
    const el = new Y.XmlElement<Record<string, string | number | object>>("term");
    el.setAttribute("termId", "t-x1");
    el.setAttribute("category", "bogus");
    const para = new Y.XmlElement<Record<string, string | number | object>>("paragraph");
    const b = new Y.XmlElement<Record<string, string | number | object>>("bracket");
    b.setAttribute("bracketId", "b-x");
    for (const id of ["o-1", "o-2"]) {
      const o = new Y.XmlElement<Record<string, string | number | object>>("bracketOption");
      o.setAttribute("optionId", id);
      o.setAttribute("proposedBy", 12);
      o.setAttribute("supportedBy", "not-a-list");
      o.insert(0, [new Y.XmlText(id)]);
      b.insert(0, [o as unknown as Y.XmlElement]);
    }
    para.insert(0, [b as unknown as Y.XmlElement]);
    el.insert(0, [para as unknown as Y.XmlElement]);
    ydoc.getXmlFragment("default").insert(0, [el as unknown as Y.XmlElement]);
    const root = yXmlFragmentToProseMirrorRootNode(ydoc.getXmlFragment("default"), schema);
    expect(ydoc.getXmlFragment("default").length).toBe(1);
    expect(() => root.check()).not.toThrow();
    const [listed] = listTerms(root.toJSON());
    expect(listed?.category).toMatchObject({ valid: false, raw: "bogus" });
    const optionNode = root.firstChild?.firstChild?.firstChild?.firstChild;
    expect(readOptionAttrs(optionNode?.attrs).proposedBy).toMatchObject({ valid: false, raw: 12 });
    expect(readOptionAttrs(optionNode?.attrs).supportedBy).toMatchObject({
      valid: false,
      raw: "not-a-list",
    });
  });
});

describe("HTML", () => {
  it("round-trips terms, brackets and option attributes", () => {
    const json = doc(
      term(
        [
          p(
            t("The Party "),
            bracket("b-1", [
              option("o-1", [t("shall")], {
                proposedBy: "party-a",
                supportedBy: ["party-c", "party-d"],
              }),
              option("o-2", [t("should")], { opposedBy: ["party-a"] }),
            ]),
            t(" act."),
          ),
        ],
        { termId: "t-1", category: "sanctionsRelief" },
      ),
    );
    const html = generateHTML(json, documentExtensions());
    expect(html).toContain('data-type="term"');
    expect(html).toContain('data-category="sanctionsRelief"');
    expect(html).toContain('data-supported-by="party-c party-d"');
    // Parsing fills in every attribute's default (e.g. `suggestion: null`): compare through the schema.
    const schema = getSchema(documentExtensions());
    expect(generateJSON(html, documentExtensions())).toEqual(schema.nodeFromJSON(json).toJSON());
  });
});
