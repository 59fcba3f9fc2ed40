/**
 * Decoding and validation of incoming y-websocket messages, before anything touches a room.
 * Everything here is pure: a message either parses completely into a typed value, or yields the
 * close code and a reason. Yjs can apply part of a broken update and then throw, so an update is
 * decoded in full and its references checked first.
 */
import {
  CloseCode,
  messageAwareness,
  messageQueryAwareness,
  messageSync,
  syncStep1,
  syncStep2,
  syncUpdate,
} from "@parley/shared/protocol";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as Y from "yjs";
import { type DecodedUpdate, decodeUpdateOnce } from "./yjsBytes.js";

export interface AwarenessEntry {
  clientID: number;
  clock: number;
  state: unknown;
  /** Bytes of the state's JSON as received (what the size limit counts). */
  bytes: number;
}

export type IncomingMessage =
  | { type: "syncStep1"; stateVector: Uint8Array }
  /** A sync step 2 or an incremental update: both carry a Yjs update to apply. */
  | { type: "update"; update: Uint8Array }
  | { type: "awareness"; update: Uint8Array; entries: AwarenessEntry[] }
  | { type: "queryAwareness" };

export type ParseResult =
  | { ok: true; message: IncomingMessage }
  | { ok: false; code: CloseCode; reason: string };

function fail(code: CloseCode, reason: string): ParseResult {
  return { ok: false, code, reason };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Parses one WebSocket message. Never throws. An awareness state over `maxAwarenessStateBytes` is
 * not parsed: its entry carries its size and a null state (the room drops it).
 */
export function parseMessage(
  data: Uint8Array,
  maxBytes: number,
  maxAwarenessStateBytes = Number.POSITIVE_INFINITY,
): ParseResult {
  if (data.byteLength > maxBytes) {
    return fail(CloseCode.messageTooLarge, `message of ${data.byteLength} bytes over ${maxBytes}`);
  }
  try {
    const decoder = decoding.createDecoder(data);
    const messageType = decoding.readVarUint(decoder);
    switch (messageType) {
      case messageSync:
        return parseSync(decoder);
      case messageAwareness:
        return parseAwareness(decoding.readVarUint8Array(decoder), decoder, maxAwarenessStateBytes);
      case messageQueryAwareness:
        if (decoding.hasContent(decoder)) return fail(CloseCode.malformedMessage, "trailing bytes");
        return { ok: true, message: { type: "queryAwareness" } };
      default:
        return fail(CloseCode.malformedMessage, `unknown message type ${messageType}`);
    }
  } catch (error) {
    return fail(CloseCode.malformedMessage, `undecodable message: ${errorText(error)}`);
  }
}

function parseSync(decoder: decoding.Decoder): ParseResult {
  const syncType = decoding.readVarUint(decoder);
  const payload = decoding.readVarUint8Array(decoder);
  if (decoding.hasContent(decoder)) return fail(CloseCode.malformedMessage, "trailing bytes");
  if (syncType === syncStep1) {
    const check = decoding.createDecoder(payload);
    const entries = decoding.readVarUint(check);
    for (let i = 0; i < entries; i++) {
      decoding.readVarUint(check);
      decoding.readVarUint(check);
    }
    if (decoding.hasContent(check)) return fail(CloseCode.malformedMessage, "bad state vector");
    return { ok: true, message: { type: "syncStep1", stateVector: payload } };
  }
  if (syncType === syncStep2 || syncType === syncUpdate) {
    const problem = validateUpdate(payload);
    if (problem) return fail(CloseCode.malformedMessage, problem);
    return { ok: true, message: { type: "update", update: payload } };
  }
  return fail(CloseCode.malformedMessage, `unknown sync message type ${syncType}`);
}

function parseAwareness(
  update: Uint8Array,
  outer: decoding.Decoder,
  maxStateBytes: number,
): ParseResult {
  if (decoding.hasContent(outer)) return fail(CloseCode.malformedMessage, "trailing bytes");
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientID = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const start = decoder.pos;
    const length = decoding.readVarUint(decoder);
    if (length > maxStateBytes) {
      decoding.readUint8Array(decoder, length);
      entries.push({ clientID, clock, state: null, bytes: decoder.pos - start });
      continue;
    }
    decoder.pos = start;
    const json = decoding.readVarString(decoder);
    const bytes = decoder.pos - start;
    let state: unknown;
    try {
      state = JSON.parse(json);
    } catch {
      return fail(CloseCode.malformedMessage, "invalid awareness JSON");
    }
    entries.push({ clientID, clock, state, bytes });
  }
  if (decoding.hasContent(decoder)) return fail(CloseCode.malformedMessage, "trailing bytes");
  return { ok: true, message: { type: "awareness", update, entries } };
}

/**
 * Returns why a Yjs (v1) update must not be applied, or null if it is safe. Besides decoding in
 * full, it checks that every reference an item makes to its own client's structs (origin, right
 * origin, parent) points before the item: Yjs assumes such references exist and throws half-way
 * through applying otherwise. A reference into a range the update skips is legitimate (a client's
 * sync step 2 carries its own pending structs after a gap): Yjs keeps the item pending until the
 * gap is filled, or integrates it when the receiver already has the range.
 */
export function validateUpdate(update: Uint8Array): string | null {
  let decoded: DecodedUpdate;
  try {
    decoded = decodeUpdateOnce(update);
  } catch (error) {
    return `undecodable update: ${errorText(error)}`;
  }
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue;
    const { client, clock } = struct.id;
    const parent = struct.parent instanceof Y.ID ? struct.parent : null;
    for (const ref of [struct.origin, struct.rightOrigin, parent]) {
      if (!ref || ref.client !== client) continue;
      if (ref.clock >= clock) return `item ${client}:${clock} refers forward to ${ref.clock}`;
    }
  }
  return null;
}

/** Whether a message is sync step 1 from a client whose document is empty (wants everything). */
export function isFullStateRequest(data: Uint8Array): boolean {
  // messageSync, syncStep1, then the state vector as a var-length byte array: [1, 0] or [0].
  return (
    data[0] === messageSync &&
    data[1] === syncStep1 &&
    ((data.byteLength === 4 && data[2] === 1 && data[3] === 0) ||
      (data.byteLength === 3 && data[2] === 0))
  );
}

/**
 * Whether answering a message needs the room's document: everything but awareness and a request
 * for the whole state (which the stored snapshot answers).
 */
export function needsDocument(data: Uint8Array): boolean {
  if (data[0] === messageAwareness || data[0] === messageQueryAwareness) return false;
  return !isFullStateRequest(data);
}

/** Builds a sync message (step 1, step 2 or update) around a payload. */
export function encodeSyncMessage(syncType: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageSync);
  encoding.writeVarUint(encoder, syncType);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

export function encodeAwarenessMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageAwareness);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}
