import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { documentFragment } from "../model/maps.js";
import { frameworkTextBlocks } from "./frameworkText.js";

function element(name: string, children: (Y.XmlElement | Y.XmlText)[]): Y.XmlElement {
  const el = new Y.XmlElement(name);
  el.insert(0, children);
  return el;
}

describe("frameworkTextBlocks", () => {
  it("reads headings, paragraphs inside terms and bracket options as text blocks", () => {
    const doc = new Y.Doc();
    documentFragment(doc).insert(0, [
      element("heading", [new Y.XmlText("Water")]),
      element("term", [
        element("paragraph", [
          new Y.XmlText("The parties "),
          element("bracket", [
            element("bracketOption", [new Y.XmlText("shall")]),
            element("bracketOption", [new Y.XmlText("should")]),
          ]),
          new Y.XmlText(" share the river."),
        ]),
      ]),
      element("paragraph", []),
    ]);
    expect(frameworkTextBlocks(doc)).toEqual([
      "Water",
      "The parties [shall | should] share the river.",
    ]);
  });
});
