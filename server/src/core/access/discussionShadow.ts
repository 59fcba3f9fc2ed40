/**
 * What an update changes in a discussion room, as `DiscussionChange`s: top-level map entries set
 * or deleted (the value before is read from the real document, which has not seen the update
 * yet), or "other" for anything else (text, arrays, nested types).
 */
import type { DiscussionChange, DiscussionContext } from "@parley/shared/access/discussionPolicy";
import { highestEventSeq, THREAD_MAPS } from "@parley/shared/comments/records";
import * as Y from "yjs";

export function discussionChanges(
  shadow: Y.Doc,
  real: Y.Doc,
  transaction: Y.Transaction,
): DiscussionChange[] {
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
      const before = real.share.has(root) ? real.getMap(root).get(key) : undefined;
      changes.push({ kind: "record", map: root, key, before, after });
    }
  }
  return changes;
}

/** What the discussion policy reads of the room's document before the update. */
export function discussionContext(real: Y.Doc): DiscussionContext {
  return {
    highestEventSeq: (threadId) =>
      real.share.has(THREAD_MAPS.events) ? highestEventSeq(real, threadId) : 0,
  };
}
