/**
 * Who made the changes between two versions, from the Yjs items themselves: every item carries the
 * client id that created it, and the server binds each client id to the principal that first wrote
 * under it (and keeps that principal's name, party and role). An item of the later state that the
 * earlier state did not have (its clock is past the earlier state vector) was written in between,
 * by the principal its client id is bound to.
 *
 * Attributed: inserted text and nodes inside a term, bracket or option (and attributes set on
 * them: a category, an option's supporters); a term's status record, a party's stance record, a
 * bracket's resolution record and sequencing records, when set in between. Deletions carry no
 * client id: they are attributed from the server's deletion records (`deletions.ts`), when the
 * index has them: removed text of a term, a removed term, option or bracket, a removed stance,
 * status or sequencing record names who removed it. Client ids without a binding and deletions
 * without a record (updates written by trusted tools) name nobody.
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
import {
  DeleterIndex,
  type DeleteSet,
  type DeletionRecord,
  deleterOfEntry,
  deletersWithin,
  deleteSetOf,
} from "./deletions.js";

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
  /** The server's deletion records per room, in stored order (who deleted what first). */
  deletions?: {
    framework: readonly DeletionRecord[];
    discussion: readonly DeletionRecord[];
  };
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
 * Who deleted, between the two states, what stood in a key's scope of the earlier one: from the
 * deletion records. Undefined without records.
 */
function deletionsBetween(
  from: VersionRoomStates,
  framework: Y.Doc,
  discussion: Y.Doc,
  authors: AuthorIndex,
): { who: (key: ChangeKey) => string[]; earlierTerms: Iterable<string> } | undefined {
  const records = authors.deletions;
  if (!records || (records.framework.length === 0 && records.discussion.length === 0)) {
    return undefined;
  }
  const frameworkIndex = new DeleterIndex(records.framework);
  const discussionIndex = new DeleterIndex(records.discussion);
  const before = new Y.Doc({ gc: true });
  const beforeDiscussion = new Y.Doc({ gc: true });
  Y.applyUpdate(before, from.framework);
  Y.applyUpdate(beforeDiscussion, from.discussion);
  const laterFramework: DeleteSet = deleteSetOf(framework);
  const laterDiscussion: DeleteSet = deleteSetOf(discussion);
  const text = before.getXmlFragment(DOCUMENT_FIELD);
  const terms = elementsById(text, NODE.term, ATTR.termId);
  const brackets = elementsById(text, NODE.bracket, ATTR.bracketId);
  const options = elementsById(text, NODE.bracketOption, ATTR.optionId);
  const within = (element: Y.XmlElement | undefined) =>
    element ? [...deletersWithin(element, laterFramework, frameworkIndex)] : [];
  const entry = (doc: Y.Doc, map: string, key: string, later: DeleteSet, index: DeleterIndex) => [
    ...deleterOfEntry(doc.getMap(map), key, later, index),
  ];
  const who = (key: ChangeKey): string[] => {
    switch (key.kind) {
      case "term":
        return within(terms.get(key.termId));
      case "status":
        return entry(before, MAP_NAMES.termStatus, key.termId, laterFramework, frameworkIndex);
      case "stance":
        return entry(
          beforeDiscussion,
          MAP_NAMES.stances,
          `${key.termId}:${key.partyId}`,
          laterDiscussion,
          discussionIndex,
        );
      case "bracket":
        return [
          ...within(brackets.get(key.bracketId)),
          ...entry(
            before,
            MAP_NAMES.bracketResolutions,
            key.bracketId,
            laterFramework,
            frameworkIndex,
          ),
        ];
      case "option":
        return within(options.get(key.optionId));
      case "record":
        return entry(
          before,
          SEQUENCING_MAP_NAMES[key.recordKind],
          key.id,
          laterFramework,
          frameworkIndex,
        );
    }
  };
  return { who, earlierTerms: terms.keys() };
}

/** The authorship of the changes from `from` to `to` (see the file comment). */
export function authorshipBetween(
  from: VersionRoomStates,
  to: VersionRoomStates,
  authors: AuthorIndex,
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
  const deleters = deletionsBetween(from, framework, discussion, authors);
  const deletions = (key: ChangeKey): Actor[] =>
    (deleters?.who(key) ?? []).map((member) => actorOfMember(member, authors.members.get(member)));
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
      ...deletions({ kind: "term", termId }),
    ]);
    if (actors.length > 0) byTerm.set(termId, actors);
  }
  // A term of the earlier state that is gone: who removed it (or text in it).
  if (deleters) {
    for (const termId of deleters.earlierTerms) {
      if (terms.has(termId)) continue;
      const actors = deletions({ kind: "term", termId });
      if (actors.length > 0) byTerm.set(termId, actors);
    }
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
        actors = uniqueActors([...who(key), ...(key.kind === "term" ? [] : deletions(key))]);
        answers.set(id, actors);
      }
      return actors.length > 0 ? actors : undefined;
    },
    byTerm,
  };
}
