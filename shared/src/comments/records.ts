/**
 * Comment threads, kept in the DISCUSSION room (`<id>/discussion`), never in the framework text:
 * the text only holds the `comment` mark with the thread id (`schema/comment.ts`). Commenters may
 * write here without being able to edit the text.
 *
 * Every record is plain JSON in a top-level map and is written, changed or deleted only by the
 * member that wrote it (`by.member`; `authorId` tells devices apart), which is the shape the server's discussion policy
 * checks (`access/discussionPolicy.ts`). So no record is shared between people:
 * - `threads`: threadId → ThreadRecord (the opening message, the quoted text, proposed wording);
 * - `threadReplies`: `${threadId}:${replyId}` → ReplyRecord;
 * - `threadEvents`: `${threadId}:${eventId}` → ThreadEvent (resolved / reopened / wording
 *   applied). The current state is the last event in (seq, at, eventId) order, where `seq` is one
 *   more than the highest seq the writer saw for that thread, so every replica agrees whatever
 *   the machines' clocks say and whoever resolved or reopened. The server accepts only the NEXT
 *   seq of the room's document (never a jump ahead, which could pin the state for good).
 * Edits replace one's own record; deletion is soft (body emptied, `deletedAt` set) so replies
 * stay readable under a deleted opening message.
 */
import type * as Y from "yjs";
import { z } from "zod";
import { memberIdSchema } from "../access/members.js";
import { actorSchema } from "../model/actor.js";
import { ID_PATTERN } from "../model/ids.js";

export const THREAD_MAPS = {
  threads: "threads",
  replies: "threadReplies",
  events: "threadEvents",
} as const;

export const MAX_BODY_LENGTH = 10_000;
export const MAX_QUOTE_LENGTH = 2_000;
export const MAX_PROPOSAL_LENGTH = 5_000;
export const MAX_MENTIONS = 20;
/**
 * Highest sequence number of a thread's state events. Each event must be the next in order (the
 * server refuses any other), so this is a thread resolved and reopened half a million times; an
 * event stored with a larger one (written before the check existed) does not validate and is
 * ignored, so it cannot lock the thread in its state.
 */
export const MAX_EVENT_SEQ = 1_000_000;

const idSchema = z.string().regex(ID_PATTERN);
const isoSchema = z.string().min(1).max(40);

export const mentionSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("person"),
    /** The text after `@` in the body. */
    label: z.string().min(1).max(120),
    /** The person's stable author id, when known. */
    authorId: idSchema.nullable(),
    /** The person's member id (`access/members.ts`), when known: what the inbox matches first. */
    member: memberIdSchema.optional(),
  }),
  z.object({ kind: z.literal("party"), label: z.string().min(1).max(120), partyId: idSchema }),
]);
export type Mention = z.infer<typeof mentionSchema>;

const messageShape = {
  by: actorSchema,
  /** Stable id of the writer (their device identity), to tell "mine" and namesakes apart. */
  authorId: idSchema,
  at: isoSchema,
  /** Plain text: line breaks kept, links and @mentions recognised when shown, never HTML. */
  body: z.string().max(MAX_BODY_LENGTH),
  mentions: z.array(mentionSchema).max(MAX_MENTIONS),
  editedAt: isoSchema.nullable(),
  deletedAt: isoSchema.nullable(),
};

export const threadRecordSchema = z.object({
  threadId: idSchema,
  ...messageShape,
  /** The text the thread was opened on (shown when the anchored text is deleted: "detached"). */
  quote: z.string().max(MAX_QUOTE_LENGTH),
  termId: idSchema.nullable(),
  /** Replacement wording for the anchored span, or null. */
  proposal: z.string().min(1).max(MAX_PROPOSAL_LENGTH).nullable(),
});
export type ThreadRecord = z.infer<typeof threadRecordSchema>;

export const replyRecordSchema = z.object({
  threadId: idSchema,
  replyId: idSchema,
  ...messageShape,
});
export type ReplyRecord = z.infer<typeof replyRecordSchema>;

export const THREAD_ACTIONS = ["resolved", "reopened", "applied"] as const;
export type ThreadAction = (typeof THREAD_ACTIONS)[number];

export const threadEventSchema = z.object({
  threadId: idSchema,
  eventId: idSchema,
  action: z.enum(THREAD_ACTIONS),
  by: actorSchema,
  authorId: idSchema,
  at: isoSchema,
  /** 1 for the thread's first event, then each the next in order (checked by the server). */
  seq: z.number().int().min(1).max(MAX_EVENT_SEQ),
  /** For `applied`: the wording that replaced the anchored text. */
  appliedText: z.string().max(MAX_PROPOSAL_LENGTH).nullable(),
  /** For `applied`: the wording it replaced, so the thread keeps both (absent in old records). */
  replacedText: z.string().max(MAX_QUOTE_LENGTH).nullable().optional(),
});
export type ThreadEvent = z.infer<typeof threadEventSchema>;

