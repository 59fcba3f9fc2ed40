/**
 * The one change a commenter may make to the framework TEXT: anchoring (or un-anchoring) a comment
 * thread, i.e. formatting existing text with a `comment--<hash>` format key whose value is
 * `{ threadId }` or `null` (see `comments/commentMark.ts`). The server checks every new struct and
 * every deletion of such an update against this rule; anything else (text, elements, attributes,
 * other formats) is refused.
 */
import { COMMENT_FORMAT_PREFIX } from "../comments/commentMark.js";
import { isId } from "../model/ids.js";
import { THREAD_ID_ATTR } from "../schema/comment.js";

/** Whether one format item (key and value) is a comment anchor boundary. */
export function isCommentAnchorFormat(key: string, value: unknown): boolean {
  if (!key.startsWith(COMMENT_FORMAT_PREFIX)) return false;
  if (value === null) return true;
  if (typeof value !== "object" || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return (
    keys.length === 1 &&
    keys[0] === THREAD_ID_ATTR &&
    isId((value as Record<string, unknown>)[THREAD_ID_ATTR])
  );
}
