/**
 * What a non-mediator may change in the discussion room (`<id>/discussion`). The server applies
 * each incoming update to a shadow copy of the room, lists exactly which records it changed
 * (`DiscussionChange`), and asks `checkDiscussionChanges`; a refused update is dropped whole.
 *
 * The rules:
 * - mediators may change anything (moderation);
 * - observers may change nothing;
 * - commenters and drafters may only set or delete plain JSON records in top-level maps (no text,
 *   arrays or nested shared types), and every record they write must carry `by` = their own
 *   identity: the token's member id and party, and the token's name when it fixes one. A token
 *   that stands for no one in particular (an unnamed invite used without the exchange) writes
 *   nothing;
 * - a stance (`stances` map, key `${termId}:${partyId}`) may be written or removed by a commenter
 *   or drafter only for their own party (`mayRecordStance`: only a party speaks for itself; a
 *   mediator may record any party's, marked as on its behalf); it must be a valid stance record;
 * - any other record (comments, replies, or whatever else lives there) may only be
 *   changed or deleted by the member that wrote it (records from before member ids: by the one
 *   person of a named invite with the same name and party);
 * - a thread's state event (`threadEvents`) must carry the next sequence number of its thread,
 *   as the room's document has it (`DiscussionContext`), and keeps it when edited;
 * - a person's inbox read state (`inboxReads`, `model/inbox.ts`) is keyed by their member id: a
 *   member writes only the key that is their own id (nobody can take another's key first), and
 *   only a valid read record.
 */

import { THREAD_MAPS, threadEventSchema } from "../comments/records.js";
import { type Actor, actorSchema } from "../model/actor.js";
import { INBOX_READS_MAP, inboxReadSchema } from "../model/inbox.js";
import { MAP_NAMES } from "../model/maps.js";
import { mayRecordStance, stanceRecordSchema } from "../model/stance.js";
import { namedInviteMember, SHARED_INVITE_READ_ONLY } from "./members.js";
import { ALLOWED, type Decision, type Principal, refused } from "./roles.js";

/** What the checks need to know of the room's document before the update. */
export interface DiscussionContext {
  /** The highest sequence number of a thread's valid state events (0: none). */
  highestEventSeq(threadId: string): number;
}

export type DiscussionChange =
  /** A top-level map entry set (after = new value) or deleted (after = undefined). */
  | { kind: "record"; map: string; key: string; before: unknown; after: unknown }
  /** Anything else: text, arrays, nested shared types, non-map roots. */
  | { kind: "other"; description: string };

/** The identity a record claims (`by`), or null if it has none. */
export function recordOwner(record: unknown): Actor | null {
  if (typeof record !== "object" || record === null || !("by" in record)) return null;
  const parsed = actorSchema.safeParse(record.by);
  return parsed.success ? parsed.data : null;
}

/** Same party, and the same name when the token fixes one. */
function sameNameAndParty(principal: Principal, by: Actor): boolean {
  if (by.party !== principal.party) return false;
  return principal.name === null || by.name === principal.name;
}

/**
 * Whether `by` (of a record already stored) is the principal's: the same member. A record
 * without a member id (written before they existed) is owned only by the one person of a named
 * invite with that name and party; a record of an unnamed invite then belonged to everyone who
 * held the link, so now only mediators may change it.
 */
export function isOwnIdentity(principal: Principal, by: Actor | null): boolean {
  if (!by || !principal.personal || !sameNameAndParty(principal, by)) return false;
  if (by.member !== undefined) return by.member === principal.member;
  return principal.name !== null && principal.member === namedInviteMember(principal.inviteId);
}

/**
 * Whether `by` (of a record being written) is exactly the principal: member id included, and the
 * role when the record names one.
 */
export function isWrittenAsSelf(principal: Principal, by: Actor | null): boolean {
  if (!by || !principal.personal || !sameNameAndParty(principal, by)) return false;
  if (by.role !== undefined && by.role !== principal.role) return false;
  return by.member === principal.member;
}

function describeKey(change: { map: string; key: string }): string {
  return `${change.map}["${change.key}"]`;
}