export function threadsMap(discussion: Y.Doc): Y.Map<unknown> {
  return discussion.getMap(THREAD_MAPS.threads);
}
export function repliesMap(discussion: Y.Doc): Y.Map<unknown> {
  return discussion.getMap(THREAD_MAPS.replies);
}
export function eventsMap(discussion: Y.Doc): Y.Map<unknown> {
  return discussion.getMap(THREAD_MAPS.events);
}

/** A message of a thread: its opening (`replyId` absent) or one reply. */
export interface MessageRef {
  threadId: string;
  replyId?: string;
}

export function readThreadRecord(discussion: Y.Doc, threadId: string): ThreadRecord | null {
  const parsed = threadRecordSchema.safeParse(threadsMap(discussion).get(threadId));
  return parsed.success ? parsed.data : null;
}

export function readReplyRecord(discussion: Y.Doc, ref: MessageRef): ReplyRecord | null {
  const parsed = replyRecordSchema.safeParse(
    repliesMap(discussion).get(`${ref.threadId}:${ref.replyId}`),
  );
  return parsed.success ? parsed.data : null;
}

/** The highest sequence number among a thread's valid events (0: none yet). */
export function highestEventSeq(discussion: Y.Doc, threadId: string): number {
  return eventsOf(discussion, threadId).reduce((max, e) => Math.max(max, e.seq), 0);
}

export function eventsOf(discussion: Y.Doc, threadId: string): ThreadEvent[] {
  const out: ThreadEvent[] = [];
  eventsMap(discussion).forEach((raw, key) => {
    if (!key.startsWith(`${threadId}:`)) return;
    const parsed = threadEventSchema.safeParse(raw);
    if (
      parsed.success &&
      parsed.data.threadId === threadId &&
      key === `${threadId}:${parsed.data.eventId}`
    ) {
      out.push(parsed.data);
    }
  });
  return out.sort(
    (a, b) => a.seq - b.seq || a.at.localeCompare(b.at) || a.eventId.localeCompare(b.eventId),
  );
}

export interface ThreadState {
  resolved: boolean;
  /** The event that set the current state (null: open since it was started). */
  last: ThreadEvent | null;
  /** The last time proposed wording was applied, if ever. */
  applied: ThreadEvent | null;
}

/**
 * Resolved when the last state event resolved it. Applying proposed wording does not resolve the
 * thread: the people in it see the old and the new wording and resolve it themselves.
 */
export function threadStateOf(events: readonly ThreadEvent[]): ThreadState {
  const last = events[events.length - 1] ?? null;
  const applied = [...events].reverse().find((e) => e.action === "applied") ?? null;
  return { resolved: last !== null && last.action === "resolved", last, applied };
}

export interface ThreadView {
  thread: ThreadRecord;
  /** Replies in the order they were written. */
  replies: ReplyRecord[];
  events: ThreadEvent[];
  state: ThreadState;
}

export interface ThreadsSnapshot {
  /** Valid threads, oldest first. */
  threads: ThreadView[];
  /** Keys of stored records that do not validate (shown as such, never thrown). */
  invalid: string[];
}

/** Every thread with its replies and state. Never throws. */
export function readThreads(discussion: Y.Doc): ThreadsSnapshot {
  const invalid: string[] = [];
  const views = new Map<string, ThreadView>();
  threadsMap(discussion).forEach((raw, key) => {
    const parsed = threadRecordSchema.safeParse(raw);
    if (!parsed.success || parsed.data.threadId !== key) {
      invalid.push(`${THREAD_MAPS.threads}:${key}`);
      return;
    }
    views.set(key, { thread: parsed.data, replies: [], events: [], state: threadStateOf([]) });
  });
  repliesMap(discussion).forEach((raw, key) => {
    const parsed = replyRecordSchema.safeParse(raw);
    const view = parsed.success ? views.get(parsed.data.threadId) : undefined;
    if (!parsed.success || !view || key !== `${parsed.data.threadId}:${parsed.data.replyId}`) {
      invalid.push(`${THREAD_MAPS.replies}:${key}`);
      return;
    }
    view.replies.push(parsed.data);
  });
  for (const view of views.values()) {
    view.replies.sort((a, b) => a.at.localeCompare(b.at) || a.replyId.localeCompare(b.replyId));
    view.events = eventsOf(discussion, view.thread.threadId);
    view.state = threadStateOf(view.events);
  }
  const threads = [...views.values()].sort(
    (a, b) =>
      a.thread.at.localeCompare(b.thread.at) || a.thread.threadId.localeCompare(b.thread.threadId),
  );
  return { threads, invalid: invalid.sort() };
}

/** Calls `listener` after any change to threads, replies or their states. */
export function observeThreads(discussion: Y.Doc, listener: () => void): () => void {
  const maps = [threadsMap(discussion), repliesMap(discussion), eventsMap(discussion)];
  const handler = () => listener();
  for (const map of maps) map.observe(handler);
  return () => {
    for (const map of maps) map.unobserve(handler);
  };
}
