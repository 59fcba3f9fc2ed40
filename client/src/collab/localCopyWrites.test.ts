import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { batchServerUpdates, type LocalCopy } from "./localCopyWrites.js";

beforeEach(() => {
  vi.useFakeTimers({
    toFake: ["setTimeout", "clearTimeout", "requestAnimationFrame", "cancelAnimationFrame"],
  });
});
afterEach(() => {
  vi.useRealTimers();
});

const server = { name: "the provider" };

/** A document, a stand-in local copy recording its writes (with y-indexeddb's listener on), and another person's document. */
function setup() {
  const doc = new Y.Doc();
  const writes: Array<{ update: Uint8Array; origin: unknown }> = [];
  const local: LocalCopy = {
    _storeUpdate: (update, origin) => writes.push({ update, origin }),
    _destroyed: false,
  };
  doc.on("update", local._storeUpdate);
  const other = new Y.Doc();
  const fromOther = (text: string) => {
    const before = Y.encodeStateVector(other);
    other.getText("t").insert(other.getText("t").length, text);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, before), server);
  };
  /** What the device would hold: every write applied to a fresh document. */
  const stored = () => {
    const copy = new Y.Doc();
    for (const { update } of writes) Y.applyUpdate(copy, update);
    return copy.getText("t").toString();
  };
  return { doc, local, writes, fromOther, stored };
}

describe("this device's copy under many writers", () => {
  it("writes the server's updates together after the interval, as one merged update", () => {
    const { doc, local, writes, fromOther, stored } = setup();
    const stop = batchServerUpdates(doc, local, server, 250);
    for (const text of ["a", "b", "c"]) fromOther(text);
    expect(writes).toHaveLength(0);
    vi.advanceTimersByTime(250);
    expect(writes).toHaveLength(1);
    expect(stored()).toBe("abc");
    stop();
  });

  it("writes this person's own updates right after the next paint, after what was waiting, in order", () => {
    const { doc, local, writes, fromOther, stored } = setup();
    const stop = batchServerUpdates(doc, local, server, 250);
    fromOther("theirs ");
    doc.getText("t").insert(doc.getText("t").length, "mine");
    doc.getText("t").insert(doc.getText("t").length, "!");
    // not in the keystroke's own task …
    expect(writes).toHaveLength(0);
    // … nor in the frame's callback, but in the task after it
    vi.advanceTimersToNextFrame();
    expect(writes).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(writes.map(({ origin }) => origin)).toEqual([server, null, null]);
    expect(stored()).toBe("theirs mine!");
    stop();
  });

  it("writes this person's waiting updates when stopped", () => {
    const { doc, local, writes, stored } = setup();
    const stop = batchServerUpdates(doc, local, server, 250);
    doc.getText("t").insert(0, "mine");
    stop();
    expect(writes).toHaveLength(1);
    expect(stored()).toBe("mine");
    vi.advanceTimersByTime(250);
    expect(writes).toHaveLength(1);
  });

  it("writes this person's waiting updates when the page is hidden (closed or reloaded)", () => {
    const { doc, local, writes, stored } = setup();
    const stop = batchServerUpdates(doc, local, server, 250);
    doc.getText("t").insert(0, "last keystroke");
    window.dispatchEvent(new Event("pagehide"));
    expect(writes).toHaveLength(1);
    expect(stored()).toBe("last keystroke");
    stop();
  });

  it("writes what waits when stopped, and nothing once the copy is destroyed", () => {
    const { doc, local, writes, fromOther, stored } = setup();
    const stop = batchServerUpdates(doc, local, server, 250);
    fromOther("kept");
    stop();
    expect(stored()).toBe("kept");
    const again = batchServerUpdates(doc, local, server, 250);
    local._destroyed = true;
    fromOther(" lost");
    doc.getText("t").insert(0, "x");
    vi.advanceTimersByTime(250);
    again();
    expect(writes).toHaveLength(1);
  });

  it("skips what the copy itself loaded", () => {
    const { doc, local, writes } = setup();
    const stop = batchServerUpdates(doc, local, server, 250);
    const other = new Y.Doc();
    other.getText("t").insert(0, "from disk");
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other), local);
    vi.advanceTimersByTime(250);
    expect(writes).toHaveLength(0);
    stop();
  });
});
