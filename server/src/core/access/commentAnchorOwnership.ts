/**
 * Whose comment anchors a commenter's update moves or removes (issue 14, finding 8). Only the
 * thread's author, drafters and mediators may move or remove an anchor; drafters and mediators
 * never come here (their text edits, accepting a proposal included, move anchors freely).
 *
 * The check compares, for every text the update formats with a comment anchor key, where each
 * anchor covers the text before (the room's document) and after (the shadow with the update). A
 * key whose span is unchanged is not checked: Yjs's clean-up of redundant format items, which
 * every client sends after remote formatting, deletes anchor boundaries without moving anything.
 * A changed span must belong to a thread of the principal, as the thread record in the
 * framework's discussion room says (`by.member`). A key without a known thread (its record has
 * not reached the server yet, or there is none) may only gain a span, which is what anchoring a
 * new thread looks like; moving or removing such an anchor is left to drafters and mediators.
 */

import { isOwnIdentity, recordOwner } from "@parley/shared/access/discussionPolicy";
import type { Principal } from "@parley/shared/access/roles";
import { isCommentAnchorKey } from "@parley/shared/comments/anchorPolicy";
import { commentFormatKey } from "@parley/shared/comments/commentMark";
import { THREAD_MAPS } from "@parley/shared/comments/records";
import type { Actor } from "@parley/shared/model/actor";
import * as Y from "yjs";

/** Anchor key → the thread it marks and who opened it, read from the discussion room. */
export class ThreadAuthors {
  /** threadId → its format key (a sha256 each: computed once per thread). */
  private readonly keys = new Map<string, string>();

  constructor(private readonly discussion: () => Y.Doc | null) {}

  /** The threads of `formatKeys` that have a record, with their author. */
  lookup(formatKeys: ReadonlySet<string>): Map<string, { threadId: string; by: Actor | null }> {
    const found = new Map<string, { threadId: string; by: Actor | null }>();
    const doc = this.discussion();
    if (!doc?.share.has(THREAD_MAPS.threads)) return found;
    doc.getMap(THREAD_MAPS.threads).forEach((record, threadId) => {
      let key = this.keys.get(threadId);
      if (key === undefined) {
        key = commentFormatKey(threadId);
        this.keys.set(threadId, key);
      }
      if (formatKeys.has(key)) found.set(key, { threadId, by: recordOwner(record) });
    });
    return found;
  }
}

/** Per anchor key: the runs of one text it covers, as `start+length=value;…`. */
function anchorSpans(text: Y.XmlText): Map<string, string> {
  const spans = new Map<string, Array<[number, number, string]>>();
  const active = new Map<string, string>();
  let index = 0;
  for (let item = text._start; item !== null; item = item.right) {
    if (item.deleted) continue;
    const content = item.content;
    if (content instanceof Y.ContentFormat) {
      if (!isCommentAnchorKey(content.key)) continue;
      if (content.value === null) active.delete(content.key);
      else active.set(content.key, JSON.stringify(content.value));
      continue;
    }
    if (!item.countable) continue;
    const length = item.length;
    for (const [key, value] of active) {
      const runs = spans.get(key) ?? [];
      const last = runs.at(-1);
      if (last && last[0] + last[1] === index && last[2] === value) last[1] += length;
      else runs.push([index, length, value]);
      spans.set(key, runs);
    }
    index += length;
  }
  const out = new Map<string, string>();
  for (const [key, runs] of spans)
    out.set(key, runs.map((r) => `${r[0]}+${r[1]}=${r[2]}`).join(";"));
  return out;
}

/** The same text in the room's document (which has not seen the update), or null. */
function realTextOf(real: Y.Doc, text: Y.XmlText): Y.XmlText | null {
  const item = text._item;
  if (item === null || item.id.clock >= Y.getState(real.store, item.id.client)) return null;
  const content = Y.getItem(real.store, item.id).content;
  return content instanceof Y.ContentType && content.type instanceof Y.XmlText
    ? content.type
    : null;
}

/**
 * Whether the anchor changes of `texts` (shadow texts the update formatted with anchor keys) are
 * all the principal's to make. Returns the problem, or null.
 */
export function anchorChangesAllowed(
  principal: Principal,
  real: Y.Doc,
  texts: Iterable<Y.XmlText>,
  authors: ThreadAuthors,
): string | null {
  const changed = new Set<string>();
  /** Keys that covered something before the update (in the texts it touched). */
  const existed = new Set<string>();
  for (const text of texts) {
    const realText = realTextOf(real, text);
    if (realText === null) return "a comment anchor outside the existing text";
    const before = anchorSpans(realText);
    const after = anchorSpans(text);
    for (const key of new Set([...before.keys(), ...after.keys()])) {
      if (before.get(key) !== after.get(key)) changed.add(key);
      if (before.has(key)) existed.add(key);
    }
  }
  if (changed.size === 0) return null;
  const threads = authors.lookup(changed);
  for (const key of changed) {
    const thread = threads.get(key);
    if (thread) {
      if (!isOwnIdentity(principal, thread.by)) {
        return `only the author of thread ${thread.threadId}, drafters and mediators may move or remove its anchor`;
      }
    } else if (existed.has(key)) {
      return "an anchor of a thread without a known author may only be moved or removed by drafters and mediators";
    }
  }
  return null;
}
