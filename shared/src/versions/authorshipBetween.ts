/**
 * Who made the changes between two versions, from the Yjs items themselves: every item carries the
 * client id that created it, and the server binds each client id to the principal that first wrote
 * under it (and keeps that principal's name, party and role). An item of the later state that the
 * earlier state did not have (its clock is past the earlier state vector) was written in between,
 * by the principal its client id is bound to.
 *
 * Attributed: inserted text and nodes inside a term, bracket or option (and attributes set on
 * them: a category, an option's supporters); a term's status record, a party's stance record, a
 * bracket's resolution record and sequencing records, when set in between. Not attributed here:
 * deletions (a Yjs deletion carries no client id; a term whose only change is removed text names
 * nobody, unless `deletions` says who deleted what), and client ids without a binding (updates
 * written by trusted tools).
 *
 * Pure: reads the two states, never a live document.
 */
import * as Y from "yjs";
import type { Actor } from "../model/actor.js";
import { ID_PATTERN } from "../model/ids.js";
import { MAP_NAMES } from "../model/maps.js";
import { DOCUMENT_FIELD } from "../protocol.js";
import { ATTR, NODE } from "../schema/nodeNames.js";
import { SEQUENCING_MAP_NAMES } from "../sequencing/snapshot.js";
import { type Authorship, type ChangeKey, changeKeyString, uniqueActors } from "./authorship.js";

/** The framework room's and the discussion room's state (`Y.encodeStateAsUpdate`). */
export interface VersionRoomStates {
  framework: Uint8Array;
  discussion: Uint8Array;
}

/** A principal as the server recorded it. */
export interface RecordedMember {
  name: string | null;
  party: string | null;
  role?: Actor["role"];
}

export interface AuthorIndex {
  /** Client id → principal key, per room (the server's client id bindings). */
  framework: ReadonlyMap<number, string>;
  discussion: ReadonlyMap<number, string>;
  /** Principal key → who it is. */
  members: ReadonlyMap<string, RecordedMember>;
}

/** The name shown for a principal that gave none (a creator without a name). */
const UNNAMED = "Unnamed participant";

export function actorOfMember(key: string, member: RecordedMember | undefined): Actor {
  const party = member?.party && ID_PATTERN.test(member.party) ? member.party : null;
  const name = member?.name?.trim() ? member.name.trim().slice(0, 120) : UNNAMED;
  const actor: Actor = { name, party };
  if (/^[A-Za-z0-9_-]{1,80}$/.test(key)) actor.member = key;
  if (member?.role) actor.role = member.role;
  return actor;
}

type StateVector = Map<number, number>;

function stateVectorOf(update: Uint8Array): StateVector {
  return Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update));
}

/** Client ids of items under `type` (itself, its attributes, its content, recursively) written after `since`. */
/** What `newWriters` reads of a Yjs type. */
interface ItemTree {
  _item: Y.Item | null;
  _map: Map<string, Y.Item>;
  _start: Y.Item | null;
}

function newWriters(type: ItemTree, since: StateVector, out: Set<number>): void {
  const isNew = (item: Y.Item) => item.id.clock >= (since.get(item.id.client) ?? 0);
  const own = type._item;
  if (own && isNew(own)) out.add(own.id.client);
  for (const item of type._map.values()) {
    if (!item.deleted && isNew(item)) out.add(item.id.client);
  }
  for (let item = type._start; item !== null; item = item.right) {
    if (item.deleted) continue;
    if (isNew(item)) out.add(item.id.client);
    if (item.content instanceof Y.ContentType) newWriters(item.content.type, since, out);
  }
}

/** Every element of the text with the id attribute `attr` (terms, brackets, options), by id. */
function elementsById(
  fragment: Y.XmlFragment,
  node: string,
  attr: string,
): Map<string, Y.XmlElement> {
  const out = new Map<string, Y.XmlElement>();
  const walk = (parent: Y.XmlFragment | Y.XmlElement) => {
    for (const child of parent.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      const id = child.getAttribute(attr);
      if (child.nodeName === node && typeof id === "string" && !out.has(id)) out.set(id, child);
      walk(child);
    }
  };
  walk(fragment);
  return out;
}

