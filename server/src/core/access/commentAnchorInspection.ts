/**
 * Whether a transaction (on a framework room's shadow) did nothing but anchor or un-anchor comment
 * threads: every struct it added is a `ContentFormat` item with a comment anchor key inside an
 * existing `Y.XmlText`, and every struct it deleted is such a format item too.
 *
 * Or a formatting clean-up: after every remote transaction that touched formatted text, Yjs
 * deletes redundant `ContentFormat` items of ANY key (`bold`, `link`…) in a local transaction of
 * its own, which a commenter's client sends like any other update. Such deletions are allowed
 * provided the visible content of the text stays the same: the texts they touch are collected in
 * `reformatted` and compared, once the whole update is applied to the shadow, with the room's real
 * document by `visibleChange`.
 */
import { isCommentAnchorFormat, isCommentAnchorKey } from "@parley/shared/comments/anchorPolicy";
import { commentFormatKey } from "@parley/shared/comments/commentMark";
import { THREAD_ID_ATTR } from "@parley/shared/comments/markNames";
import * as Y from "yjs";

/**
 * `anchored` collects the texts whose comment anchors the transaction adds or deletes (whose
 * anchors `anchorChangesAllowed` then compares), `reformatted` those where it deletes other
 * format items (compared by `visibleChange`).
 */
export function onlyCommentAnchors(
  transaction: Y.Transaction,
  reformatted: Set<Y.XmlText>,
  anchored: Set<Y.XmlText>,
): string | null {
  const store = transaction.doc.store;
  for (const [client, after] of transaction.afterState) {
    const before = transaction.beforeState.get(client) ?? 0;
    if (after === before) continue;
    const structs = store.clients.get(client) ?? [];
    for (const struct of structs) {
      if (struct.id.clock + struct.length <= before || struct.id.clock >= after) continue;
      if (!(struct instanceof Y.Item))
        return "the update adds something other than text formatting";
      const content = struct.content;
      if (!(content instanceof Y.ContentFormat))
        return "a commenter cannot change the framework text";
      if (!isCommentAnchorFormat(content.key, content.value)) {
        return `a commenter may only add comment anchors, not "${content.key}" formatting`;
      }
      if (!(struct.parent instanceof Y.XmlText)) return "a comment anchor outside the text";
      if (!anchorKeyMatches(content.key, content.value)) {
        return "a comment anchor whose key is not its thread's";
      }
      anchored.add(struct.parent);
    }
  }
  let problem: string | null = null;
  Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
    if (problem) return;
    const content = struct instanceof Y.Item ? struct.content : null;
    if (!(content instanceof Y.ContentFormat)) {
      problem = "a commenter cannot delete from the framework text";
    } else if (isCommentAnchorKey(content.key)) {
      const parent = struct instanceof Y.Item ? struct.parent : null;
      if (parent instanceof Y.XmlText) anchored.add(parent);
      else problem = "a comment anchor outside the text";
    } else if (!isCommentAnchorFormat(content.key, content.value)) {
      const parent = struct instanceof Y.Item ? struct.parent : null;
      if (parent instanceof Y.XmlText && parent._item !== null) reformatted.add(parent);
      else problem = "a commenter cannot delete formatting outside the framework text";
    }
  });
  return problem;
}

/** A start boundary names its thread: the key must be that thread's (`commentFormatKey`). */
function anchorKeyMatches(key: string, value: unknown): boolean {
  if (value === null || typeof value !== "object") return true;
  const threadId: unknown = (value as Record<string, unknown>)[THREAD_ID_ATTR];
  return typeof threadId === "string" && commentFormatKey(threadId) === key;
}

/**
 * Whether any of `texts` (in the shadow, with an update applied) looks different from the same
 * text in `real` (the room's document, without it): other characters or embeds, or other
 * formatting than comment anchors. Returns the problem, or null if they all look the same.
 */
export function visibleChange(real: Y.Doc, texts: Iterable<Y.XmlText>): string | null {
  for (const text of texts) {
    const item = text._item;
    if (item === null || item.id.clock >= Y.getState(real.store, item.id.client)) {
      return "a commenter cannot change the framework text";
    }
    if (item.deleted) continue;
    const realContent = Y.getItem(real.store, item.id).content;
    if (!(realContent instanceof Y.ContentType) || !(realContent.type instanceof Y.XmlText)) {
      return "a commenter cannot change the framework text";
    }
    if (visibleRuns(realContent.type) !== visibleRuns(text)) {
      return "a commenter cannot change the formatting of the framework text";
    }
  }
  return null;
}

/**
 * What a text shows, as a canonical string: runs of characters (or embeds) with the formatting
 * in force, comment anchors left out, adjacent runs with the same formatting merged. Read from
 * the items directly (`toDelta` would open a transaction on the room's document).
 */
function visibleRuns(text: Y.XmlText): string {
  const runs: Array<[string, unknown]> = [];
  const attributes = new Map<string, unknown>();
  let formatting = "[]";
  for (let item = text._start; item !== null; item = item.right) {
    if (item.deleted) continue;
    const content = item.content;
    if (content instanceof Y.ContentFormat) {
      if (isCommentAnchorKey(content.key)) continue;
      if (content.value === null) attributes.delete(content.key);
      else attributes.set(content.key, content.value);
      formatting = JSON.stringify([...attributes].sort(([a], [b]) => (a < b ? -1 : 1)));
      continue;
    }
    const last = runs.at(-1);
    if (content instanceof Y.ContentString) {
      if (last && last[0] === formatting && typeof last[1] === "string") {
        last[1] += content.str;
      } else {
        runs.push([formatting, content.str]);
      }
    } else if (content instanceof Y.ContentType) {
      runs.push([formatting, { type: `${item.id.client}:${item.id.clock}` }]);
    } else {
      runs.push([formatting, { content: content.getContent() }]);
    }
  }
  return JSON.stringify(runs);
}
