/**
 * A person's inbox: the comments that @mention them (by name, or their party) and the replies in
 * threads they wrote or took part in, newest first; and which of those they have read.
 *
 * The read state lives in the discussion room, map `inboxReads`, one record per member keyed by
 * the member id and written `by` that member: the discussion policy lets only that member write
 * the key that is their id (`access/discussionPolicy.ts`), so it follows the person across
 * reloads and devices. It holds the ids of the items read, trimmed to the items still in the
 * inbox, so it stays small.
 */
import type * as Y from "yjs";
import { z } from "zod";
import type { Mention, ReplyRecord, ThreadRecord, ThreadsSnapshot } from "../comments/records.js";
import { type Actor, actorSchema } from "./actor.js";

export const INBOX_READS_MAP = "inboxReads";
/** Most items an inbox shows (the newest). */
export const MAX_INBOX_ITEMS = 200;
/** Most read item ids one record holds (more than the items shown, so none comes back). */
export const MAX_READ_IDS = 500;

const itemIdSchema = z.string().min(1).max(200);

export const inboxReadSchema = z.object({
  by: actorSchema,
  readIds: z.array(itemIdSchema).max(MAX_READ_IDS),
  at: z.string().min(1).max(40),
});
export type InboxRead = z.infer<typeof inboxReadSchema>;

/** Who the inbox is for. */
export interface InboxPerson {
  /** Their member id (personal token), if any. */
  member?: string;
  /** This device's author id (`authorId` of the records it wrote). */
  authorId: string;
  name: string;
  party: string | null;
}

export type InboxKind = "mention" | "reply";

export interface InboxItem {
  /** `threadId` for an opening message, `threadId:replyId` for a reply. */
  id: string;
  kind: InboxKind;
  threadId: string;
  replyId: string | null;
  by: Actor;
  at: string;
  body: string;
  /** The text the thread is on. */
  quote: string;
}

type Message = ThreadRecord | ReplyRecord;

/** Whether `message` was written by `person`: the member when both say one, else the device. */
export function writtenBy(message: Message, person: InboxPerson): boolean {
  if (message.by.member !== undefined && person.member !== undefined) {
    return message.by.member === person.member;
  }
  return message.authorId === person.authorId && message.by.party === person.party;
}

/** Whether `mention` names `person`: their member or device, else their name; or their party. */
export function mentionsPerson(mention: Mention, person: InboxPerson): boolean {
  if (mention.kind === "party") return person.party !== null && mention.partyId === person.party;
  if (mention.member !== undefined && person.member !== undefined) {
    return mention.member === person.member;
  }
  if (mention.authorId !== null && mention.authorId === person.authorId) return true;
  return mention.label.trim().toLowerCase() === person.name.trim().toLowerCase();
}

/** The mentions and replies for `person`, newest first (at most `MAX_INBOX_ITEMS`). */
export function inboxItems(snapshot: ThreadsSnapshot, person: InboxPerson): InboxItem[] {
  const items: InboxItem[] = [];
  for (const view of snapshot.threads) {
    const messages: Message[] = [view.thread, ...view.replies];
    let tookPart = false;
    for (const message of messages) {
      const replyId = "replyId" in message ? message.replyId : null;
      const mine = writtenBy(message, person);
      if (!mine && message.deletedAt === null) {
        const mentioned = message.mentions.some((m) => mentionsPerson(m, person));
        const kind: InboxKind | null = mentioned
          ? "mention"
          : tookPart && replyId !== null
            ? "reply"
            : null;
        if (kind) {
          items.push({
            id: replyId === null ? view.thread.threadId : `${view.thread.threadId}:${replyId}`,
            kind,
            threadId: view.thread.threadId,
            replyId,
            by: message.by,
            at: message.at,
            body: message.body,
            quote: view.thread.quote,
          });
        }
      }
      if (mine) tookPart = true;
    }
  }
  return items
    .sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id))
    .slice(0, MAX_INBOX_ITEMS);
}

function readsMap(discussion: Y.Doc): Y.Map<unknown> {
  return discussion.getMap(INBOX_READS_MAP);
}

/** The ids `member` has read (empty when nothing is stored or the record does not validate). */
export function readInboxIds(discussion: Y.Doc, member: string): Set<string> {
  const parsed = inboxReadSchema.safeParse(readsMap(discussion).get(member));
  if (!parsed.success || parsed.data.by.member !== member) return new Set();
  return new Set(parsed.data.readIds);
}

/**
 * The read ids after reading `ids`: what was read and is still in the inbox (`current`), plus
 * `ids`, at most `MAX_READ_IDS` (the ones just read kept first).
 */
export function nextReadIds(
  previous: ReadonlySet<string>,
  ids: readonly string[],
  current: readonly string[],
): string[] {
  const out = new Set(ids);
  for (const id of current) if (previous.has(id)) out.add(id);
  return [...out].slice(0, MAX_READ_IDS);
}

/** Marks `ids` read for `actor` (who must have a member id); `current`: the inbox's item ids. */
export function markInboxRead(
  discussion: Y.Doc,
  actor: Actor,
  ids: readonly string[],
  current: readonly string[],
  now: Date = new Date(),
): boolean {
  const member = actor.member;
  if (member === undefined) return false;
  const previous = readInboxIds(discussion, member);
  if (ids.every((id) => previous.has(id))) return false;
  const record: InboxRead = {
    by: actor,
    readIds: nextReadIds(previous, ids, current),
    at: now.toISOString(),
  };
  readsMap(discussion).set(member, record);
  return true;
}

/** Calls `listener` after any change to the read state. */
export function observeInboxReads(discussion: Y.Doc, listener: () => void): () => void {
  const map = readsMap(discussion);
  const handler = () => listener();
  map.observe(handler);
  return () => map.unobserve(handler);
}
