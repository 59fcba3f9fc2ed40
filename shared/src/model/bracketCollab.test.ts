/**
 * Brackets across two collaborating editors: A brackets a span with two options, B supports one
 * and resolves the bracket; both end with the same clean text and the same resolution record.
 */
import { Editor } from "@tiptap/core";
import Collaboration from "@tiptap/extension-collaboration";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { documentExtensions } from "../schema/extensions.js";
import { installDom } from "../schema/testDom.js";
import {
  applyBracketResolution,
  bracketRange,
  readResolutions,
  setOptionPosition,
} from "./bracket.js";
import { plainText } from "./documentJson.js";
import { doc, PARTIES, p, t, term } from "./testFixtures.js";
import { renderView } from "./views.js";

installDom();
const editors: Editor[] = [];
afterEach(() => {
  for (const e of editors.splice(0)) e.destroy();
});

function editorOn(ydoc: Y.Doc): Editor {
  const editor = new Editor({
    element: document.createElement("div"),
    extensions: [
      ...documentExtensions(),
      Collaboration.configure({ document: ydoc, field: "default" }),
    ],
  });
  editors.push(editor);
  return editor;
}

function connect(a: Y.Doc, b: Y.Doc): void {
  a.on("update", (update: Uint8Array, origin: unknown) => {
    if (origin !== b) Y.applyUpdate(b, update, a);
  });
  b.on("update", (update: Uint8Array, origin: unknown) => {
    if (origin !== a) Y.applyUpdate(a, update, b);
  });
}

describe("brackets between two editors", () => {
  it("A brackets, B supports and resolves: same clean text and record on both", () => {
    const docA = new Y.Doc();
    const docB = new Y.Doc();
    connect(docA, docB);
    const a = editorOn(docA);
    const b = editorOn(docB);
    a.commands.setContent(doc(term("t-1", [p(t("The Party shall act."))])));
    expect(plainText(b.getJSON())).toContain("The Party shall act.");
    const ctx = { parties: PARTIES };
    const from = 2 + "The Party ".length; // inside term (1) > paragraph (2)
    const bracketed = bracketRange(
      a.state,
      {
        from,
        to: from + 5,
        proposedBy: "party-a",
        alternative: "should",
        alternativeProposedBy: "party-b",
      },
      ctx,
    );
    if (!bracketed.ok) throw new Error(bracketed.error.message);
    a.view.dispatch(bracketed.value);
    expect(plainText(b.getJSON())).toContain("The Party [shall / should] act.");

    const json = b.getJSON();
    const bracketNode = JSON.stringify(json).match(/"bracketId":"(b-[^"]+)"/)?.[1] ?? "";
    const optionIds = [...JSON.stringify(json).matchAll(/"optionId":"(o-[^"]+)"/g)].map(
      (m) => m[1] ?? "",
    );
    const supported = setOptionPosition(
      b.state,
      { optionId: optionIds[1] ?? "", partyId: "party-a", position: "support" },
      ctx,
    );
    if (!supported.ok) throw new Error(supported.error.message);
    b.view.dispatch(supported.value);
    expect(plainText(renderView(a.getJSON(), "party:party-a").doc)).toContain(
      "The Party shall act.",
    );

    const resolved = applyBracketResolution(
      b.view,
      docB,
      { bracketId: bracketNode, optionId: optionIds[1] ?? "" },
      { actor: { name: "Bo", party: "party-b" } },
    );
    expect(resolved.ok).toBe(true);
    expect(plainText(a.getJSON())).toContain("The Party should act.");
    expect(a.getJSON()).toEqual(b.getJSON());
    expect(renderView(a.getJSON(), "clean").flags).toEqual([]);
    expect(readResolutions(docA).get(bracketNode)).toMatchObject({
      valid: true,
      value: { text: "should", by: { name: "Bo" } },
    });
  });
});
