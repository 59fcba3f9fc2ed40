import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  createThread,
  deleteMessage,
  replyToThread,
  type ThreadWriter,
} from "../comments/commands.js";
import { readThreads } from "../comments/records.js";
import {
  INBOX_READS_MAP,
  type InboxPerson,
  inboxItems,
  markInboxRead,
  nextReadIds,
  readInboxIds,
} from "./inbox.js";

const author = (name: string, party: string, member: string): ThreadWriter => ({
  actor: { name, party, member },
  authorId: `u-${member}`,
});
const amira = author("Amira Haddad", "north", "m-amira");
const boris = author("Boris Lenz", "south", "m-boris");
const chen = author("Chen Wu", "south", "m-chen");
const person = (a: ThreadWriter): InboxPerson => ({
  member: a.actor.member,
  authorId: a.authorId,
  name: a.actor.name,
  party: a.actor.party,
});
const at = (minute: number) => new Date(Date.UTC(2026, 11, 6, 10, minute));

function thread(
  doc: Y.Doc,
  by: ThreadWriter,
  body: string,
  mentions: unknown[],
  minute: number,
): string {
  const result = createThread(doc, { body, quote: "shall", mentions }, { ...by, now: at(minute) });
  if (!result.ok) throw new Error(result.error.message);
  return result.value.threadId;
}

function reply(
  doc: Y.Doc,
  threadId: string,
  by: ThreadWriter,
  body: string,
  minute: number,
): string {
  const result = replyToThread(doc, threadId, { body }, { ...by, now: at(minute) });
  if (!result.ok) throw new Error(result.error.message);
  return result.value.replyId;
}

describe("inboxItems", () => {
  it("lists a person mention (by member or by name) and a mention of the person's party", () => {
    const doc = new Y.Doc();
    const byMember = thread(
      doc,
      amira,
      "@Boris Lenz see this",
      [{ kind: "person", label: "Boris Lenz", authorId: null, member: "m-boris" }],
      1,
    );
    const byName = thread(
      doc,
      amira,
      "@boris lenz again",
      [{ kind: "person", label: "boris lenz", authorId: null }],
      2,
    );
    const byParty = thread(
      doc,
      amira,
      "@South please",
      [{ kind: "party", label: "South", partyId: "south" }],
      3,
    );
    thread(doc, amira, "@North note", [{ kind: "party", label: "North", partyId: "north" }], 4);
    const items = inboxItems(readThreads(doc), person(boris));
    expect(items.map((i) => [i.id, i.kind])).toEqual([
      [byParty, "mention"],
      [byName, "mention"],
      [byMember, "mention"],
    ]);
    expect(items[2]).toMatchObject({
      by: amira.actor,
      body: "@Boris Lenz see this",
      quote: "shall",
    });
  });

  it("a mention with another member id does not reach a namesake", () => {
    const doc = new Y.Doc();
    thread(
      doc,
      amira,
      "@Boris Lenz",
      [{ kind: "person", label: "Boris Lenz", authorId: null, member: "m-other" }],
      1,
    );
    expect(inboxItems(readThreads(doc), person(boris))).toEqual([]);
  });

  it("lists replies in threads the person wrote or replied to, after they took part, never their own", () => {
    const doc = new Y.Doc();
    const mine = thread(doc, boris, "My question", [], 1);
    const answer = reply(doc, mine, amira, "An answer", 2);
    reply(doc, mine, boris, "Thanks", 3);
    const other = thread(doc, amira, "Another topic", [], 4);
    reply(doc, other, chen, "Before Boris joined", 5);
    reply(doc, other, boris, "Joining", 6);
    const after = reply(doc, other, chen, "After Boris joined", 7);
    const deleted = reply(doc, other, amira, "Deleted later", 8);
    deleteMessage(doc, { threadId: other, replyId: deleted }, amira);
    const items = inboxItems(readThreads(doc), person(boris));
    expect(items.map((i) => [i.id, i.kind])).toEqual([
      [`${other}:${after}`, "reply"],
      [`${mine}:${answer}`, "reply"],
    ]);
  });
});

describe("inbox read state", () => {
  it("stores the read ids under the member, kept to the items still in the inbox", () => {
    const doc = new Y.Doc();
    expect(markInboxRead(doc, boris.actor, ["c-1"], ["c-1", "c-2"], at(1))).toBe(true);
    expect(readInboxIds(doc, "m-boris")).toEqual(new Set(["c-1"]));
    expect(markInboxRead(doc, boris.actor, ["c-1"], ["c-1", "c-2"])).toBe(false);
    markInboxRead(doc, boris.actor, ["c-2"], ["c-2", "c-3"]);
    expect(readInboxIds(doc, "m-boris")).toEqual(new Set(["c-2"]));
    expect(doc.getMap(INBOX_READS_MAP).get("m-boris")).toMatchObject({ by: boris.actor });
    expect(readInboxIds(doc, "m-amira")).toEqual(new Set());
  });

  it("writes nothing without a member id, and ignores a record under another member's key", () => {
    const doc = new Y.Doc();
    expect(markInboxRead(doc, { name: "Guest", party: null }, ["c-1"], ["c-1"])).toBe(false);
    expect(doc.getMap(INBOX_READS_MAP).size).toBe(0);
    doc.getMap(INBOX_READS_MAP).set("m-boris", {
      by: amira.actor,
      readIds: ["c-1"],
      at: "2026-12-06T10:00:00.000Z",
    });
    expect(readInboxIds(doc, "m-boris")).toEqual(new Set());
  });

  it("nextReadIds keeps the new ids first and the old ones still current", () => {
    expect(nextReadIds(new Set(["a", "b", "gone"]), ["c"], ["a", "b", "c"])).toEqual([
      "c",
      "a",
      "b",
    ]);
  });
});
