import { CloseCode, messageSync, syncStep1, syncUpdate } from "@parley/shared/protocol";
import * as encoding from "lib0/encoding";
import { describe, expect, it } from "vitest";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { encodeSyncMessage, isFullStateRequest, parseMessage, validateUpdate } from "./messages.js";

const MAX = 1024;

function textUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText("t").insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

/** Decodes cleanly, but its second item's origin (same client, clock 1000) does not exist. */
function forwardReferenceUpdate(): Uint8Array {
  const e = encoding.createEncoder();
  for (const n of [1, 2, 9, 0]) encoding.writeVarUint(e, n);
  encoding.writeUint8(e, 4);
  encoding.writeVarUint(e, 1);
  encoding.writeVarString(e, "t");
  encoding.writeVarString(e, "abc");
  encoding.writeUint8(e, 4 | 128);
  encoding.writeVarUint(e, 9);
  encoding.writeVarUint(e, 1000);
  encoding.writeVarString(e, "zz");
  encoding.writeVarUint(e, 0);
  return encoding.toUint8Array(e);
}

describe("parseMessage", () => {
  it("parses sync step 1, updates, awareness and awareness queries", () => {
    const sv = Y.encodeStateVector(new Y.Doc());
    expect(parseMessage(encodeSyncMessage(syncStep1, sv), MAX)).toMatchObject({
      ok: true,
      message: { type: "syncStep1" },
    });
    expect(parseMessage(encodeSyncMessage(syncUpdate, textUpdate("x")), MAX)).toMatchObject({
      ok: true,
      message: { type: "update" },
    });
    expect(parseMessage(Uint8Array.of(3), MAX)).toMatchObject({
      ok: true,
      message: { type: "queryAwareness" },
    });
    const awareness = encoding.createEncoder();
    encoding.writeVarUint(awareness, 1);
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, 1);
    encoding.writeVarUint(inner, 5);
    encoding.writeVarUint(inner, 2);
    encoding.writeVarString(inner, '{"user":{"name":"A"}}');
    encoding.writeVarUint8Array(awareness, encoding.toUint8Array(inner));
    expect(parseMessage(encoding.toUint8Array(awareness), MAX)).toMatchObject({
      ok: true,
      message: {
        type: "awareness",
        entries: [{ clientID: 5, clock: 2, state: { user: { name: "A" } } }],
      },
    });
  });

  it.each([
    ["an empty message", new Uint8Array(0)],
    ["a truncated varint", Uint8Array.of(0x80)],
    ["an unknown type", Uint8Array.of(42)],
    ["an unknown sync type", Uint8Array.of(0, 7, 0)],
    ["trailing bytes", Uint8Array.of(3, 3)],
    ["a truncated update", encodeSyncMessage(syncUpdate, textUpdate("hello").slice(0, -3))],
    ["an update with a forward reference", encodeSyncMessage(syncUpdate, forwardReferenceUpdate())],
  ])("rejects %s as malformed", (_name, bytes) => {
    expect(parseMessage(bytes, MAX)).toMatchObject({ ok: false, code: CloseCode.malformedMessage });
  });

  it("rejects a message over the size limit", () => {
    expect(parseMessage(new Uint8Array(MAX + 1), MAX)).toMatchObject({
      ok: false,
      code: CloseCode.messageTooLarge,
    });
  });

  it("catches the update that Yjs would half-apply", () => {
    const doc = new Y.Doc();
    expect(() => Y.applyUpdate(doc, forwardReferenceUpdate())).toThrow();
    expect(doc.getText("t").toString()).toBe("abc"); // why validation must come first
    expect(validateUpdate(forwardReferenceUpdate())).toMatch(/refers forward/);
    expect(validateUpdate(textUpdate("fine"))).toBeNull();
  });

  it("accepts an update with a gap whose items refer into it, as a client's sync step 2 can be", () => {
    const writer = new Y.Doc();
    const updates: Uint8Array[] = [];
    writer.on("update", (update: Uint8Array) => updates.push(update));
    const text = writer.getText("t");
    for (const letter of "abcdefgh") text.insert(text.length, letter);
    // The first and last keystrokes only: a Skip over the middle, and the last item's origin
    // (the keystroke before it) lies inside the skipped range.
    const withGap = Y.mergeUpdates([updates[0]!, updates[updates.length - 1]!]);
    expect(Y.decodeUpdate(withGap).structs.some((struct) => struct instanceof Y.Skip)).toBe(true);
    expect(validateUpdate(withGap)).toBeNull();

    // A receiver without the gap keeps the last item pending until the gap arrives…
    const lacking = new Y.Doc();
    Y.applyUpdate(lacking, withGap);
    expect(lacking.getText("t").toString()).toBe("a");
    for (const update of updates.slice(1, -1)) Y.applyUpdate(lacking, update);
    expect(lacking.getText("t").toString()).toBe("abcdefgh");
    // …and one that already has it integrates the item at once.
    const having = new Y.Doc();
    for (const update of updates.slice(0, -1)) Y.applyUpdate(having, update);
    Y.applyUpdate(having, withGap);
    expect(having.getText("t").toString()).toBe("abcdefgh");
  });
});

describe("isFullStateRequest", () => {
  function step1Of(doc: Y.Doc): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, messageSync);
    syncProtocol.writeSyncStep1(encoder, doc);
    return encoding.toUint8Array(encoder);
  }

  it("recognises the step 1 an empty client sends (as y-protocols writes it)", () => {
    expect(isFullStateRequest(step1Of(new Y.Doc()))).toBe(true);
    expect(isFullStateRequest(encodeSyncMessage(syncStep1, new Uint8Array(0)))).toBe(true);
  });

  it("rejects a step 1 with state, and every other message", () => {
    const doc = new Y.Doc();
    doc.getText("t").insert(0, "x");
    expect(isFullStateRequest(step1Of(doc))).toBe(false);
    expect(isFullStateRequest(encodeSyncMessage(syncUpdate, textUpdate("x")))).toBe(false);
    expect(isFullStateRequest(new Uint8Array([1, 0, 1, 0]))).toBe(false);
    expect(isFullStateRequest(new Uint8Array([0, 0, 1, 0, 0]))).toBe(false);
  });
});
