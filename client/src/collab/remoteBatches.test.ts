import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { mountCollaborativeEditor } from "../test/collaborativeEditor.js";
import { fakeFrameClockPerTest } from "../test/frameClock.js";
import {
  batchRemoteMessages,
  changesNothing,
  mergeAwarenessUpdates,
  REMOTE_INTERVAL_MS,
} from "./remoteBatches.js";

// The clock is Vitest's: frames and the interval advance only when the test says so.
fakeFrameClockPerTest();

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

/** A real provider that never connects: the test hands it the server's messages. */
function syncedProvider(): WebsocketProvider {
  const provider = new WebsocketProvider("ws://127.0.0.1:9", "room", new Y.Doc(), {
    connect: false,
    // never used: the provider does not connect (jsdom has no WebSocket)
    WebSocketPolyfill: class {} as unknown as typeof WebSocket,
  });
  provider.synced = true;
  cleanups.push(() => {
    provider.destroy();
    provider.doc.destroy();
  });
  return provider;
}

/** What y-websocket does with one message from the server; returns its reply (if any). */
function receive(provider: WebsocketProvider, message: Uint8Array): Uint8Array {
  const decoder = decoding.createDecoder(message);
  const encoder = encoding.createEncoder();
  const type = decoding.readVarUint(decoder);
  provider.messageHandlers[type]!(encoder, decoder, provider, true, type);
  return encoding.toUint8Array(encoder);
}

function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

function awarenessMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** Another person: their document, their presence, and each change as the server relays it. */
function otherPerson() {
  const doc = new Y.Doc();
  const awareness = new awarenessProtocol.Awareness(doc);
  const sent: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => sent.push(updateMessage(update)));
  const announce = (state: Record<string, unknown> | null) => {
    awareness.setLocalState(state);
    sent.push(awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID])));
  };
  cleanups.push(() => {
    awareness.destroy();
    doc.destroy();
  });
  return { doc, awareness, sent, announce };
}

function transactionsFrom(doc: Y.Doc, origin: unknown): { count: number } {
  const seen = { count: 0 };
  doc.on("afterTransaction", (transaction: Y.Transaction) => {
    if (transaction.origin === origin) seen.count++;
  });
  return seen;
}

/** The next frame, then the task the browser runs once it is painted (where batches are applied). */
function afterNextFrame(): void {
  vi.advanceTimersToNextFrame();
  vi.advanceTimersByTime(1);
}

