/**
 * Whether a transaction (on a framework room's shadow) did nothing but anchor or un-anchor comment
 * threads: every struct it added is a `ContentFormat` item with a comment anchor key inside an
 * existing `Y.XmlText`, and every struct it deleted is such a format item too.
 */
import { isCommentAnchorFormat } from "@parley/shared/access/commentAnchors";
import * as Y from "yjs";

export function onlyCommentAnchors(transaction: Y.Transaction): string | null {
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
    }
  }
  let problem: string | null = null;
  Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
    if (problem) return;
    const content = struct instanceof Y.Item ? struct.content : null;
    if (
      !(content instanceof Y.ContentFormat) ||
      !isCommentAnchorFormat(content.key, content.value)
    ) {
      problem = "a commenter cannot delete from the framework text";
    }
  });
  return problem;
}
