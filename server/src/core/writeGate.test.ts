import type { Principal } from "@parley/shared/access/roles";
import { commentFormatKey } from "@parley/shared/comments/commentMark";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { updateChangesDoc } from "./updateInspection.js";
import { WriteGate } from "./writeGate.js";

const amal: Principal = {
  frameworkId: "fw-aaaaaa",
  inviteId: "inv-000001",
  role: "commenter",
  party: "p-north",
  name: "Amal",
};
const observer: Principal = { ...amal, role: "observer" };

/** An update made on a replica of `server`, by `write`. */
function edit(server: Y.Doc, write: (doc: Y.Doc) => void): Uint8Array {
  const replica = new Y.Doc();
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(replica);
  write(replica);
  return Y.encodeStateAsUpdate(replica, before);
}

function submit(gate: WriteGate, doc: Y.Doc, principal: Principal | null, update: Uint8Array) {
  const verdict = gate.check(principal, update);
  if (verdict.action === "apply") {
    Y.applyUpdate(doc, update);
    gate.applied(update);
  }
  return verdict.action;
}

describe("WriteGate", () => {
  it("ignores a refused role's no-op (a sync step 2 with nothing new) and refuses real changes", () => {
    const doc = new Y.Doc();
    doc.getXmlFragment("default").push([new Y.XmlText("text")]);
    const gate = new WriteGate({ kind: "framework", frameworkId: "fw-aaaaaa" }, doc);
    // A full state (structs and delete set) the server already has.
    const echo = Y.encodeStateAsUpdate(doc);
    expect(updateChangesDoc(doc, echo)).toBe(false);
    expect(gate.check(observer, echo)).toEqual({ action: "ignore" });
    const change = edit(doc, (d) => d.getXmlFragment("default").push([new Y.XmlText("x")]));
    expect(gate.check(observer, change).action).toBe("refuse");
    const deletion = edit(doc, (d) => d.getXmlFragment("default").delete(0, 1));
    expect(updateChangesDoc(doc, deletion)).toBe(true);
    expect(gate.check(amal, deletion).action).toBe("refuse");
    expect(gate.check(null, deletion).action).toBe("apply");
  });

  it("inspects discussion updates on a shadow and keeps it equal to the room after refusals", () => {
    const doc = new Y.Doc();
    const gate = new WriteGate({ kind: "discussion", frameworkId: "fw-aaaaaa" }, doc);
    const own = { by: { name: "Amal", party: "p-north" }, text: "mine" };
    expect(
      submit(
        gate,
        doc,
        amal,
        edit(doc, (d) => d.getMap("comments").set("c1", own)),
      ),
    ).toBe("apply");
    // A trusted write the shadow must follow.
    const theirs = { by: { name: "Bola", party: "p-south" } };
    expect(
      submit(
        gate,
        doc,
        null,
        edit(doc, (d) => d.getMap("comments").set("c2", theirs)),
      ),
    ).toBe("apply");
    expect(
      submit(
        gate,
        doc,
        amal,
        edit(doc, (d) => d.getMap("comments").delete("c2")),
      ),
    ).toBe("refuse");
    expect(
      submit(
        gate,
        doc,
        amal,
        edit(doc, (d) => d.getText("notes").insert(0, "x")),
      ),
    ).toBe("refuse");
    const nested = edit(doc, (d) => {
      const inner = new Y.Map<unknown>();
      d.getMap("comments").set("c3", inner);
    });
    expect(submit(gate, doc, amal, nested)).toBe("refuse");
    // After the refusals the shadow was rebuilt: an allowed edit still applies, on top of c2.
    const edited = { ...own, text: "edited" };
    expect(
      submit(
        gate,
        doc,
        amal,
        edit(doc, (d) => d.getMap("comments").set("c1", edited)),
      ),
    ).toBe("apply");
    expect(doc.getMap("comments").toJSON()).toEqual({ c1: edited, c2: theirs });
    expect(doc.getText("notes").toString()).toBe("");
  });

  it("lets a commenter anchor and un-anchor comments in the text, and nothing else", () => {
    const doc = new Y.Doc();
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText("Sanctions relief in three phases")]);
    doc.getXmlFragment("default").push([paragraph]);
    const gate = new WriteGate({ kind: "framework", frameworkId: "fw-aaaaaa" }, doc);
    const textOf = (d: Y.Doc) =>
      (d.getXmlFragment("default").get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const key = commentFormatKey("c-thread1");

    const anchor = edit(doc, (d) => textOf(d).format(0, 9, { [key]: { threadId: "c-thread1" } }));
    expect(submit(gate, doc, amal, anchor)).toBe("apply");
    expect(textOf(doc).toDelta()[0]).toMatchObject({
      insert: "Sanctions",
      attributes: { [key]: {} },
    });
    const unanchor = edit(doc, (d) => textOf(d).format(0, 9, { [key]: null }));
    expect(submit(gate, doc, amal, unanchor)).toBe("apply");
    expect(textOf(doc).toDelta()).toEqual([{ insert: "Sanctions relief in three phases" }]);

    const bold = edit(doc, (d) => textOf(d).format(0, 3, { bold: true }));
    expect(gate.check(amal, bold)).toMatchObject({ action: "refuse" });
    const typed = edit(doc, (d) => textOf(d).insert(0, "x"));
    expect(gate.check(amal, typed)).toMatchObject({ action: "refuse" });
    const badValue = edit(doc, (d) => textOf(d).format(0, 3, { [key]: { threadId: "c-1", x: 1 } }));
    expect(gate.check(amal, badValue)).toMatchObject({ action: "refuse" });
    expect(gate.check(observer, anchor)).toEqual({ action: "ignore" });
    const again = edit(doc, (d) => textOf(d).format(10, 6, { [key]: { threadId: "c-thread1" } }));
    expect(gate.check(observer, again)).toMatchObject({ action: "refuse" });
    // After the refusals, a trusted edit and then another anchor still work.
    expect(
      submit(
        gate,
        doc,
        null,
        edit(doc, (d) => textOf(d).insert(0, "1. ")),
      ),
    ).toBe("apply");
    expect(submit(gate, doc, amal, again)).toBe("apply");
  });
});
