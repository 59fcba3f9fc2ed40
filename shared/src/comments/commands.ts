/**
 * Writes to the comment threads of the discussion room (`records.ts`): open, reply, edit and
 * delete one's own message, resolve, reopen, record applied wording. Each validates first and
 * returns `err(...)` without writing anything when refused.
 */
import type * as Y from "yjs";
import { z } from "zod";
import { type Actor, actorSchema, type WriteOptions } from "../model/actor.js";
import { isId, newId } from "../model/ids.js";
import { err, ok, type Result } from "../model/result.js";
import {
  eventsMap,
  eventsOf,
  MAX_BODY_LENGTH,
  MAX_EVENT_SEQ,
  MAX_MENTIONS,
  MAX_PROPOSAL_LENGTH,
  MAX_QUOTE_LENGTH,
  type Mention,
  type MessageRef,
  mentionSchema,
  type ReplyRecord,
  readReplyRecord,
  readThreadRecord,
  repliesMap,
  type ThreadAction,
  type ThreadEvent,
  type ThreadRecord,
  threadStateOf,
  threadsMap,
} from "./records.js";

/**
 * Who writes: the acting person (`actor`, checked by the server), the clock (`now`, for tests)
 * and this device's stable author id, which tells "mine" and namesakes apart.
 */
export interface ThreadWriteOptions extends WriteOptions {
  authorId: string;
}

/** The writer of a message, without the clock: what `isOwnMessage` compares. */
export type ThreadWriter = Pick<ThreadWriteOptions, "actor" | "authorId">;

function checkWriter(author: ThreadWriter): Result<ThreadWriter> {
  const actor = actorSchema.safeParse(author.actor);
  if (!actor.success) return err("invalid", "Who is writing is missing or invalid.");
  if (!isId(author.authorId)) return err("invalid", "The author id is missing or invalid.");
  return ok({ actor: actor.data, authorId: author.authorId });
}

function checkBody(body: string): Result<string> {
  const text = body.replace(/\r\n?/g, "\n").trim();
  if (text === "") return err("invalid", "Write something first.");
  if (text.length > MAX_BODY_LENGTH) {
    return err("invalid", `A comment can be at most ${MAX_BODY_LENGTH} characters long.`);
  }
  return ok(text);
}

function checkMentions(mentions: readonly unknown[] | undefined): Result<Mention[]> {
  const parsed = z
    .array(mentionSchema)
    .max(MAX_MENTIONS)
    .safeParse(mentions ?? []);
  return parsed.success ? ok(parsed.data) : err("invalid", "Invalid @mentions.");
}

function checkProposal(proposal: string | null | undefined): Result<string | null> {
  if (proposal === null || proposal === undefined) return ok(null);
  const text = proposal.replace(/\s+/g, " ").trim();
  if (text === "") return ok(null);
  if (text.length > MAX_PROPOSAL_LENGTH) {
    return err("invalid", `Proposed wording can be at most ${MAX_PROPOSAL_LENGTH} characters.`);
  }
  return ok(text);
}

/** A message's checked content: its body, its @mentions and its proposed wording (or null). */
interface MessageContent {
  body: string;
  mentions: Mention[];
  proposal: string | null;
}

function checkContent(input: {
  body: string;
  mentions?: readonly unknown[];
  proposal?: string | null;
}): Result<MessageContent> {
  const body = checkBody(input.body);
  if (!body.ok) return body;
  const mentions = checkMentions(input.mentions);
  if (!mentions.ok) return mentions;
  const proposal = checkProposal(input.proposal);
  if (!proposal.ok) return proposal;
  return ok({ body: body.value, mentions: mentions.value, proposal: proposal.value });
}

export interface NewThreadInput {
  threadId?: string;
  body: string;
  /** The anchored text when the thread is opened. */
  quote: string;
  termId?: string | null;
  proposal?: string | null;
  mentions?: readonly unknown[];
}

