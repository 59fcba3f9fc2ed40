/**
 * The live copy of a commit on Redis pub/sub (`RedisBus`): the same updates, sequence numbers and
 * new client id bindings as the commit's stream entries, in one binary message, so that the other
 * processes hear a commit one pub/sub hop after it (a blocking stream read is slower to wake). The
 * stream stays the record a lagging process reads; a room takes each sequence number once, and a
 * gap makes it catch up from PostgreSQL.
 *
 * Layout: a 4-byte big-endian length, a JSON header `{ o: origin, s: first seq, n: [update
 * lengths], b?: bindings }` of that length, then the updates back to back.
 */
import type { BoundClient, SequencedUpdate } from "../core/roomLog.js";

/** Longest header read (the bindings of one commit are far below this). */
const MAX_HEADER_BYTES = 1 << 20;

export interface LiveCommit {
  origin: string;
  updates: SequencedUpdate[];
  bindings: BoundClient[];
}

export function encodeLiveCommit(
  origin: string,
  updates: readonly SequencedUpdate[],
  bindings: readonly BoundClient[],
): Buffer {
  const header: { o: string; s: number; n: number[]; b?: readonly BoundClient[] } = {
    o: origin,
    s: updates[0]?.seq ?? 0,
    n: updates.map(({ update }) => update.byteLength),
  };
  if (bindings.length > 0) header.b = bindings;
  const json = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.byteLength);
  return Buffer.concat([length, json, ...updates.map(({ update }) => update)]);
}

/**
 * Reads a live message off the network: null for anything malformed (a wrong length, a header
 * that is not the expected shape, update lengths that do not add up to the rest).
 */
export function decodeLiveCommit(message: Buffer): LiveCommit | null {
  if (message.byteLength < 4) return null;
  const headerBytes = message.readUInt32BE(0);
  if (headerBytes > MAX_HEADER_BYTES || 4 + headerBytes > message.byteLength) return null;
  let header: unknown;
  try {
    header = JSON.parse(message.subarray(4, 4 + headerBytes).toString());
  } catch {
    return null;
  }
  if (typeof header !== "object" || header === null) return null;
  const { o, s, n, b } = header as Record<string, unknown>;
  if (typeof o !== "string" || !Number.isSafeInteger(s) || !Array.isArray(n)) return null;
  if (!n.every((length) => Number.isSafeInteger(length) && (length as number) >= 0)) return null;
  const lengths = n as number[];
  let offset = 4 + headerBytes;
  if (offset + lengths.reduce((sum, length) => sum + length, 0) !== message.byteLength) return null;
  const updates: SequencedUpdate[] = lengths.map((length, index) => {
    const update = new Uint8Array(message.subarray(offset, offset + length));
    offset += length;
    return { seq: (s as number) + index, update };
  });
  return { origin: o, updates, bindings: Array.isArray(b) ? b.filter(isBoundClient) : [] };
}

/** A client id binding as the bus carries it (`{ client, principal }`), checked. */
export function isBoundClient(entry: unknown): entry is BoundClient {
  return (
    typeof entry === "object" &&
    entry !== null &&
    Number.isSafeInteger((entry as BoundClient).client) &&
    typeof (entry as BoundClient).principal === "string"
  );
}
