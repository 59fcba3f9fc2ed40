/**
 * The shadow copy of a discussion room, used to see exactly what an update would change before
 * it touches the real document. An update is applied to the shadow in one transaction; the
 * transaction's changed types and keys become `DiscussionChange`s (the value before is read from
 * the real document, which has not seen the update yet). If the policy refuses, the shadow is
 * rebuilt from the real document; if it allows, the real document gets the same update and both
 * stay equal.
 */
import type { DiscussionChange } from "@parley/shared/access/discussionPolicy";
import * as Y from "yjs";

export class DiscussionShadow {
  private shadow: Y.Doc | null = null;

  constructor(private readonly real: Y.Doc) {}

  /** Applies `update` to the shadow and lists what it changed (null: it left pending structs). */
  inspect(update: Uint8Array): DiscussionChange[] | null {
    const shadow = this.ensure();
    const seen: { transaction: Y.Transaction | null } = { transaction: null };
    const capture = (tr: Y.Transaction) => {
      seen.transaction = tr;
    };
    shadow.on("afterTransaction", capture);
    try {
      Y.applyUpdate(shadow, update);
    } finally {
      shadow.off("afterTransaction", capture);
    }
    const realPending =
      this.real.store.pendingStructs !== null || this.real.store.pendingDs !== null;
    const shadowPending = shadow.store.pendingStructs !== null || shadow.store.pendingDs !== null;
    if (shadowPending && !realPending) return null;
    return seen.transaction ? this.changesOf(shadow, seen.transaction) : [];
  }

  /** The real document applied an update that was not inspected (a trusted writer's). */
  follow(update: Uint8Array): void {
    if (this.shadow) Y.applyUpdate(this.shadow, update);
  }

  /** The last inspected update was refused: start again from the real document. */
  reset(): void {
    this.shadow?.destroy();
    this.shadow = null;
  }

  destroy(): void {
    this.reset();
  }

  private ensure(): Y.Doc {
    if (!this.shadow) {
      this.shadow = new Y.Doc({ gc: this.real.gc });
      Y.applyUpdate(this.shadow, Y.encodeStateAsUpdate(this.real));
    }
    return this.shadow;
  }

  private changesOf(shadow: Y.Doc, transaction: Y.Transaction): DiscussionChange[] {
    const rootNames = new Map<unknown, string>();
    for (const [name, type] of shadow.share) rootNames.set(type, name);
    const changes: DiscussionChange[] = [];
    for (const [type, keys] of transaction.changed) {
      const root = rootNames.get(type);
      if (root === undefined) {
        changes.push({ kind: "other", description: "a change inside a nested shared type" });
        continue;
      }
      for (const key of keys) {
        if (key === null) {
          changes.push({ kind: "other", description: `list or text content in "${root}"` });
          continue;
        }
        const after = shadow.getMap(root).get(key);
        if (after instanceof Y.AbstractType) {
          changes.push({ kind: "other", description: `a shared type set as ${root}["${key}"]` });
          continue;
        }
        const before = this.real.share.has(root) ? this.real.getMap(root).get(key) : undefined;
        changes.push({ kind: "record", map: root, key, before, after });
      }
    }
    return changes;
  }
}