function checkStance(
  principal: Principal,
  change: Extract<DiscussionChange, { kind: "record" }>,
): Decision {
  const [termId, partyId, extra] = change.key.split(":");
  if (!termId || !partyId || extra !== undefined) {
    return refused(`${describeKey(change)} is not a stance key (termId:partyId)`);
  }
  if (principal.role !== "commenter" && principal.role !== "drafter") {
    return refused(`a ${principal.role} cannot record stances`);
  }
  if (!mayRecordStance({ role: principal.role, party: principal.party }, partyId)) {
    return refused(
      `a ${principal.role} of ${principal.party ?? "no party"} cannot record the stance of ${partyId}`,
    );
  }
  if (change.after === undefined) return ALLOWED;
  if (!stanceRecordSchema.safeParse(change.after).success) {
    return refused(`${describeKey(change)} is not a valid stance record`);
  }
  if (!isWrittenAsSelf(principal, recordOwner(change.after))) {
    return refused(`${describeKey(change)} claims to be by someone else`);
  }
  return ALLOWED;
}

/** An inbox read record: only under one's own member id, and a valid record. */
function checkInboxRead(
  principal: Principal,
  change: Extract<DiscussionChange, { kind: "record" }>,
): Decision {
  if (change.key !== principal.member) {
    return refused(`${describeKey(change)} is another member's read state`);
  }
  if (change.after !== undefined && !inboxReadSchema.safeParse(change.after).success) {
    return refused(`${describeKey(change)} is not a valid read state`);
  }
  return ALLOWED;
}

function checkRecord(
  principal: Principal,
  change: Extract<DiscussionChange, { kind: "record" }>,
): Decision {
  if (change.map === MAP_NAMES.stances) return checkStance(principal, change);
  if (change.map === INBOX_READS_MAP) {
    const decision = checkInboxRead(principal, change);
    if (!decision.allowed) return decision;
  }
  if (change.before !== undefined && !isOwnIdentity(principal, recordOwner(change.before))) {
    return refused(`${describeKey(change)} belongs to another person`);
  }
  if (change.after !== undefined && !isWrittenAsSelf(principal, recordOwner(change.after))) {
    return refused(`${describeKey(change)} must be written as "by" the token's own identity`);
  }
  return ALLOWED;
}

/**
 * The state events an update writes, per thread, must continue its sequence: the new events of a
 * thread carry exactly the next numbers after the highest the document has (one update may hold
 * several, e.g. resolved then reopened offline); an edited event keeps its number.
 */
function checkEventSequence(
  changes: readonly DiscussionChange[],
  context: DiscussionContext,
): Decision {
  const added = new Map<string, number[]>();
  for (const change of changes) {
    if (change.kind !== "record" || change.map !== THREAD_MAPS.events) continue;
    if (change.after === undefined) continue;
    const event = threadEventSchema.safeParse(change.after);
    if (!event.success || change.key !== `${event.data.threadId}:${event.data.eventId}`) {
      return refused(`${describeKey(change)} is not a valid thread event`);
    }
    if (change.before !== undefined) {
      const before = threadEventSchema.safeParse(change.before);
      if (!before.success || before.data.seq !== event.data.seq) {
        return refused(`${describeKey(change)} may not change its sequence number`);
      }
      continue;
    }
    const seqs = added.get(event.data.threadId) ?? [];
    seqs.push(event.data.seq);
    added.set(event.data.threadId, seqs);
  }
  for (const [threadId, seqs] of added) {
    let next = context.highestEventSeq(threadId) + 1;
    for (const seq of seqs.sort((a, b) => a - b)) {
      if (seq !== next) {
        return refused(
          `a state event of thread ${threadId} must have sequence number ${next}, not ${seq}`,
        );
      }
      next += 1;
    }
  }
  return ALLOWED;
}

/** Checks every change of one update; the first refusal refuses the whole update. */
export function checkDiscussionChanges(
  principal: Principal,
  changes: readonly DiscussionChange[],
  context: DiscussionContext,
): Decision {
  if (!principal.personal) return refused(SHARED_INVITE_READ_ONLY);
  if (principal.role === "mediator") return ALLOWED;
  if (principal.role === "observer") return refused("an observer cannot write to the discussion");
  for (const change of changes) {
    if (change.kind === "other") {
      return refused(
        `a ${principal.role} may only write records in the discussion (${change.description})`,
      );
    }
    const decision = checkRecord(principal, change);
    if (!decision.allowed) return decision;
  }
  return checkEventSequence(changes, context);
}
