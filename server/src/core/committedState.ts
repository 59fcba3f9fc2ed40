/**
 * Scale-out: a room's state exactly as committed to the log (see README "Scale-out"). A process
 * validates an update against its own copy of the room, which also holds its own accepted but
 * not yet committed updates; when another process's commit arrives between that validation and
 * this process's commit, the validation may no longer hold (a mediator turned on tracking, another
 * principal bound the same Yjs client id, the room grew). The room then checks its batch again,
 * against this copy, by the same rules: the write gate, client id bindings and the size limit.
 *
 * Only rooms of a cluster keep one (it doubles the room's document in memory). What other
 * processes commit is applied here when the room applies it; this process's own updates once they
 * are committed. `generation` grows whenever another process's state arrives, so a batch knows
 * whether it was validated against the latest committed state.
 */
import type { Principal } from "@parley/shared/access/roles";
import type { RoomName } from "@parley/shared/protocol";
import * as Y from "yjs";
import type { StoredRoom } from "../storage/documentStorage.js";
import { ClientBindings, principalKey } from "./access/clientBindings.js";
import { WriteGate } from "./access/writeGate.js";
import type { BoundClient } from "./roomLog.js";
import { mergeInTree } from "./yjsBytes.js";

/** The origin of this process's own committed updates (they do not move `generation`). */
const OWN = Symbol("own commit");

/** One record of a batch to check, with the principal who sent it (null: trusted). */
export interface RecordToCheck {
  principal: Principal | null;
  update: Uint8Array;
  /** The server's own update (a restore): written without the write policy, so not checked. */
  server?: boolean;
}

export class CommittedState {
  readonly doc = new Y.Doc({ gc: true });
  private readonly bindings = new ClientBindings();
  private readonly gate: WriteGate;
  /** Bytes committed for the room: snapshot plus logged updates (an upper bound of its size). */
  bytes = 0;
  /** Grows whenever another process's updates or client id bindings change this state. */
  generation = 0;

  constructor(room: RoomName | null, discussion?: () => Y.Doc | null) {
    this.gate = new WriteGate(room, this.doc, discussion);
    this.doc.on("afterTransaction", (transaction: Y.Transaction) => {
      if (transaction.origin !== OWN && changedState(transaction)) this.generation += 1;
    });
  }

  /** The stored state the room was loaded from. */
  load(stored: StoredRoom, bindings: readonly BoundClient[]): void {
    this.bindings.load(bindings);
    Y.transact(
      this.doc,
      () => {
        if (stored.snapshot) Y.applyUpdate(this.doc, stored.snapshot);
        if (stored.updates.length > 0) Y.applyUpdate(this.doc, mergeInTree(stored.updates));
      },
      OWN,
    );
    this.bytes =
      (stored.snapshot?.byteLength ?? 0) +
      stored.updates.reduce((sum, update) => sum + update.byteLength, 0);
    this.generation = 0;
  }

  /** Updates another process committed (or a snapshot of the log), in order. Throws as Yjs does. */
  applyRemote(updates: readonly Uint8Array[]): void {
    Y.transact(this.doc, () => {
      for (const update of updates) Y.applyUpdate(this.doc, update);
    });
    for (const update of updates) this.bytes += update.byteLength;
  }

  /** Client id bindings from the log or the bus (first binding wins, as in the log). */
  loadBindings(bindings: readonly BoundClient[]): void {
    const fresh = bindings.filter(({ client }) => this.bindings.ownerOf(client) === undefined);
    if (fresh.length === 0) return;
    this.bindings.load(fresh);
    this.generation += 1;
  }

  /** This process's records were committed, with the bindings they created. */
  applyOwn(updates: readonly Uint8Array[], bindings: readonly BoundClient[]): void {
    Y.transact(
      this.doc,
      () => {
        for (const update of updates) Y.applyUpdate(this.doc, update);
      },
      OWN,
    );
    for (const update of updates) this.bytes += update.byteLength;
    this.bindings.load(bindings);
  }

  /** The log was compacted into a snapshot of `bytes` (everything committed so far). */
  compacted(bytes: number): void {
    this.bytes = bytes;
  }

  /**
   * Why each record would be refused against the committed state (null: it passes), by the rules
   * `Room.applyUpdate` enforces: client id bindings, the write gate, the size limit. Records of
   * one batch come from different senders and none was relayed before it is committed, so each
   * is checked on its own against the committed state; their sizes add up.
   */
  check(records: readonly RecordToCheck[], maxDocumentBytes: number): Array<string | null> {
    let bytes = this.bytes;
    return records.map(({ principal, update, server }) => {
      if (server) {
        bytes += update.byteLength;
        return null;
      }
      const reason = this.problem(principal, update);
      if (reason !== null) return reason;
      if (bytes + update.byteLength > maxDocumentBytes) {
        return `the room would grow past ${maxDocumentBytes} bytes`;
      }
      bytes += update.byteLength;
      return null;
    });
  }

  destroy(): void {
    this.gate.destroy();
    this.doc.destroy();
  }

  private problem(principal: RecordToCheck["principal"], update: Uint8Array): string | null {
    if (principal) {
      const key = principalKey(principal);
      const writers = ClientBindings.newWriters(this.doc, update);
      if (writers === null) return "the update could not be decoded";
      const taken = this.bindings.conflict(writers, key);
      if (taken !== null)
        return `new items under client id ${taken}, which another participant uses`;
    }
    try {
      const verdict = this.gate.check(principal, update);
      return verdict.action === "refuse" ? verdict.reason : null;
    } catch {
      return "the update could not be checked";
    } finally {
      // Nothing is applied here before it is committed: the gate's shadow (if a trial made one)
      // starts again from this document next time, and holds no memory meanwhile.
      this.gate.abandoned();
    }
  }
}

/** Whether a transaction inserted or deleted anything. */
function changedState(transaction: Y.Transaction): boolean {
  if (transaction.deleteSet.clients.size > 0) return true;
  if (transaction.beforeState.size !== transaction.afterState.size) return true;
  for (const [client, clock] of transaction.afterState) {
    if (transaction.beforeState.get(client) !== clock) return true;
  }
  return false;
}
