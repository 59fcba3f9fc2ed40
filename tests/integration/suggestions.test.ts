/**
 * Suggestion mode against a real server with real y-websocket clients: a commenter's suggestion is
 * stored and relayed; a refused one (forged author, unmarked deletion) is audited and reaches
 * nobody; drafters accept and reject and every client converges; offline suggesters get distinct
 * ids; "track all changes" makes a drafter's edits suggestions, only a mediator switches it, and a
 * mediator still edits directly. Edits are written on the Yjs text the way y-prosemirror writes
 * marks (format key = mark name, value = its attributes).
 */

import type { CreatedFramework } from "@parley/shared/api";
import { newId } from "@parley/shared/model/ids";
import { settingsMap } from "@parley/shared/model/maps";
import { setTrackAllChanges, trackAllChanges } from "@parley/shared/model/settings";
import type { SuggestionAttrs } from "@parley/shared/schema/suggestion";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { auditEntries, matching } from "../helpers/audit.js";
import { storedDoc } from "../helpers/storedRoom.js";
import {
  appendParagraph,
  connectClient,
  fragmentOf,
  type SyncClient,
  sameContent,
  waitForDocs,
  waitForSynced,
} from "../helpers/syncClient.js";
import { authorizedFetch, startTestServer, type TestServer } from "../helpers/testServer.js";

let server: TestServer;
let framework: CreatedFramework;
const clients: SyncClient[] = [];

interface Person {
  token: string;
  inviteId: string;
  name: string;
  party: string | null;
  member: string;
}

let anna: Person;
let boris: Person;
let dana: Person;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.cleanup();
});
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});

async function person(role: "commenter" | "drafter", party: string, name: string): Promise<Person> {
  const invite = await server.invite(framework.id, framework.token, { role, party, name });
  const response = await authorizedFetch(
    `${server.url}/api/frameworks/${framework.id}`,
    invite.token,
  );
  const { access } = (await response.json()) as {
    access: { inviteId: string; member: string; party: string | null };
  };
  return {
    token: invite.token,
    inviteId: access.inviteId,
    name,
    party: access.party,
    member: access.member,
  };
}

beforeEach(async () => {
  framework = await server.createFramework("Suggestions", "Mediator Mo");
  anna = await person("commenter", "p-a", "Anna");
  boris = await person("commenter", "p-b", "Boris");
  dana = await person("drafter", "p-a", "Dana");
  const mediator = await join(framework.token);
  // Two plain paragraphs instead of the new framework's starting text.
  const text = fragmentOf(mediator.doc);
  text.delete(0, text.length);
  appendParagraph(mediator.doc, "Payment within 60 days.");
  appendParagraph(mediator.doc, "Verification by the agency.");
  const synced = await join(framework.token);
  await waitForDocs(
    [synced.doc],
    () => plain(synced.doc).join("|") === "Payment within 60 days.|Verification by the agency.",
    "the two paragraphs",
  );
});

async function join(token: string, options: { connect?: boolean } = {}): Promise<SyncClient> {
  const c = connectClient(server.syncUrl, framework.id, { token, ...options });
  clients.push(c);
  if (options.connect !== false) await waitForSynced(c.provider);
  return c;
}

function attrs(who: Person, id: string = newId("s")): SuggestionAttrs {
  return {
    id,
    author: who.name,
    party: who.party,
    member: who.member,
    at: new Date().toISOString(),
  };
}

/** The `index`-th paragraph's Y.XmlText. */
function textAt(doc: Y.Doc, index: number): Y.XmlText {
  const paragraph = fragmentOf(doc).get(index);
  const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null;
  if (!(text instanceof Y.XmlText)) throw new Error(`no paragraph ${index}`);
  return text;
}

interface Run {
  insert: string;
  attributes?: Record<string, { id?: string } | undefined>;
}

/** Each paragraph's text. */
function plain(doc: Y.Doc): string[] {
  return fragmentOf(doc)
    .toArray()
    .map((p) => (p instanceof Y.XmlElement ? p.get(0) : null))
    .map((t) =>
      t instanceof Y.XmlText ? (t.toDelta() as Run[]).map((r) => r.insert).join("") : "",
    );
}

/** The suggestion ids of each kind in a paragraph. */
function suggestionIds(
  doc: Y.Doc,
  index: number,
  kind: "suggestInsert" | "suggestDelete",
): string[] {
  const ids = (textAt(doc, index).toDelta() as Run[])
    .map((r) => r.attributes?.[kind]?.id)
    .filter((id): id is string => typeof id === "string");
  return [...new Set(ids)];
}

