/**
 * Who made a change between two versions. The comparison itself only knows the two states; the
 * server, which records the principal that sent each stored update, answers per change through
 * `who(key)` or a per-term map. Without either, a change carries the author its own record names
 * (the status, stance or resolution record), if any.
 */
import type { Actor } from "../model/actor.js";
import type { RecordKind } from "../sequencing/snapshot.js";

/** What a change is about, for asking who made it. */
export type ChangeKey =
  | { kind: "term"; termId: string }
  | { kind: "status"; termId: string }
  | { kind: "stance"; termId: string; partyId: string }
  | { kind: "bracket"; bracketId: string; termId: string | null }
  | { kind: "option"; bracketId: string; optionId: string; termId: string | null }
  | { kind: "record"; recordKind: RecordKind; id: string };

export interface Authorship {
  /** The people who made the change this key names; undefined or empty when not known. */
  who?: (key: ChangeKey) => readonly Actor[] | undefined;
  /** termId → the people who changed anything in the term (asked after `who`). */
  byTerm?: ReadonlyMap<string, readonly Actor[]>;
}

/** A stable string for a key (map keys, DOM ids). */
export function changeKeyString(key: ChangeKey): string {
  switch (key.kind) {
    case "term":
      return `term:${key.termId}`;
    case "status":
      return `status:${key.termId}`;
    case "stance":
      return `stance:${key.termId}:${key.partyId}`;
    case "bracket":
      return `bracket:${key.bracketId}`;
    case "option":
      return `option:${key.bracketId}:${key.optionId}`;
    case "record":
      return `${key.recordKind}:${key.id}`;
  }
}

function termOf(key: ChangeKey): string | null {
  return key.kind === "record" ? null : key.termId;
}

/** Same person: same member when both say, else same name and party. */
function sameActor(a: Actor, b: Actor): boolean {
  if (a.member !== undefined && b.member !== undefined) return a.member === b.member;
  return a.name === b.name && a.party === b.party;
}

export function uniqueActors(actors: Iterable<Actor>): Actor[] {
  const out: Actor[] = [];
  for (const actor of actors) if (!out.some((o) => sameActor(o, actor))) out.push(actor);
  return out;
}

/**
 * The authors of a change: from `who`, else `recorded` (the author the changed record itself
 * names: a status, stance or resolution), else the term's authors. Undefined when nobody is known,
 * so the field can be left out.
 */
export function authorsOf(
  authorship: Authorship | undefined,
  key: ChangeKey,
  recorded: Actor | null = null,
): Actor[] | undefined {
  const asked = authorship?.who?.(key);
  if (asked && asked.length > 0) return uniqueActors(asked);
  if (recorded) return [recorded];
  const termId = termOf(key);
  const perTerm = termId === null ? undefined : authorship?.byTerm?.get(termId);
  return perTerm && perTerm.length > 0 ? uniqueActors(perTerm) : undefined;
}