/** The client id that set `key` of a top-level map after `since`, if it is still set. */
function setterOf(doc: Y.Doc, map: string, key: string, since: StateVector): number | null {
  const item = doc.getMap(map)._map.get(key);
  if (!item || item.deleted) return null;
  return item.id.clock >= (since.get(item.id.client) ?? 0) ? item.id.client : null;
}

/**
 * The authorship of the changes from `from` to `to` (see the file comment). `deletions`, when
 * given, names who deleted within a key's scope (the server's update log, where it still has it).
 */
export function authorshipBetween(
  from: VersionRoomStates,
  to: VersionRoomStates,
  authors: AuthorIndex,
  deletions?: (key: ChangeKey) => readonly Actor[] | undefined,
): Authorship {
  const sinceFramework = stateVectorOf(from.framework);
  const sinceDiscussion = stateVectorOf(from.discussion);
  const framework = new Y.Doc({ gc: true });
  const discussion = new Y.Doc({ gc: true });
  Y.applyUpdate(framework, to.framework);
  Y.applyUpdate(discussion, to.discussion);
  const actorsOf = (clients: Iterable<number>, room: ReadonlyMap<number, string>): Actor[] => {
    const actors: Actor[] = [];
    for (const client of clients) {
      const key = room.get(client);
      if (key !== undefined) actors.push(actorOfMember(key, authors.members.get(key)));
    }
    return uniqueActors(actors);
  };
  const text = framework.getXmlFragment(DOCUMENT_FIELD);
  const terms = elementsById(text, NODE.term, ATTR.termId);
  const brackets = elementsById(text, NODE.bracket, ATTR.bracketId);
  const options = elementsById(text, NODE.bracketOption, ATTR.optionId);
  const byTerm = new Map<string, Actor[]>();
  for (const [termId, element] of terms) {
    const writers = new Set<number>();
    newWriters(element, sinceFramework, writers);
    const actors = uniqueActors([
      ...actorsOf(writers, authors.framework),
      ...(deletions?.({ kind: "term", termId }) ?? []),
    ]);
    if (actors.length > 0) byTerm.set(termId, actors);
  }
  const answers = new Map<string, Actor[]>();
  const subtree = (element: Y.XmlElement | undefined): Actor[] => {
    if (!element) return [];
    const writers = new Set<number>();
    newWriters(element, sinceFramework, writers);
    return actorsOf(writers, authors.framework);
  };
  const mapSetter = (
    doc: Y.Doc,
    map: string,
    key: string,
    since: StateVector,
    room: ReadonlyMap<number, string>,
  ) => {
    const client = setterOf(doc, map, key, since);
    return client === null ? [] : actorsOf([client], room);
  };
  const who = (key: ChangeKey): Actor[] => {
    switch (key.kind) {
      case "term":
        return byTerm.get(key.termId) ?? [];
      case "status":
        return mapSetter(
          framework,
          MAP_NAMES.termStatus,
          key.termId,
          sinceFramework,
          authors.framework,
        );
      case "stance":
        return mapSetter(
          discussion,
          MAP_NAMES.stances,
          `${key.termId}:${key.partyId}`,
          sinceDiscussion,
          authors.discussion,
        );
      case "bracket":
        return uniqueActors([
          ...subtree(brackets.get(key.bracketId)),
          ...mapSetter(
            framework,
            MAP_NAMES.bracketResolutions,
            key.bracketId,
            sinceFramework,
            authors.framework,
          ),
        ]);
      case "option":
        return subtree(options.get(key.optionId));
      case "record":
        return mapSetter(
          framework,
          SEQUENCING_MAP_NAMES[key.recordKind],
          key.id,
          sinceFramework,
          authors.framework,
        );
    }
  };
  return {
    who: (key) => {
      const id = changeKeyString(key);
      let actors = answers.get(id);
      if (!actors) {
        actors = uniqueActors([
          ...who(key),
          ...(key.kind === "term" ? [] : (deletions?.(key) ?? [])),
        ]);
        answers.set(id, actors);
      }
      return actors.length > 0 ? actors : undefined;
    },
    byTerm,
  };
}
