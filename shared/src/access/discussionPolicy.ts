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
 *   identity (the token's party, and the token's name when the invite fixes one);
 * - a stance (`stances` map, key `${termId}:${partyId}`) may be written or removed by a commenter
 *   only for their own party, by a drafter for any party (`mayRecordStance`); it must be a valid
 *   stance record;
 * - any other record (comments, replies — issue 7 — or whatever else lives there) may only be
 *   changed or deleted by the identity that wrote it.
 */
import { actorSchema } from "../model/actor.js";
import { MAP_NAMES } from "../model/maps.js";
import { mayRecordStance, stanceRecordSchema } from "../model/stance.js";
import { ALLOWED, type Decision, type Principal, refused } from "./roles.js";

export type DiscussionChange =
  /** A top-level map entry set (after = new value) or deleted (after = undefined). */
  | { kind: "record"; map: string; key: string; before: unknown; after: unknown }
  /** Anything else: text, arrays, nested shared types, non-map roots. */
  | { kind: "other"; description: string };

/** The identity a record claims (`by`), or null if it has none. */
export function recordOwner(record: unknown): { name: string; party: string | null } | null {
  if (typeof record !== "object" || record === null || !("by" in record)) return null;
  const parsed = actorSchema.safeParse(record.by);
  return parsed.success ? parsed.data : null;
}

/** Whether `by` names the principal: same party, and same name when the token fixes one. */
export function isOwnIdentity(
  principal: Principal,
  by: { name: string; party: string | null } | null,
): boolean {
  if (!by) return false;
  if (by.party !== principal.party) return false;
  return principal.name === null || by.name === principal.name;
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
  if (!isOwnIdentity(principal, recordOwner(change.after))) {
    return refused(`${describeKey(change)} claims to be by someone else`);
  }
  return ALLOWED;
}

function checkRecord(
  principal: Principal,
  change: Extract<DiscussionChange, { kind: "record" }>,
): Decision {
  if (change.map === MAP_NAMES.stances) return checkStance(principal, change);
  if (change.before !== undefined && !isOwnIdentity(principal, recordOwner(change.before))) {
    return refused(`${describeKey(change)} belongs to another person`);
  }
  if (change.after !== undefined && !isOwnIdentity(principal, recordOwner(change.after))) {
    return refused(`${describeKey(change)} must be written as "by" the token's own identity`);
  }
  return ALLOWED;
}

/** Checks every change of one update; the first refusal refuses the whole update. */
export function checkDiscussionChanges(
  principal: Principal,
  changes: readonly DiscussionChange[],
): Decision {
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
  return ALLOWED;
}
