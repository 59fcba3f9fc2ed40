/**
 * Other people's edits and caret moves, applied together. y-websocket applies each message from
 * the server as it arrives: with 20 people typing that is 60 document updates and 60 caret moves
 * a second, and each one is a ProseMirror transaction — every plugin's state, every decoration
 * set, a DOM update — so a page spends most of its time on others' keystrokes one at a time.
 *
 * Once the room is synced, the provider's update and awareness messages are gathered instead and
 * applied once per animation frame, at most every `intervalMs` while they keep coming (the first
 * after a quiet spell shows in the next frame), right after a frame is painted rather than before
 * it: applied in the frame's callback, a batch (10–15 ms on a large framework under 20 writers)
 * held back the paint of what this person had just typed. The updates go in one Yjs transaction
 * (one ProseMirror transaction for the binding), then the awareness states in one update that keeps
 * each client's newest state (one `change` event, one caret redraw). Nothing else changes: the
 * origin is still the provider, sync step 1 and 2 (and anything before the room is synced) are
 * handled at once as before, so is everything while the page is hidden (no frames come then),
 * and a connection that closes drops the gathered awareness states
 * (y-websocket has just removed the others' carets; applying them after would bring them back)
 * while its gathered updates are applied.
 */
import { messageAwareness, messageSync } from "@parley/shared/protocol";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import type { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { oncePerFrame } from "./oncePerFrame.js";

/** How often a stream of others' edits and caret moves is applied (at most; ms). */
export const REMOTE_INTERVAL_MS = 50;

/** The provider's surface this uses. */
export type BatchedProvider = Pick<
  WebsocketProvider,
  "doc" | "awareness" | "synced" | "messageHandlers" | "on" | "off"
>;

/**
 * One awareness update with each client's newest entry of `updates` (highest clock; at the same
 * clock a removal wins, as `applyAwarenessUpdate` has it), in y-protocols' encoding.
 */
export function mergeAwarenessUpdates(updates: readonly Uint8Array[]): Uint8Array {
  const newest = new Map<number, { clock: number; state: string }>();
  for (const update of updates) {
    for (const { clientId, clock, state } of awarenessEntries(update)) {
      const known = newest.get(clientId);
      if (!known || clock > known.clock || (clock === known.clock && state === "null")) {
        newest.set(clientId, { clock, state });
      }
    }
  }
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, newest.size);
  for (const [clientId, { clock, state }] of newest) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, state);
  }
  return encoding.toUint8Array(encoder);
}

function pageHidden(): boolean {
  return typeof document !== "undefined" && document.visibilityState === "hidden";
}

/**
 * Whether applying `update` would leave `awareness` as it is: every entry is a state it already
 * has (the same clock or older, and not a removal of a state it holds at that clock). The server
 * relays each person's presence to everyone, them included, so each caret move of this person
 * comes back once; without this it cost a run (and a frame) per keystroke.
 */
export function changesNothing(
  awareness: awarenessProtocol.Awareness,
  update: Uint8Array,
): boolean {
  for (const { clientId, clock, state } of awarenessEntries(update)) {
    const known = awareness.meta.get(clientId)?.clock;
    if (known === undefined || clock > known) return false;
    if (clock === known && state === "null" && awareness.states.has(clientId)) return false;
  }
  return true;
}

/** The entries of an awareness update (y-protocols' encoding): client id, clock, state as JSON. */
function* awarenessEntries(
  update: Uint8Array,
): Generator<{ clientId: number; clock: number; state: string }> {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    yield { clientId, clock, state: decoding.readVarString(decoder) };
  }
}

/**
 * Takes over `provider`'s update and awareness messages as described above. Returns a function
 * that applies what waits and gives the messages back to the provider's own handlers.
 */
export function batchRemoteMessages(
  provider: BatchedProvider,
  intervalMs = REMOTE_INTERVAL_MS,
): () => void {
  const handlers = provider.messageHandlers;
  const handleSync = handlers[messageSync]!;
  const handleAwareness = handlers[messageAwareness]!;
  let updates: Uint8Array[] = [];
  let awareness: Uint8Array[] = [];

  const applyUpdates = () => {
    if (updates.length === 0) return;
    const waiting = updates;
    updates = [];
    const { doc } = provider;
    doc.transact(() => {
      for (const update of waiting) Y.applyUpdate(doc, update, provider);
    }, provider);
  };
  const apply = () => {
    applyUpdates();
    if (awareness.length === 0) return;
    const waiting = awareness;
    awareness = [];
    const merged = waiting.length === 1 ? waiting[0]! : mergeAwarenessUpdates(waiting);
    awarenessProtocol.applyAwarenessUpdate(provider.awareness, merged, provider);
  };
  const task = oncePerFrame(apply, { minIntervalMs: intervalMs, afterPaint: true });

  // A hidden page gets no animation frames: what arrives then is applied at once, as before
  // (the document, this device's copy and the inbox stay current), and what waits when the page
  // is hidden is applied then.
  const gathering = () => provider.synced && !pageHidden();
  const onVisibility = () => {
    if (pageHidden()) task.flush();
  };
  if (typeof document !== "undefined") document.addEventListener("visibilitychange", onVisibility);

  handlers[messageSync] = (encoder, decoder, from, emitSynced, messageType) => {
    const start = decoder.pos;
    if (gathering() && decoding.readVarUint(decoder) === syncProtocol.messageYjsUpdate) {
      updates.push(decoding.readVarUint8Array(decoder));
      task.schedule();
      return;
    }
    decoder.pos = start;
    applyUpdates();
    handleSync(encoder, decoder, from, emitSynced, messageType);
  };
  handlers[messageAwareness] = (encoder, decoder, from, emitSynced, messageType) => {
    if (!gathering()) {
      applyUpdates();
      handleAwareness(encoder, decoder, from, emitSynced, messageType);
      return;
    }
    const update = decoding.readVarUint8Array(decoder);
    if (changesNothing(provider.awareness, update)) return;
    awareness.push(update);
    task.schedule();
  };
  const onClose = () => {
    awareness = [];
    applyUpdates();
  };
  provider.on("connection-close", onClose);

  return () => {
    task.cancel();
    apply();
    provider.off("connection-close", onClose);
    if (typeof document !== "undefined") {
      document.removeEventListener("visibilitychange", onVisibility);
    }
    handlers[messageSync] = handleSync;
    handlers[messageAwareness] = handleAwareness;
  };
}