/** Opens a thread. Write the `comment` mark (`comments/commentMark.ts`) with the same id. */
export function createThread(
  discussion: Y.Doc,
  input: NewThreadInput,
  options: ThreadWriteOptions,
): Result<ThreadRecord> {
  const author = checkWriter(options);
  if (!author.ok) return author;
  const content = checkContent(input);
  if (!content.ok) return content;
  const threadId = input.threadId ?? newId("c");
  if (!isId(threadId)) return err("invalid", "Invalid thread id.");
  if (threadsMap(discussion).has(threadId)) return err("duplicate", "That thread already exists.");
  const termId = input.termId ?? null;
  if (termId !== null && !isId(termId)) return err("invalid", "Invalid term id.");
  const record: ThreadRecord = {
    threadId,
    ...newMessage(author.value, content.value, options),
    quote: input.quote.replace(/\s+/g, " ").trim().slice(0, MAX_QUOTE_LENGTH),
    termId,
    proposal: content.value.proposal,
  };
  threadsMap(discussion).set(threadId, record);
  return ok(record);
}

/** What a new thread and a new reply both record: who, when, what, and not yet edited or deleted. */
function newMessage(
  author: { actor: ThreadRecord["by"]; authorId: ThreadRecord["authorId"] },
  content: { body: string; mentions: ThreadRecord["mentions"] },
  options: ThreadWriteOptions,
) {
  return {
    by: author.actor,
    authorId: author.authorId,
    at: (options.now ?? new Date()).toISOString(),
    body: content.body,
    mentions: content.mentions,
    editedAt: null,
    deletedAt: null,
  };
}

export function replyToThread(
  discussion: Y.Doc,
  threadId: string,
  input: { body: string; mentions?: readonly unknown[] },
  options: ThreadWriteOptions,
): Result<ReplyRecord> {
  const author = checkWriter(options);
  if (!author.ok) return author;
  if (!readThreadRecord(discussion, threadId)) return err("invalid", "There is no such thread.");
  const content = checkContent(input);
  if (!content.ok) return content;
  const replyId = newId("r");
  const record: ReplyRecord = {
    threadId,
    replyId,
    ...newMessage(author.value, content.value, options),
  };
  repliesMap(discussion).set(`${threadId}:${replyId}`, record);
  return ok(record);
}

/**
 * Whether `author` wrote `message`: the same member when both say one (what the server checks),
 * else the same author id and party (records from before member ids).
 */
export function isOwnMessage(
  message: { authorId: string; by: Actor },
  author: ThreadWriter,
): boolean {
  if (message.by.member !== undefined && author.actor.member !== undefined) {
    return message.by.member === author.actor.member && message.by.party === author.actor.party;
  }
  return message.authorId === author.authorId && message.by.party === author.actor.party;
}

type MessageRecord = ThreadRecord | ReplyRecord;

function ownMessage(
  discussion: Y.Doc,
  ref: MessageRef,
  author: ThreadWriter,
): Result<MessageRecord> {
  const record =
    ref.replyId === undefined
      ? readThreadRecord(discussion, ref.threadId)
      : readReplyRecord(discussion, ref);
  if (!record) return err("invalid", "There is no such message.");
  if (!isOwnMessage(record, author))
    return err("notAllowed", "You can only change your own messages.");
  if (record.deletedAt !== null) return err("invalid", "The message was deleted.");
  return ok(record);
}

/**
 * The `by` to write back into one's own message: a record from before member ids gains the
 * writer's member, which the server requires of every record written.
 */
function ownBy(record: MessageRecord, author: ThreadWriter): Actor {
  if (record.by.member !== undefined || author.actor.member === undefined) return record.by;
  return { ...record.by, member: author.actor.member };
}

function writeMessage(discussion: Y.Doc, ref: MessageRef, record: MessageRecord): void {
  if (ref.replyId === undefined) threadsMap(discussion).set(ref.threadId, record);
  else repliesMap(discussion).set(`${ref.threadId}:${ref.replyId}`, record);
}

