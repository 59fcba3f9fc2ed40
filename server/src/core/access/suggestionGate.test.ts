import type { Principal } from "@parley/shared/access/roles";
import { documentFragment, settingsMap } from "@parley/shared/model/maps";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { WriteGate } from "./writeGate.js";

const anna: Principal = {
  frameworkId: "fw-aaaaaa",
  inviteId: "inv-000001",
  role: "commenter",
  party: "p-a",
  name: "Anna",
  member: "m-anna",
  personal: true,
};
const drafter: Principal = { ...anna, role: "drafter", name: "Dana", member: "m-dana" };
const mediator: Principal = { ...anna, role: "mediator", party: null, name: "Mo", member: "m-mo" };
const AT = "2026-12-06T08:00:00.000Z";

function mark(who: Principal, id: string) {
  return { id, author: who.name, party: who.party, member: who.member, at: AT };
}

/** A framework room: paragraphs of plain text. */
function framework(...texts: string[]): Y.Doc {
  const doc = new Y.Doc();
  documentFragment(doc).push(
    texts.map((t) => {
      const p = new Y.XmlElement("paragraph");
      // `insert`, not `push`: the paragraph is not in a document yet, and `push` reads its length
      // first, which Yjs warns about ("Add Yjs type to a document before reading data").
      p.insert(0, [new Y.XmlText(t)]);
      return p;
    }),
  );
  return doc;
}

/** The text of the `index`-th paragraph (of a replica). */
function textOf(doc: Y.Doc, index = 0): Y.XmlText {
  const p = documentFragment(doc).get(index);
  const text = p instanceof Y.XmlElement ? p.get(0) : null;
  if (!(text instanceof Y.XmlText)) throw new Error("no text");
  return text;
}

function plain(text: Y.XmlText): string {
  return (text.toDelta() as Array<{ insert: unknown }>).map((op) => String(op.insert)).join("");
}

function edit(server: Y.Doc, write: (doc: Y.Doc) => void): Uint8Array {
  const replica = new Y.Doc();
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(replica);
  write(replica);
  return Y.encodeStateAsUpdate(replica, before);
}

function submit(gate: WriteGate, doc: Y.Doc, principal: Principal, update: Uint8Array) {
  const verdict = gate.check(principal, update);
  if (verdict.action === "apply") {
    Y.applyUpdate(doc, update);
    gate.applied(update);
  }
  return verdict;
}

