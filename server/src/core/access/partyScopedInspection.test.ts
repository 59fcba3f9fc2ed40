import { partiesMap } from "@parley/shared/model/maps";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { touchesPartyScopedState } from "./partyScopedInspection.js";

/** A room document and a client in sync with it; `edit` returns the client's update. */
function setUp() {
  const room = new Y.Doc();
  const client = new Y.Doc();
  const paragraph = new Y.XmlElement("paragraph");
  const text = new Y.XmlText("Hello");
  const option = new Y.XmlElement("bracketOption");
  client.transact(() => {
    client.getXmlFragment("default").insert(0, [paragraph]);
    paragraph.insert(0, [text, option]);
    option.setAttribute("supportedBy", [] as unknown as string);
    partiesMap(client).set("p-a", { name: "A" });
  });
  Y.applyUpdate(room, Y.encodeStateAsUpdate(client));
  const edit = (change: () => void): Uint8Array => {
    const before = Y.encodeStateVector(client);
    change();
    return Y.encodeStateAsUpdate(client, before);
  };
  return { room, client, paragraph, text, option, edit };
}

describe("touchesPartyScopedState", () => {
  it("leaves plain typing and deleting text on the fast path", () => {
    const { room, text, edit } = setUp();
    expect(
      touchesPartyScopedState(
        room,
        edit(() => text.insert(5, " world")),
      ),
    ).toBe(false);
    expect(
      touchesPartyScopedState(
        room,
        edit(() => text.delete(0, 2)),
      ),
    ).toBe(false);
  });

  it("sees a position attribute set again (an item that carries only its neighbour's id)", () => {
    const { room, option, edit } = setUp();
    const update = edit(() => option.setAttribute("supportedBy", ["p-b"] as unknown as string));
    expect(touchesPartyScopedState(room, update)).toBe(true);
  });

  it("sees the parties map written or deleted, and an element deleted", () => {
    const { room, client, paragraph, edit } = setUp();
    expect(
      touchesPartyScopedState(
        room,
        edit(() => partiesMap(client).delete("p-a")),
      ),
    ).toBe(true);
    const fresh = setUp();
    expect(
      touchesPartyScopedState(
        fresh.room,
        fresh.edit(() => partiesMap(fresh.client).set("p-b", {})),
      ),
    ).toBe(true);
    expect(
      touchesPartyScopedState(
        room,
        edit(() => paragraph.delete(1, 1)),
      ),
    ).toBe(true);
  });
});
