/**
 * Brackets across two collaborating editors: A brackets a span with two options, B supports one
 * and resolves the bracket; both end with the same clean text and the same resolution record.
 */
import { Editor } from "@tiptap/core";
import Collaboration from "@tiptap/extension-collaboration";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { documentExtensions } from "../schema/extensions.js";
import { installDom } from "../test/dom.js";
import { doc, PARTIES, p, t, term } from "../test/frameworkFixtures.js";
import {
  applyBracketResolution,
  bracketRange,
  readResolutions,
  reopenBracket,
  setOptionPosition,
} from "./bracket.js";
import { plainText } from "./documentJson.js";
import { positionMarkKey, readPositionMarks, recordPosition } from "./positionMarks.js";
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

  it("a resolution is one update with its record, and reopening puts the bracket back with its history", () => {
    const docA = new Y.Doc();
    const docB = new Y.Doc();
    connect(docA, docB);
    const a = editorOn(docA);
    const b = editorOn(docB);
    a.commands.setContent(doc(term("t-1", [p(t("The Party shall act."))])));
    const ctx = { parties: PARTIES };
    const from = 2 + "The Party ".length;
    const bracketed = bracketRange(
      a.state,
      { from, to: from + 5, proposedBy: "party-a", alternative: "should" },
      ctx,
    );
    if (!bracketed.ok) throw new Error(bracketed.error.message);
    a.view.dispatch(bracketed.value);
    const json = JSON.stringify(b.getJSON());
    const bracketId = json.match(/"bracketId":"(b-[^"]+)"/)?.[1] ?? "";
    const optionIds = [...json.matchAll(/"optionId":"(o-[^"]+)"/g)].map((m) => m[1] ?? "");
    const supported = setOptionPosition(
      b.state,
      { optionId: optionIds[1] ?? "", partyId: "party-b", position: "support" },
      ctx,
    );
    if (!supported.ok) throw new Error(supported.error.message);
    b.view.dispatch(supported.value);

    const updates: Uint8Array[] = [];
    const count = (update: Uint8Array) => updates.push(update);
    docB.on("update", count);
    const resolved = applyBracketResolution(
      b.view,
      docB,
      { bracketId, optionId: optionIds[1] ?? "" },
      { actor: { name: "Bo", party: "party-b" } },
    );
    docB.off("update", count);
    expect(resolved.ok).toBe(true);
    // The server sees the bracket's removal and its record in the same update.
    expect(updates).toHaveLength(1);
    expect(plainText(a.getJSON())).toContain("The Party should act.");
    const record = readResolutions(docA).get(bracketId);
    expect(record?.valid && record.value.options[0]).toMatchObject({ text: "shall" });
    expect(record?.valid && record.value.options[1]).toMatchObject({ supportedBy: ["party-b"] });

    const reopened = reopenBracket(
      a.view,
      docA,
      { bracketId },
      { actor: { name: "Mo", party: null } },
    );
    if (!reopened.ok) throw new Error(reopened.error.message);
    expect(plainText(b.getJSON())).toContain("The Party [shall / should] act.");
    const back = JSON.stringify(b.getJSON());
    expect(back).toContain(`"bracketId":"${bracketId}"`);
    expect(back).toContain('"supportedBy":["party-b"]');
    const marked = readResolutions(docB).get(bracketId);
    expect(marked?.valid && marked.value.reopened?.by.name).toBe("Mo");

    // Resolving it again keeps the first resolution as history.
    const again = applyBracketResolution(
      b.view,
      docB,
      { bracketId, optionId: optionIds[0] ?? "" },
      { actor: { name: "Mo", party: null } },
    );
    if (!again.ok) throw new Error(again.error.message);
    expect(plainText(a.getJSON())).toContain("The Party shall act.");
    const history = readResolutions(docA).get(bracketId);
    expect(history?.valid && history.value.earlier?.map((e) => e.text)).toEqual(["should"]);
    expect(history?.valid && history.value.earlier?.[0]?.reopened?.by.name).toBe("Mo");
  });

  it("a mediator's position for a party is marked, and the party's own record clears the mark", () => {
    const docA = new Y.Doc();
    const a = editorOn(docA);
    a.commands.setContent(doc(term("t-1", [p(t("The Party shall act."))])));
    const ctx = { parties: PARTIES };
    const from = 2 + "The Party ".length;
    const bracketed = bracketRange(
      a.state,
      { from, to: from + 5, proposedBy: "party-a", alternative: "should" },
      ctx,
    );
    if (!bracketed.ok) throw new Error(bracketed.error.message);
    a.view.dispatch(bracketed.value);
    const optionId =
      [...JSON.stringify(a.getJSON()).matchAll(/"optionId":"(o-[^"]+)"/g)][1]?.[1] ?? "";
    const key = positionMarkKey(optionId, "party-b");
    const mo = { name: "Mo", party: null, role: "mediator" as const };
    const updates: Uint8Array[] = [];
    const count = (update: Uint8Array) => updates.push(update);
    docA.on("update", count);
    const marked = recordPosition(
      a.view,
      docA,
      { optionId, partyId: "party-b", position: "support" },
      ctx,
      { actor: mo, onBehalf: true },
    );
    docA.off("update", count);
    expect(marked.ok).toBe(true);
    expect(updates).toHaveLength(1);
    expect(readPositionMarks(docA).get(key)?.by.name).toBe("Mo");
    expect(JSON.stringify(a.getJSON())).toContain('"supportedBy":["party-b"]');

    const own = recordPosition(
      a.view,
      docA,
      { optionId, partyId: "party-b", position: "support" },
      ctx,
      { actor: { name: "Bo", party: "party-b" }, onBehalf: false },
    );
    expect(own.ok).toBe(true);
    expect(readPositionMarks(docA).has(key)).toBe(false);
  });
});
