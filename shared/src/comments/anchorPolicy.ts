/**
 * The one change a commenter may make to the framework TEXT: anchoring (or un-anchoring) a comment
 * thread, i.e. formatting existing text with a `comment--<hash>` format key whose value is
 * `{ threadId }` or `null` (see `comments/commentMark.ts`). The server checks every new struct and
 * every deletion of such an update against this rule; anything else (text, elements, attributes,
 * other formats) is refused. One exception: deleting format items of any key is allowed when the
 * visible content (text and every format but comment anchors) stays the same — Yjs's clean-up of
 * redundant format items after remote changes, which every client runs and sends.
 */

import { isId } from "../model/ids.js";
import { COMMENT_FORMAT_PREFIX } from "./commentMark.js";
import { THREAD_ID_ATTR } from "./markNames.js";

/** Whether a format key is a comment anchor's (whatever its value). */
export function isCommentAnchorKey(key: string): boolean {
  return key.startsWith(COMMENT_FORMAT_PREFIX);
}

/** Whether one format item (key and value) is a comment anchor boundary. */
export function isCommentAnchorFormat(key: string, value: unknown): boolean {
  if (!isCommentAnchorKey(key)) return false;
  if (value === null) return true;
  if (typeof value !== "object" || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return (
    keys.length === 1 &&
    keys[0] === THREAD_ID_ATTR &&
    isId((value as Record<string, unknown>)[THREAD_ID_ATTR])
  );
}
