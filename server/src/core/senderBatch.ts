/**
 * A room's accepted updates of one write batch, grouped by the connection that sent them. When the
 * batch is written, each sender's updates become ONE update (see `Room.takeBatch`): that is the row
 * stored and the message broadcast to everyone else. A writer typing fast (or replaying a trace)
 * sends dozens of updates per event-loop turn; every recipient then applies one update instead of
 * dozens.
 *
 * Merging one sender's consecutive updates gives the same document as applying them one by one,
 * and updates of different senders commute (Yjs), so grouping by sender changes nothing a
 * recipient ends up with. A sender never gets its own updates back.
 */
import { mergeInTree } from "./yjsBytes.js";

export interface SenderUpdate<S> {
  /** The connection the updates came from (excluded from their broadcast). */
  from: S;
  update: Uint8Array;
}

interface SenderGroup<T> {
  updates: Uint8Array[];
  /** What the sender is (e.g. its access), as given with its first update. */
  tag: T;
  bytes: number;
}

export class SenderBatch<S, T = undefined> {
  private readonly bySender = new Map<S, SenderGroup<T>>();
  private count = 0;

  add(from: S, update: Uint8Array, tag: T): void {
    const group = this.bySender.get(from);
    if (group) {
      group.updates.push(update);
      group.bytes += update.byteLength;
    } else {
      this.bySender.set(from, { updates: [update], tag, bytes: update.byteLength });
    }
    this.count += 1;
  }

  /** Per sender: its tag, how many updates and bytes it sent in this batch. */
  totals(): Array<{ from: S; tag: T; updates: number; bytes: number }> {
    return [...this.bySender].map(([from, group]) => ({
      from,
      tag: group.tag,
      updates: group.updates.length,
      bytes: group.bytes,
    }));
  }

  /** What `from` was tagged with when it sent its first update of the batch. */
  tagOf(from: S): T | undefined {
    return this.bySender.get(from)?.tag;
  }

  /** The connections that sent updates, in the order they first did. */
  get senders(): S[] {
    return [...this.bySender.keys()];
  }

  /** Forgets every update (the room failed: none of them is trusted any more). */
  clear(): void {
    this.bySender.clear();
    this.count = 0;
  }

  /** How many updates were added. */
  get updates(): number {
    return this.count;
  }

  /**
   * One update per sender, senders in the order they first appeared. If Yjs refuses to merge a
   * sender's updates (it should not: each was validated and applied), they are kept one by one.
   */
  merged(): SenderUpdate<S>[] {
    const out: SenderUpdate<S>[] = [];
    for (const [from, { updates }] of this.bySender) {
      if (updates.length === 1) {
        out.push({ from, update: updates[0] as Uint8Array });
        continue;
      }
      try {
        out.push({ from, update: mergeInTree(updates) });
      } catch {
        for (const update of updates) out.push({ from, update });
      }
    }
    return out;
  }
}