describe("the write gate's suggestion path", () => {
  it("takes a commenter's own insertion, deletion mark and withdrawal, and refuses the rest", () => {
    const doc = framework("Payment within 60 days.", "Second.");
    const boris = { ...anna, name: "Boris", party: "p-b", member: "m-boris" };
    textOf(doc, 1).insert(7, " Third.", { suggestInsert: mark(boris, "s-9") });
    const gate = new WriteGate({ kind: "framework", frameworkId: "fw-aaaaaa" }, doc);
    const insert = edit(doc, (d) =>
      textOf(d).insert(15, "ninety or ", { suggestInsert: mark(anna, "s-1") }),
    );
    expect(submit(gate, doc, anna, insert)).toEqual({ action: "apply" });
    const strike = edit(doc, (d) =>
      textOf(d, 1).format(0, 6, { suggestDelete: mark(anna, "s-2") }),
    );
    expect(submit(gate, doc, anna, strike)).toEqual({ action: "apply" });
    const withdraw = edit(doc, (d) => textOf(d).delete(15, "ninety or ".length));
    expect(submit(gate, doc, anna, withdraw)).toEqual({ action: "apply" });
    expect(textOf(doc).toString()).toBe("Payment within 60 days.");

    const refused = [
      edit(doc, (d) => textOf(d).insert(0, "Late ")),
      edit(doc, (d) => textOf(d).insert(0, "Late ", { suggestInsert: mark(drafter, "s-3") })),
      edit(doc, (d) => textOf(d).delete(0, 8)),
      edit(doc, (d) => textOf(d, 1).delete(7, 7)),
      edit(doc, (d) => textOf(d, 1).format(7, 7, { suggestInsert: null })),
      edit(doc, (d) => textOf(d, 1).insert(9, "x", { suggestInsert: mark(anna, "s-9") })),
      edit(doc, (d) => textOf(d).format(0, 7, { bold: {} })),
      edit(doc, (d) => settingsMap(d).set("trackAllChanges", true)),
      edit(doc, (d) => textOf(d).insert(0, "x", { evil: { a: 1 } })),
    ];
    for (const update of refused) {
      expect(submit(gate, doc, anna, update).action).toBe("refuse");
    }
    // Nothing of the refused updates landed, and the gate still takes a good one.
    expect(textOf(doc).toString()).toBe("Payment within 60 days.");
    expect(settingsMap(doc).size).toBe(0);
    const again = edit(doc, (d) =>
      textOf(d).insert(0, "Net ", { suggestInsert: mark(anna, "s-4") }),
    );
    expect(submit(gate, doc, anna, again)).toEqual({ action: "apply" });
  });

  it("makes a drafter's edits suggestions while the framework tracks all changes", () => {
    const doc = framework("Payment within 60 days.");
    const gate = new WriteGate({ kind: "framework", frameworkId: "fw-aaaaaa" }, doc);
    const plain = () => edit(doc, (d) => textOf(d).insert(0, "A "));
    expect(gate.appliesDirectly(drafter)).toBe(true);
    expect(submit(gate, doc, drafter, plain())).toEqual({ action: "apply" });
    expect(
      submit(
        gate,
        doc,
        drafter,
        edit(doc, (d) => settingsMap(d).set("trackAllChanges", true)),
      ).action,
    ).toBe("refuse");
    expect(
      submit(
        gate,
        doc,
        mediator,
        edit(doc, (d) => settingsMap(d).set("trackAllChanges", true)),
      ),
    ).toEqual({ action: "apply" });
    expect(gate.appliesDirectly(drafter)).toBe(false);
    expect(submit(gate, doc, drafter, plain()).action).toBe("refuse");
    const suggested = edit(doc, (d) =>
      textOf(d).insert(0, "B ", { suggestInsert: mark(drafter, "s-1") }),
    );
    expect(submit(gate, doc, drafter, suggested)).toEqual({ action: "apply" });
    expect(submit(gate, doc, mediator, plain())).toEqual({ action: "apply" });
    // The drafter accepting someone's suggestion is a direct edit: refused while tracking.
    const accept = edit(doc, (d) => textOf(d).format(2, 2, { suggestInsert: null }));
    expect(submit(gate, doc, drafter, accept).action).toBe("refuse");
    expect(
      submit(
        gate,
        doc,
        drafter,
        edit(doc, (d) => settingsMap(d).set("trackAllChanges", false)),
      ).action,
    ).toBe("refuse");
    expect(
      submit(
        gate,
        doc,
        mediator,
        edit(doc, (d) => settingsMap(d).set("trackAllChanges", false)),
      ),
    ).toEqual({ action: "apply" });
    expect(submit(gate, doc, drafter, accept)).toEqual({ action: "apply" });
  });

  it("checks keystrokes in a long document (one replica typing, as a client does)", () => {
    const doc = framework(...Array.from({ length: 1000 }, (_, i) => `Clause ${i} of the text.`));
    const gate = new WriteGate({ kind: "framework", frameworkId: "fw-aaaaaa" }, doc);
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
    for (let i = 0; i < 10; i++) {
      const before = Y.encodeStateVector(replica);
      textOf(replica, 500).insert(i, "a", { suggestInsert: mark(anna, "s-1") });
      expect(submit(gate, doc, anna, Y.encodeStateAsUpdate(replica, before))).toEqual({
        action: "apply",
      });
    }
    const before = Y.encodeStateVector(replica);
    textOf(replica, 999).insert(0, "unmarked ");
    expect(submit(gate, doc, anna, Y.encodeStateAsUpdate(replica, before)).action).toBe("refuse");
    expect(plain(textOf(doc, 500))).toBe(`${"a".repeat(10)}Clause 500 of the text.`);
  });
});
