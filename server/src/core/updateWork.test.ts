import { LIMITS } from "@parley/shared/protocol";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { assessUpdate, WORK } from "./updateWork.js";

const limits = { maxDepth: LIMITS.maxNestingDepth, maxWork: LIMITS.maxUpdateWork };

/** What `edit` adds to `doc`, as one update. */
function diff(doc: Y.Doc, edit: () => void): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.transact(edit);
  return Y.encodeStateAsUpdate(doc, before);
}

function paragraph(text: string): Y.XmlElement {
  const element = new Y.XmlElement("paragraph");
  element.insert(0, [new Y.XmlText(text)]);
  return element;
}

describe("assessUpdate", () => {
  it("scores honest edits by their items: pastes, typing, typing at one spot, deleting", () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment("default");
    const paste = diff(doc, () => {
      for (let i = 0; i < 300; i++) fragment.push([paragraph(`pasted ${i} `.repeat(10))]);
    });
    const server = new Y.Doc();
    expect(assessUpdate(server, paste, limits)).toEqual({ ok: true, work: 900 * WORK.item });
    Y.applyUpdate(server, paste);
    // Typing one character at a time in the middle of a paragraph, each an update.
    const text = (fragment.get(10) as Y.XmlElement).get(0) as Y.XmlText;
    for (let i = 0; i < 50; i++) {
      const keystroke = diff(doc, () => text.insert(5 + i, "k"));
      const verdict = assessUpdate(server, keystroke, limits);
      expect(verdict.ok && verdict.work <= WORK.item + 2).toBe(true);
      Y.applyUpdate(server, keystroke);
    }
    // Offline, 2,000 characters typed at the very start of a paragraph (each before the last):
    // all at one position, but one client's items never walk over each other.
    const atStart = diff(doc, () => {
      for (let i = 0; i < 2000; i++) text.insert(0, "s");
    });
    // (Each item's right origin is new too, so the estimate walks to the paragraph's end: a few
    // steps each.)
    const typedAtStart = assessUpdate(server, atStart, limits);
    expect(typedAtStart.ok && typedAtStart.work < 2000 * (WORK.item + 5)).toBe(true);
    Y.applyUpdate(server, atStart);
    // Deleting the whole document: per item deleted.
    const cleared = diff(doc, () => fragment.delete(0, fragment.length));
    const deletion = assessUpdate(server, cleared, limits);
    expect(deletion.ok && deletion.work >= 300 * WORK.deletion).toBe(true);
  });

  it("counts items crowded at one position under different client ids (quadratic in Yjs)", () => {
    const crowd = (client: number, count: number) => {
      const doc = new Y.Doc();
      doc.clientID = client;
      const text = doc.getText("t");
      for (let i = 0; i < count; i++) text.insert(0, "x");
      return Y.encodeStateAsUpdate(doc);
    };
    const server = new Y.Doc();
    const first = crowd(1, 1000);
    // One client's items at one spot: cheap for Yjs too.
    expect(assessUpdate(server, first, limits)).toEqual({ ok: true, work: 1000 * WORK.item });
    Y.applyUpdate(server, first);
    // Against the 1,000 already there, 1,000 more at the same spot walk over all of them.
    const second = assessUpdate(server, crowd(0x7ffffff0, 1000), limits);
    expect(second.ok && second.work >= 1_000_000).toBe(true);
    expect(assessUpdate(server, crowd(0x7ffffff0, 20_000), limits)).toMatchObject({
      ok: false,
      kind: "work",
    });
    // Two clients crowding one spot within one update.
    const both = Y.mergeUpdates([crowd(2, 5000), crowd(0x7ffffff1, 5000)]);
    expect(assessUpdate(new Y.Doc(), both, limits)).toMatchObject({ ok: false, kind: "work" });
  });

  it("refuses shared types nested deeper than the limit, also when the chain is split across updates", () => {
    const doc = new Y.Doc();
    let inner = doc.getMap("records");
    const nest = (levels: number) =>
      diff(doc, () => {
        for (let i = 0; i < levels; i++) {
          const next = new Y.Map();
          inner.set("k", next);
          inner = next;
        }
      });
    const server = new Y.Doc();
    const first = nest(limits.maxDepth);
    expect(assessUpdate(server, first, limits).ok).toBe(true);
    Y.applyUpdate(server, first);
    expect(assessUpdate(server, nest(1), limits)).toMatchObject({ ok: false, kind: "depth" });
  });

  it("follows a chain through the document's pending structs", () => {
    const doc = new Y.Doc();
    let inner = doc.getMap("records");
    const parts: Uint8Array[] = [];
    for (let part = 0; part < 3; part++) {
      parts.push(
        diff(doc, () => {
          for (let i = 0; i < 40; i++) {
            const next = new Y.Map();
            inner.set("k", next);
            inner = next;
          }
        }),
      );
    }
    const [a, b, c] = parts as [Uint8Array, Uint8Array, Uint8Array];
    const server = new Y.Doc();
    // c, then b, wait for a (80 levels so far); a would make them 120 levels deep.
    expect(assessUpdate(server, c, limits).ok).toBe(true);
    Y.applyUpdate(server, c);
    expect(assessUpdate(server, b, limits).ok).toBe(true);
    Y.applyUpdate(server, b);
    expect(server.getMap("records").size).toBe(0);
    expect(assessUpdate(server, a, limits)).toMatchObject({ ok: false, kind: "depth" });
  });
});