/** Edits one's own message (and, for the opening message, its proposed wording). */
export function editMessage(
  discussion: Y.Doc,
  ref: MessageRef,
  input: { body: string; mentions?: readonly unknown[]; proposal?: string | null },
  options: ThreadWriteOptions,
): Result<MessageRecord> {
  const author = checkWriter(options);
  if (!author.ok) return author;
  const current = ownMessage(discussion, ref, author.value);
  if (!current.ok) return current;
  const content = checkContent(input);
  if (!content.ok) return content;
  const edited = {
    ...current.value,
    by: ownBy(current.value, author.value),
    body: content.value.body,
    mentions: content.value.mentions,
    editedAt: (options.now ?? new Date()).toISOString(),
  };
  if ("quote" in edited && input.proposal !== undefined) edited.proposal = content.value.proposal;
  writeMessage(discussion, ref, edited);
  return ok(edited);
}

/** Deletes one's own message: the body is emptied and `deletedAt` set; replies stay. */
export function deleteMessage(
  discussion: Y.Doc,
  ref: MessageRef,
  options: ThreadWriteOptions,
): Result<MessageRecord> {
  const author = checkWriter(options);
  if (!author.ok) return author;
  const current = ownMessage(discussion, ref, author.value);
  if (!current.ok) return current;
  const deleted = {
    ...current.value,
    by: ownBy(current.value, author.value),
    body: "",
    mentions: [],
    deletedAt: (options.now ?? new Date()).toISOString(),
  };
  if ("quote" in deleted) deleted.proposal = null;
  writeMessage(discussion, ref, deleted);
  return ok(deleted);
}

function addEvent(
  discussion: Y.Doc,
  threadId: string,
  action: ThreadAction,
  appliedText: string | null,
  options: ThreadWriteOptions,
  replacedText: string | null = null,
): Result<ThreadEvent> {
  const author = checkWriter(options);
  if (!author.ok) return author;
  if (!readThreadRecord(discussion, threadId)) return err("invalid", "There is no such thread.");
  const events = eventsOf(discussion, threadId);
  const state = threadStateOf(events);
  if (action === "resolved" && state.resolved)
    return err("invalid", "The thread is already resolved.");
  if (action === "reopened" && !state.resolved)
    return err("invalid", "The thread is already open.");
  const seq = events.reduce((max, e) => Math.max(max, e.seq), 0) + 1;
  if (seq > MAX_EVENT_SEQ) return err("invalid", "This thread cannot change state any more.");
  const event: ThreadEvent = {
    threadId,
    eventId: newId("e"),
    action,
    by: author.value.actor,
    authorId: author.value.authorId,
    at: (options.now ?? new Date()).toISOString(),
    seq,
    appliedText,
    ...(action === "applied" ? { replacedText } : {}),
  };
  eventsMap(discussion).set(`${threadId}:${event.eventId}`, event);
  return ok(event);
}

export function resolveThread(
  discussion: Y.Doc,
  threadId: string,
  options: ThreadWriteOptions,
): Result<ThreadEvent> {
  return addEvent(discussion, threadId, "resolved", null, options);
}

export function reopenThread(
  discussion: Y.Doc,
  threadId: string,
  options: ThreadWriteOptions,
): Result<ThreadEvent> {
  return addEvent(discussion, threadId, "reopened", null, options);
}

/**
 * Records that the thread's proposed wording replaced its anchored text (call it after the text
 * was changed): who accepted it, when, and the wording it replaced (`replacedText`), so the
 * thread keeps the old and the new. The thread stays open until someone resolves it.
 */
export function recordProposalApplied(
  discussion: Y.Doc,
  threadId: string,
  options: ThreadWriteOptions,
  replacedText: string | null = null,
): Result<ThreadEvent> {
  const thread = readThreadRecord(discussion, threadId);
  if (!thread?.proposal) return err("invalid", "This thread proposes no wording.");
  const old = replacedText === null ? null : replacedText.slice(0, MAX_QUOTE_LENGTH);
  return addEvent(discussion, threadId, "applied", thread.proposal, options, old);
}