async function refusals(inviteId: string, detail: string): Promise<number> {
  const entries = await auditEntries(server.url, framework.id, framework.token);
  return matching(entries, { action: "refused", inviteId, detail }).reduce(
    (sum, e) => sum + e.count,
    0,
  );
}

/**
 * A fresh client of `who` writes with `write`; resolves once the refusal is audited and a sentinel
 * the mediator wrote afterwards reached `watcher` (had the refused update been relayed, it would
 * have arrived first).
 */
async function refused(
  who: Person,
  write: (doc: Y.Doc) => void,
  detail: string,
  watcher: SyncClient,
) {
  const before = await refusals(who.inviteId, detail);
  const c = await join(who.token);
  write(c.doc);
  await expect.poll(() => refusals(who.inviteId, detail)).toBeGreaterThan(before);
  const mediator = await join(framework.token);
  const sentinel = `sentinel-${Math.random()}`;
  mediator.doc.getMap("sentinels").set(sentinel, true);
  await waitForDocs([watcher.doc], () => watcher.doc.getMap("sentinels").has(sentinel));
}

describe("suggestions through the server", () => {
  it("a commenter's suggestion is stored and reaches everyone", async () => {
    const watcher = await join(dana.token);
    const commenter = await join(anna.token);
    const s = attrs(anna);
    textAt(commenter.doc, 0).format(15, 2, { suggestDelete: s });
    textAt(commenter.doc, 0).insert(17, "90", { suggestInsert: s });
    await waitForDocs(
      [watcher.doc],
      () => plain(watcher.doc)[0] === "Payment within 6090 days.",
      "the suggestion at the drafter",
    );
    expect(suggestionIds(watcher.doc, 0, "suggestInsert")).toEqual([s.id]);
    expect(suggestionIds(watcher.doc, 0, "suggestDelete")).toEqual([s.id]);
    const stored = await storedDoc(server.dataDir, framework.id);
    expect(suggestionIds(stored, 0, "suggestInsert")).toEqual([s.id]);
  });

  it("a commenter's new paragraph (a block suggestion) arrives and a drafter accepts it", async () => {
    const commenter = await join(anna.token);
    const drafter = await join(dana.token);
    const s = attrs(anna);
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.setAttribute("suggestion", JSON.stringify({ kind: "insert", ...s }));
    const text = new Y.XmlText();
    text.insert(0, "A proposed paragraph.", { suggestInsert: s });
    paragraph.insert(0, [text]);
    fragmentOf(commenter.doc).insert(1, [paragraph]);
    await waitForDocs(
      [drafter.doc],
      () => plain(drafter.doc)[1] === "A proposed paragraph.",
      "the new paragraph",
    );
    const arrived = fragmentOf(drafter.doc).get(1) as Y.XmlElement;
    expect(JSON.parse(String(arrived.getAttribute("suggestion")))).toMatchObject({
      kind: "insert",
      id: s.id,
    });
    // Reloaded from the server on another client: the block suggestion (a node attribute, as
    // y-prosemirror syncs no marks on non-text nodes) and its text's mark are still there.
    const reloaded = await join(dana.token);
    await waitForDocs([reloaded.doc], () => plain(reloaded.doc)[1] === "A proposed paragraph.");
    const again = fragmentOf(reloaded.doc).get(1) as Y.XmlElement;
    expect(JSON.parse(String(again.getAttribute("suggestion")))).toMatchObject({
      kind: "insert",
      id: s.id,
    });
    expect(suggestionIds(reloaded.doc, 1, "suggestInsert")).toEqual([s.id]);
    // Accept: clear the block attribute and the text's mark.
    arrived.removeAttribute("suggestion");
    textAt(drafter.doc, 1).format(0, "A proposed paragraph.".length, { suggestInsert: null });
    await waitForDocs(
      [commenter.doc],
      () =>
        (fragmentOf(commenter.doc).get(1) as Y.XmlElement).getAttribute("suggestion") ===
          undefined && suggestionIds(commenter.doc, 1, "suggestInsert").length === 0,
      "the acceptance",
    );
    expect(plain(commenter.doc)).toEqual([
      "Payment within 60 days.",
      "A proposed paragraph.",
      "Verification by the agency.",
    ]);
  });

  it("a forged author or a deletion of unmarked text is audited and reaches nobody", async () => {
    const watcher = await join(dana.token);
    await refused(
      anna,
      (doc) => textAt(doc, 0).insert(0, "Prompt ", { suggestInsert: attrs(boris) }),
      "its author's own name, party and member id",
      watcher,
    );
    await refused(anna, (doc) => textAt(doc, 1).delete(0, 13), "changes the text itself", watcher);
    expect(plain(watcher.doc)).toEqual(["Payment within 60 days.", "Verification by the agency."]);
    const stored = await storedDoc(server.dataDir, framework.id);
    expect(plain(stored)).toEqual(["Payment within 60 days.", "Verification by the agency."]);
  });

  it("a drafter's accept and reject converge on three clients", async () => {
    const commenter = await join(anna.token);
    const drafter = await join(dana.token);
    const mediator = await join(framework.token);
    const accepted = attrs(anna);
    const rejected = attrs(anna);
    textAt(commenter.doc, 0).insert(8, "promptly ", { suggestInsert: accepted });
    textAt(commenter.doc, 1).insert(13, "independently ", { suggestInsert: rejected });
    const docs = [commenter.doc, drafter.doc, mediator.doc];
    await waitForDocs(
      docs,
      () => sameContent(docs) && plain(drafter.doc)[1]?.includes("independently") === true,
    );
    // Accept: drop the insertion mark. Reject: remove the suggested text.
    textAt(drafter.doc, 0).format(8, 9, { suggestInsert: null });
    textAt(drafter.doc, 1).delete(13, 14);
    const expected = ["Payment promptly within 60 days.", "Verification by the agency."];
    await waitForDocs(
      docs,
      () =>
        docs.every((d) => JSON.stringify(plain(d)) === JSON.stringify(expected)) &&
        sameContent(docs),
    );
    for (const d of docs) expect(suggestionIds(d, 0, "suggestInsert")).toEqual([]);
  });

  it("two offline suggesters get distinct ids and both suggestions arrive", async () => {
    const watcher = await join(framework.token);
    const a = await join(anna.token);
    const b = await join(boris.token);
    a.provider.disconnect();
    b.provider.disconnect();
    textAt(a.doc, 0).insert(0, "Anna's ", { suggestInsert: attrs(anna) });
    textAt(b.doc, 1).insert(0, "Boris's ", { suggestInsert: attrs(boris) });
    a.provider.connect();
    b.provider.connect();
    await waitForDocs(
      [watcher.doc],
      () =>
        plain(watcher.doc)[0]?.startsWith("Anna's") === true &&
        plain(watcher.doc)[1]?.startsWith("Boris's") === true,
    );
    const ids = [
      ...suggestionIds(watcher.doc, 0, "suggestInsert"),
      ...suggestionIds(watcher.doc, 1, "suggestInsert"),
    ];
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
  });

  it("while tracking all changes a drafter's plain edit is refused and a suggestion taken; a mediator edits directly", async () => {
    const watcher = await join(anna.token);
    const mediator = await join(framework.token);
    expect(setTrackAllChanges(mediator.doc, true, { actor: { role: "mediator" } }).ok).toBe(true);
    await waitForDocs([watcher.doc], () => trackAllChanges(watcher.doc));
    await refused(
      dana,
      (doc) => textAt(doc, 0).insert(0, "Plain "),
      "changes the text itself",
      watcher,
    );
    const drafter = await join(dana.token);
    textAt(drafter.doc, 0).insert(0, "Tracked ", { suggestInsert: attrs(dana) });
    await waitForDocs([watcher.doc], () => plain(watcher.doc)[0]?.startsWith("Tracked ") === true);
    textAt(mediator.doc, 1).insert(0, "Direct ");
    await waitForDocs([watcher.doc], () => plain(watcher.doc)[1]?.startsWith("Direct ") === true);
    expect(suggestionIds(watcher.doc, 1, "suggestInsert")).toEqual([]);
  });

  it("only a mediator switches tracking of all changes", async () => {
    const watcher = await join(dana.token);
    const commenter = await join(anna.token);
    expect(setTrackAllChanges(commenter.doc, true, { actor: { role: "commenter" } }).ok).toBe(
      false,
    );
    await refused(
      anna,
      (doc) => settingsMap(doc).set("trackAllChanges", true),
      "nothing but the framework text",
      watcher,
    );
    await refused(
      dana,
      (doc) => settingsMap(doc).set("trackAllChanges", true),
      "only a mediator may change the framework settings",
      watcher,
    );
    expect(trackAllChanges(watcher.doc)).toBe(false);
    const stored = await storedDoc(server.dataDir, framework.id);
    expect(trackAllChanges(stored)).toBe(false);
  });
});
