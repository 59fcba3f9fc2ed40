/**
 * What a document gained during one write batch, as one Yjs (v1) update: every struct from the
 * state vector the batch started at, plus the union of the delete sets of the batch's
 * transactions. That is the concatenation of the batch's updates, read from the document that
 * already integrated them, which Yjs had already merged into adjacent structs.
 *
 * Why not `Y.mergeUpdates` or `Y.encodeStateAsUpdate(doc, before)`: merging re-decodes and
 * re-encodes every update (a replayed keystroke trace spent a quarter of the server's CPU in it),
 * and `encodeStateAsUpdate` writes the delete set of the WHOLE document into every batch (twice
 * the bytes, and every recipient applies it again). This writes the same format as Yjs's own
 * `writeUpdateMessageFromTransaction` (structs of the clients that changed, higher client ids
 * first; then the delete set), for a span of transactions instead of one.
 */
import * as encoding from "lib0/encoding";
import * as Y from "yjs";

type DeleteSet = Y.Transaction["deleteSet"];

export type StateVector = Map<number, number>;

/** The document's state vector (clock after the last struct of each client). */
export function stateVectorOf(doc: Y.Doc): StateVector {
  const vector: StateVector = new Map();
  for (const [client, structs] of doc.store.clients) {
    const last = structs[structs.length - 1];
    if (last) vector.set(client, last.id.clock + last.length);
  }
  return vector;
}

/** Collects the delete sets of the transactions of one batch. */
export class BatchDelta {
  private readonly deleteSets: DeleteSet[] = [];

  constructor(
    private readonly doc: Y.Doc,
    /** The state vector before the batch's first transaction. */
    readonly before: StateVector,
  ) {}

  /** Call for every transaction of the document while the batch is open. */
  record(transaction: Y.Transaction): void {
    if (transaction.deleteSet.clients.size > 0) this.deleteSets.push(transaction.deleteSet);
  }

  /** The batch as one update. */
  encode(): Uint8Array {
    const encoder = new Y.UpdateEncoderV1();
    writeStructsSince(encoder, this.doc, this.before);
    writeDeleteSet(encoder, Y.mergeDeleteSets(this.deleteSets));
    return encoder.toUint8Array();
  }
}

function writeStructsSince(encoder: Y.UpdateEncoderV1, doc: Y.Doc, before: StateVector): void {
  const changed: Array<[client: number, clock: number]> = [];
  for (const [client, structs] of doc.store.clients) {
    const last = structs[structs.length - 1];
    const clock = before.get(client) ?? 0;
    if (last && last.id.clock + last.length > clock) changed.push([client, clock]);
  }
  writeVarUint(encoder, changed.length);
  // Higher client ids first, as Yjs writes them (it helps its conflict resolution).
  changed.sort((a, b) => b[0] - a[0]);
  for (const [client, since] of changed) {
    const structs = doc.store.clients.get(client) as Array<Y.Item | Y.GC>;
    const clock = Math.max(since, (structs[0] as Y.Item | Y.GC).id.clock);
    const start = Y.findIndexSS(structs, clock);
    writeVarUint(encoder, structs.length - start);
    encoder.writeClient(client);
    writeVarUint(encoder, clock);
    const first = structs[start] as Y.Item | Y.GC;
    first.write(encoder, clock - first.id.clock);
    for (let i = start + 1; i < structs.length; i++)
      (structs[i] as Y.Item | Y.GC).write(encoder, 0);
  }
}

function writeDeleteSet(encoder: Y.UpdateEncoderV1, deleteSet: DeleteSet): void {
  const clients = [...deleteSet.clients.entries()].sort((a, b) => b[0] - a[0]);
  writeVarUint(encoder, clients.length);
  for (const [client, items] of clients) {
    encoder.resetDsCurVal();
    writeVarUint(encoder, client);
    writeVarUint(encoder, items.length);
    for (const item of items) {
      encoder.writeDsClock(item.clock);
      encoder.writeDsLen(item.len);
    }
  }
}

function writeVarUint(encoder: Y.UpdateEncoderV1, value: number): void {
  encoding.writeVarUint(encoder.restEncoder, value);
}
