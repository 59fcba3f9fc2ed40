/**
 * Writing and removing a thread's `comment` mark directly on the Yjs text, never through a
 * ProseMirror transaction, so that the resulting Yjs update holds NOTHING but formatting of
 * existing text:
 *
 * - new structs: only `Item`s with `ContentFormat` content, inside existing `Y.XmlText`s, whose
 *   key is `comment--<8 base64 characters>` (the key y-prosemirror gives the mark, see
 *   `commentFormatKey`) and whose value is `{ threadId }` (start of the span) or `null` (end of
 *   the span, or removal);
 * - deletions: only earlier `ContentFormat` items of those same keys (Yjs replaces a format
 *   boundary it rewrites).
 *
 * No text, no element, no attribute and no map entry changes. That shape lets the server accept a
 * commenter's anchor (commenters may not write the text) with a "format-only, `comment` keys
 * only" rule. The editor sees the mark through the y-prosemirror binding like any remote change.
 */
import type { Schema } from "@tiptap/pm/model";
import * as buffer from "lib0/buffer";
import * as sha256 from "lib0/hash/sha256";
import * as Y from "yjs";
import { err, ok, type Result } from "../model/result.js";
import { COMMENT_MARK, THREAD_ID_ATTR } from "./markNames.js";

/** Origin of the transactions written here (so observers can tell them apart). */
export const COMMENT_MARK_ORIGIN = "parley-comment-mark";

/** The prefix of every Y.Text format key that holds a comment anchor. */
export const COMMENT_FORMAT_PREFIX = `${COMMENT_MARK}--`;

/** y-prosemirror's `hashOfJSON`: sha256 of lib0's encoding, folded to 6 bytes, base64. */
function hashOfJson(json: unknown): string {
  const digest = sha256.digest(buffer.encodeAny(json));
  const n = 6;
  for (let i = n; i < digest.length; i++) digest[i % n] = (digest[i % n] ?? 0) ^ (digest[i] ?? 0);
  return buffer.toBase64(digest.slice(0, n));
}

/** The Y.Text format key y-prosemirror uses for the comment mark of `threadId`. */
export function commentFormatKey(threadId: string): string {
  return `${COMMENT_FORMAT_PREFIX}${hashOfJson({ type: COMMENT_MARK, attrs: { [THREAD_ID_ATTR]: threadId } })}`;
}

/** A stretch of one Y.XmlText: `length` characters from `index`. */
export interface TextSegment {
  text: Y.XmlText;
  index: number;
  length: number;
}

/**
 * The text segments between ProseMirror positions `from` and `to` of the document bound to
 * `fragment`, computed from the Yjs tree (element = open + children + close, leaf element = 1,
 * text = its length), which is how y-prosemirror lays a ProseMirror document out.
 */
export function textSegmentsBetween(
  fragment: Y.XmlFragment,
  schema: Schema,
  from: number,
  to: number,
): TextSegment[] {
  const segments: TextSegment[] = [];
  let pos = 0;
  const walk = (parent: Y.XmlFragment | Y.XmlElement): void => {
    for (const child of parent.toArray()) {
      if (pos >= to) return;
      if (child instanceof Y.XmlText) {
        const start = Math.max(from, pos);
        const end = Math.min(to, pos + child.length);
        if (end > start) segments.push({ text: child, index: start - pos, length: end - start });
        pos += child.length;
      } else if (child instanceof Y.XmlElement) {
        if (schema.nodes[child.nodeName]?.isLeaf) {
          pos += 1;
        } else {
          pos += 1;
          walk(child);
          pos += 1;
        }
      }
    }
  };
  walk(fragment);
  return segments;
}

/**
 * Anchors thread `threadId` on the text between `from` and `to` (ProseMirror positions) in one
 * transaction that only formats existing text (see the module comment). Refuses, writing nothing,
 * a bad thread id or a range without text.
 */
export function addCommentMark(
  fragment: Y.XmlFragment,
  schema: Schema,
  range: { from: number; to: number },
  threadId: string,
): Result<{ characters: number }> {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(threadId)) return err("invalid", "Invalid thread id.");
  const doc = fragment.doc;
  if (!doc) return err("invalid", "The text is not part of a document.");
  const segments = textSegmentsBetween(fragment, schema, range.from, range.to);
  const characters = segments.reduce((sum, s) => sum + s.length, 0);
  if (characters === 0) return err("invalid", "Select some text to comment on.");
  const key = commentFormatKey(threadId);
  doc.transact(() => {
    for (const s of segments)
      s.text.format(s.index, s.length, { [key]: { [THREAD_ID_ATTR]: threadId } });
  }, COMMENT_MARK_ORIGIN);
  return ok({ characters });
}

function* textsIn(parent: Y.XmlFragment | Y.XmlElement): Generator<Y.XmlText> {
  for (const child of parent.toArray()) {
    if (child instanceof Y.XmlText) yield child;
    else if (child instanceof Y.XmlElement) yield* textsIn(child);
  }
}

interface DeltaOp {
  insert?: unknown;
  attributes?: Record<string, unknown>;
}

/** Removes every anchor of `threadId` (format-only, like `addCommentMark`). Returns the characters unmarked. */
export function removeCommentMark(fragment: Y.XmlFragment, threadId: string): number {
  const doc = fragment.doc;
  if (!doc) return 0;
  const key = commentFormatKey(threadId);
  let characters = 0;
  doc.transact(() => {
    for (const text of textsIn(fragment)) {
      let index = 0;
      for (const op of text.toDelta() as DeltaOp[]) {
        const length = typeof op.insert === "string" ? op.insert.length : 1;
        if (op.attributes && key in op.attributes) {
          text.format(index, length, { [key]: null });
          characters += length;
        }
        index += length;
      }
    }
  }, COMMENT_MARK_ORIGIN);
  return characters;
}
