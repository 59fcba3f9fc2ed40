/**
 * Who may write under a Yjs client id in a room. Yjs trusts client ids: an update that writes new
 * items under another writer's client id and next clock is integrated as that writer's, and the
 * writer's own next edit (same ids) is then dropped as a duplicate or tied to the wrong items, so
 * the copies diverge for good (issue #14, finding 7). Each client id therefore belongs to the first
 * principal that writes new items under it in a room; an update that writes NEW items (a clock
 * beyond what the document has) under an id bound to someone else is refused. Items the document
 * already has may be sent again by anyone (a client's sync step 2 repeats what it received).
 *
 * Bound to the principal, not the connection: a stock y-websocket client keeps its client id when
 * it reconnects, and the same person may hold the document in several connections over time. A
 * second live connection of a different principal is refused by the same check. Trusted
 * connections (no principal: tests, tools) are neither bound nor checked. Bindings are stored with
 * the update that created them (same write batch) and reloaded with the room, so they hold across
 * restarts; they are also the basis of authorship later.
 */
import type { Principal } from "@parley/shared/access/roles";
import * as Y from "yjs";
import { decodeUpdateOnce } from "../yjsBytes.js";

/**
 * The identity a client id is bound to: the one person the token stands for (`Principal.member`,
 * see shared/src/access/members.ts). Keep every use of a principal's identity for bindings here.
 */
export function principalKey(principal: Principal): string {
  return principal.member;
}

export class ClientBindings {
  private readonly owners = new Map<number, string>();

  /** Bindings read from storage (first binding wins: later duplicates are ignored). */
  load(bindings: ReadonlyArray<{ client: number; principal: string }>): void {
    for (const { client, principal } of bindings) {
      if (!this.owners.has(client)) this.owners.set(client, principal);
    }
  }

  ownerOf(client: number): string | undefined {
    return this.owners.get(client);
  }

  /**
   * The client ids under which `update` writes items `doc` does not have yet, or null if the
   * update cannot be decoded (validation has decoded it already: not expected).
   */
  static newWriters(doc: Y.Doc, update: Uint8Array): Set<number> | null {
    let structs: ReadonlyArray<Y.Item | Y.GC | Y.Skip>;
    try {
      structs = decodeUpdateOnce(update).structs;
    } catch {
      return null;
    }
    const writers = new Set<number>();
    for (const struct of structs) {
      if (struct instanceof Y.Skip) continue;
      const { client, clock } = struct.id;
      if (clock + struct.length > Y.getState(doc.store, client)) writers.add(client);
    }
    return writers;
  }

  /** The first of `writers` bound to another principal than `key`, or null. */
  conflict(writers: Iterable<number>, key: string): number | null {
    for (const client of writers) {
      const owner = this.owners.get(client);
      if (owner !== undefined && owner !== key) return client;
    }
    return null;
  }

  /** Binds every unbound id of `writers` to `key`; returns the ids newly bound. */
  bind(writers: Iterable<number>, key: string): number[] {
    const bound: number[] = [];
    for (const client of writers) {
      if (this.owners.has(client)) continue;
      this.owners.set(client, key);
      bound.push(client);
    }
    return bound;
  }
}
