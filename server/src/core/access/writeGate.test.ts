import type { Principal } from "@parley/shared/access/roles";
import { commentFormatKey } from "@parley/shared/comments/commentMark";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { updateChangesDoc } from "../updateInspection.js";
import { WriteGate } from "./writeGate.js";

const amal: Principal = {
  frameworkId: "fw-aaaaaa",
  inviteId: "inv-000001",
  role: "commenter",
  party: "p-north",
  name: "Amal",
  member: "m-amal",
  personal: true,
};
const observer: Principal = { ...amal, role: "observer" };

/** A discussion document holding a thread record per id, opened by the given principal. */
function threadsBy(authors: Record<string, Principal>): Y.Doc {
  const discussion = new Y.Doc();
  for (const [threadId, p] of Object.entries(authors)) {
    discussion.getMap("threads").set(threadId, {
      threadId,
      by: { name: p.name ?? "someone", party: p.party, member: p.member },
    });
  }
  return discussion;
}

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
    const own = { by: { name: "Amal", party: "p-north", member: "m-amal" }, text: "mine" };
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
    const discussion = threadsBy({ "c-thread1": amal });
    const gate = new WriteGate(
      { kind: "framework", frameworkId: "fw-aaaaaa" },
      doc,
      () => discussion,
    );
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

  it("a commenter can move or remove only the anchors of their own threads", () => {
    const doc = new Y.Doc();
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText("Sanctions relief in three phases")]);
    doc.getXmlFragment("default").push([paragraph]);
    const bola: Principal = { ...amal, name: "Bola", member: "m-bola" };
    const dana: Principal = { ...amal, role: "drafter", name: "Dana", member: "m-dana" };
    const discussion = threadsBy({ "c-amal": amal });
    const gate = new WriteGate(
      { kind: "framework", frameworkId: "fw-aaaaaa" },
      doc,
      () => discussion,
    );
    const textOf = (d: Y.Doc) =>
      (d.getXmlFragment("default").get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const key = commentFormatKey("c-amal");
    const anchor = edit(doc, (d) => textOf(d).format(0, 9, { [key]: { threadId: "c-amal" } }));
    expect(submit(gate, doc, amal, anchor)).toBe("apply");

    const remove = edit(doc, (d) => textOf(d).format(0, 9, { [key]: null }));
    const move = edit(doc, (d) => {
      textOf(d).format(0, 9, { [key]: null });
      textOf(d).format(10, 6, { [key]: { threadId: "c-amal" } });
    });
    const extend = edit(doc, (d) => textOf(d).format(9, 7, { [key]: { threadId: "c-amal" } }));
    for (const update of [remove, move, extend]) {
      expect(gate.check(bola, update)).toMatchObject({
        action: "refuse",
        reason: expect.stringContaining("only the author of thread c-amal"),
      });
    }
    // A key that is not its thread's is refused outright.
    const forged = edit(doc, (d) =>
      textOf(d).format(10, 6, { [commentFormatKey("c-other")]: { threadId: "c-amal" } }),
    );
    expect(gate.check(bola, forged)).toMatchObject({ action: "refuse" });
    // An anchor of a thread nobody knows may be added, not moved or removed.
    const unknownKey = commentFormatKey("c-new");
    const fresh = edit(doc, (d) =>
      textOf(d).format(17, 5, { [unknownKey]: { threadId: "c-new" } }),
    );
    expect(submit(gate, doc, bola, fresh)).toBe("apply");
    const dropFresh = edit(doc, (d) => textOf(d).format(17, 5, { [unknownKey]: null }));
    expect(gate.check(bola, dropFresh)).toMatchObject({ action: "refuse" });
    // The author may move it; a drafter may remove it.
    expect(submit(gate, doc, amal, move)).toBe("apply");
    expect(
      submit(
        gate,
        doc,
        dana,
        edit(doc, (d) => textOf(d).format(0, 32, { [key]: null })),
      ),
    ).toBe("apply");
    expect(JSON.stringify(textOf(doc).toDelta())).not.toContain(key);
  });

  describe("a commenter's formatting clean-up (Yjs deletes redundant format items)", () => {
    const textOf = (d: Y.Doc) =>
      (d.getXmlFragment("default").get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const key = commentFormatKey("c-thread1");

    /**
     * Two drafters bold the same span concurrently; the room's document holds both updates the
     * way a room reloaded from its update log does (the server's own clean-ups are not logged,
     * and loading runs in one local transaction, which cleans nothing). The commenter received
     * them live, one after the other.
     */
    function concurrentBold() {
      const base = new Y.Doc();
      const paragraph = new Y.XmlElement("paragraph");
      paragraph.insert(0, [new Y.XmlText("Sanctions relief in three phases")]);
      base.getXmlFragment("default").push([paragraph]);
      const initial = Y.encodeStateAsUpdate(base);
      const first = edit(base, (d) => textOf(d).format(0, 9, { bold: true }));
      const second = edit(base, (d) => textOf(d).format(0, 9, { bold: true }));
      const room = new Y.Doc();
      Y.transact(room, () => {
        for (const update of [initial, first, second]) Y.applyUpdate(room, update);
      });
      const commenter = new Y.Doc();
      Y.applyUpdate(commenter, initial);
      const local: Uint8Array[] = [];
      commenter.on("update", (update: Uint8Array, _origin, _doc, tr: Y.Transaction) => {
        if (tr.local) local.push(update);
      });
      Y.applyUpdate(commenter, first);
      Y.applyUpdate(commenter, second);
      return { room, commenter, local };
    }

    it("accepts the clean-up update, and the commenter's next anchor", () => {
      const { room, commenter, local } = concurrentBold();
      // The commenter's own clean-up: one update that only deletes (a redundant bold boundary).
      expect(local).toHaveLength(1);
      const cleanup = local[0] as Uint8Array;
      const decoded = Y.decodeUpdate(cleanup);
      expect(decoded.structs).toEqual([]);
      expect(decoded.ds.clients.size).toBeGreaterThan(0);
      expect(updateChangesDoc(room, cleanup)).toBe(true);

      const gate = new WriteGate({ kind: "framework", frameworkId: "fw-aaaaaa" }, room);
      const looks = [{ insert: "Sanctions", attributes: { bold: true } }];
      looks.push({ insert: " relief in three phases" } as (typeof looks)[number]);
      expect(textOf(room).toDelta()).toEqual(looks);
      expect(submit(gate, room, amal, cleanup)).toBe("apply");
      expect(textOf(room).toDelta()).toEqual(looks);
      expect(updateChangesDoc(room, cleanup)).toBe(false);

      const before = Y.encodeStateVector(commenter);
      textOf(commenter).format(0, 9, { [key]: { threadId: "c-thread1" } });
      const anchor = Y.encodeStateAsUpdate(commenter, before);
      expect(submit(gate, room, amal, anchor)).toBe("apply");
      expect(textOf(room).toDelta()[0]).toEqual({
        insert: "Sanctions",
        attributes: { bold: true, [key]: { threadId: "c-thread1" } },
      });
    });

    it("still refuses a commenter's deletion of formatting that shows", () => {
      const { room } = concurrentBold();
      const gate = new WriteGate({ kind: "framework", frameworkId: "fw-aaaaaa" }, room);
      const deleteBoldItems = (value: true | null) =>
        edit(room, (d) =>
          d.transact((tr) => {
            for (let item = textOf(d)._start; item; item = item.right) {
              const content = item.content;
              if (!item.deleted && content instanceof Y.ContentFormat && content.value === value) {
                item.delete(tr);
              }
            }
          }),
        );
      // Every "bold on" boundary (the text loses its bold) or every "bold off" (the rest turns bold).
      for (const value of [true, null] as const) {
        expect(gate.check(amal, deleteBoldItems(value))).toEqual({
          action: "refuse",
          reason: "a commenter cannot change the formatting of the framework text",
        });
      }
      expect(textOf(room).toDelta()).toEqual([
        { insert: "Sanctions", attributes: { bold: true } },
        { insert: " relief in three phases" },
      ]);
      // A drafter's (trusted) equivalent is applied: only the commenter's rule is narrow.
      expect(submit(gate, room, null, deleteBoldItems(true))).toBe("apply");
      expect(textOf(room).toString()).toBe("Sanctions relief in three phases");
      expect(JSON.stringify(textOf(room).toDelta())).not.toContain("bold");
    });
  });
});