describe("others' edits and carets, applied together", () => {
  it("applies a batch after the next frame is painted, not before (the frame shows this person's typing first)", () => {
    const provider = syncedProvider();
    cleanups.push(batchRemoteMessages(provider));
    const other = otherPerson();
    other.doc.getText("t").insert(0, "Agreed.");
    for (const message of other.sent) receive(provider, message);
    vi.advanceTimersToNextFrame();
    expect(provider.doc.getText("t").toString()).toBe("");
    vi.advanceTimersByTime(1);
    expect(provider.doc.getText("t").toString()).toBe("Agreed.");
  });

  it("applies a burst of updates in the next frame, as one transaction from the provider", () => {
    const provider = syncedProvider();
    cleanups.push(batchRemoteMessages(provider));
    const other = otherPerson();
    const text = other.doc.getText("t");
    for (const word of ["The ", "parties ", "agree."]) text.insert(text.length, word);
    const fromProvider = transactionsFrom(provider.doc, provider);

    for (const message of other.sent) expect(receive(provider, message)).toHaveLength(0);
    expect(provider.doc.getText("t").toString()).toBe("");
    afterNextFrame();
    expect(provider.doc.getText("t").toString()).toBe("The parties agree.");
    expect(fromProvider.count).toBe(1);
  });

  it("follows a stream at most every interval, and a change after a quiet spell in the next frame", () => {
    const provider = syncedProvider();
    cleanups.push(batchRemoteMessages(provider));
    const other = otherPerson();
    const text = other.doc.getText("t");
    const shown = () => provider.doc.getText("t").toString();
    const type = (s: string) => {
      text.insert(text.length, s);
      receive(provider, other.sent.at(-1)!);
    };

    type("a");
    afterNextFrame();
    expect(shown()).toBe("a");
    type("b");
    afterNextFrame();
    type("c");
    afterNextFrame();
    expect(shown()).toBe("a");
    vi.advanceTimersByTime(REMOTE_INTERVAL_MS);
    afterNextFrame();
    expect(shown()).toBe("abc");

    vi.advanceTimersByTime(1_000);
    type("d");
    afterNextFrame();
    expect(shown()).toBe("abcd");
  });

  it("applies gathered caret moves as one change with each person's newest state, whatever order they came in", () => {
    const provider = syncedProvider();
    cleanups.push(batchRemoteMessages(provider));
    const other = otherPerson();
    other.announce({ at: 1 });
    other.announce({ at: 2 });
    other.announce({ at: 3 });
    const [first, , third] = other.sent;
    const changes: number[] = [];
    provider.awareness.on("change", () => changes.push(provider.awareness.getStates().size));

    // the newest first, then an older one again: the older one must not win
    receive(provider, third!);
    receive(provider, first!);
    expect(provider.awareness.getStates().has(other.doc.clientID)).toBe(false);
    afterNextFrame();
    expect(provider.awareness.getStates().get(other.doc.clientID)).toEqual({ at: 3 });
    expect(changes).toHaveLength(1);
  });

  it("merges awareness updates like applying them one by one: newest clock, a removal wins a tie", () => {
    const other = otherPerson();
    const id = other.doc.clientID;
    other.announce({ at: 1 });
    const one = awarenessProtocol.encodeAwarenessUpdate(other.awareness, [id]);
    other.announce({ at: 2 });
    const two = awarenessProtocol.encodeAwarenessUpdate(other.awareness, [id]);
    other.awareness.setLocalState(null);
    const gone = awarenessProtocol.encodeAwarenessUpdate(other.awareness, [id]);

    const apply = (update: Uint8Array) => {
      const mine = new awarenessProtocol.Awareness(new Y.Doc());
      awarenessProtocol.applyAwarenessUpdate(mine, update, "test");
      return mine.getStates().get(id) ?? null;
    };
    expect(apply(mergeAwarenessUpdates([two, one]))).toEqual({ at: 2 });
    expect(apply(mergeAwarenessUpdates([one, two, gone]))).toBeNull();
  });

  it("handles everything at once before the room is synced, and answers sync step 1 at once after", () => {
    const provider = syncedProvider();
    provider.synced = false;
    cleanups.push(batchRemoteMessages(provider));
    const other = otherPerson();
    other.doc.getText("t").insert(0, "before sync");
    receive(provider, other.sent[0]!);
    expect(provider.doc.getText("t").toString()).toBe("before sync");

    provider.synced = true;
    const step1 = encoding.createEncoder();
    encoding.writeVarUint(step1, 0);
    syncProtocol.writeSyncStep1(step1, other.doc);
    // the reply (sync step 2 with what the other person lacks) is written for the provider to send
    expect(receive(provider, encoding.toUint8Array(step1)).length).toBeGreaterThan(1);
  });

  it("drops gathered caret moves when the connection closes, but applies the gathered edits", () => {
    const provider = syncedProvider();
    cleanups.push(batchRemoteMessages(provider));
    const other = otherPerson();
    other.doc.getText("t").insert(0, "kept");
    other.announce({ at: 4 });
    for (const message of other.sent) receive(provider, message);

    provider.emit("connection-close", [null, provider]);
    expect(provider.doc.getText("t").toString()).toBe("kept");
    afterNextFrame();
    expect(provider.awareness.getStates().has(other.doc.clientID)).toBe(false);
  });

  it("on cleanup applies what waits and hands messages back to the provider's own handlers", () => {
    const provider = syncedProvider();
    const stop = batchRemoteMessages(provider);
    const other = otherPerson();
    const text = other.doc.getText("t");
    text.insert(0, "waiting");
    receive(provider, other.sent[0]!);
    stop();
    expect(provider.doc.getText("t").toString()).toBe("waiting");
    text.insert(text.length, ", then at once");
    receive(provider, other.sent[1]!);
    expect(provider.doc.getText("t").toString()).toBe("waiting, then at once");
  });

  it("keeps a remote caret on the text written in the same batch (the editor's caret plugin)", async () => {
    const provider = syncedProvider();
    cleanups.push(batchRemoteMessages(provider));
    const { editor, destroy } = mountCollaborativeEditor(provider.doc, provider);
    cleanups.push(destroy);

    // the other person writes a paragraph and puts their caret after "The parties": both
    // arrive before the next frame, the caret's position pointing into the new text
    const other = otherPerson();
    const paragraph = new Y.XmlElement("paragraph");
    const words = new Y.XmlText("The parties agree.");
    paragraph.insert(0, [words]);
    other.doc.getXmlFragment("default").push([paragraph]);
    const at = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(words, 11));
    other.announce({ user: { name: "Bruno", color: "#a81f5f" }, cursor: { anchor: at, head: at } });
    for (const message of other.sent) receive(provider, message);
    expect(editor.getText()).not.toContain("The parties");

    afterNextFrame();
    expect(editor.getText()).toContain("The parties agree.");
    // y-tiptap's caret plugin redraws on its own tick
    await vi.advanceTimersByTimeAsync(REMOTE_INTERVAL_MS);
    const caret = editor.view.dom.querySelector('.collaboration-carets__caret[data-user="Bruno"]');
    expect(caret?.previousSibling?.textContent).toBe("The parties");
  });

  it("asks for no run when a message changes no presence (this person's own caret, relayed back)", () => {
    const provider = syncedProvider();
    cleanups.push(batchRemoteMessages(provider));
    provider.awareness.setLocalStateField("cursor", { at: 7 });
    const ownEcho = awarenessProtocol.encodeAwarenessUpdate(provider.awareness, [
      provider.awareness.clientID,
    ]);
    const timers = vi.getTimerCount();
    receive(provider, awarenessMessage(ownEcho));
    expect(vi.getTimerCount()).toBe(timers);
    expect(changesNothing(provider.awareness, ownEcho)).toBe(true);

    // someone else's new state, and a removal of a state held at that clock, do change something
    const other = otherPerson();
    other.announce({ at: 1 });
    const theirs = awarenessProtocol.encodeAwarenessUpdate(other.awareness, [other.doc.clientID]);
    expect(changesNothing(provider.awareness, theirs)).toBe(false);
    receive(provider, other.sent.at(-1)!);
    afterNextFrame();
    expect(provider.awareness.getStates().get(other.doc.clientID)).toEqual({ at: 1 });
    expect(changesNothing(provider.awareness, theirs)).toBe(true);
    other.awareness.setLocalState(null);
    const gone = awarenessProtocol.encodeAwarenessUpdate(other.awareness, [other.doc.clientID]);
    expect(changesNothing(provider.awareness, gone)).toBe(false);
  });

  it("applies at once while the page is hidden (no frames come), and what waits when it is hidden", () => {
    const provider = syncedProvider();
    cleanups.push(batchRemoteMessages(provider));
    const other = otherPerson();
    const text = other.doc.getText("t");
    const shown = () => provider.doc.getText("t").toString();
    let visibility: DocumentVisibilityState = "visible";
    vi.spyOn(document, "visibilityState", "get").mockImplementation(() => visibility);
    cleanups.push(() => vi.restoreAllMocks());

    text.insert(0, "queued");
    receive(provider, other.sent.at(-1)!);
    other.announce({ at: 1 });
    receive(provider, other.sent.at(-1)!);
    expect(shown()).toBe("");
    // the person switches to another tab: what waits is applied now
    visibility = "hidden";
    document.dispatchEvent(new Event("visibilitychange"));
    expect(shown()).toBe("queued");
    expect(provider.awareness.getStates().get(other.doc.clientID)).toEqual({ at: 1 });

    // while hidden, each message is applied as it arrives
    text.insert(text.length, ", then at once");
    receive(provider, other.sent.at(-1)!);
    expect(shown()).toBe("queued, then at once");
    other.announce({ at: 2 });
    receive(provider, other.sent.at(-1)!);
    expect(provider.awareness.getStates().get(other.doc.clientID)).toEqual({ at: 2 });
  });
});
