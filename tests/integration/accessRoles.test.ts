/**
 * Roles enforced by the server: observers and commenters cannot change the framework text, a
 * commenter writes only its own party's stances and its own records in the discussion room,
 * awareness cannot impersonate. Each refusal leaves storage, other clients and (after a
 * reconnect) everything unchanged, and is audited.
 */
import { rmSync } from "node:fs";
import { colourOfMember } from "@parley/shared/access/colours";
import { namedInviteMember } from "@parley/shared/access/members";
import type { AuditEntry, CreatedFramework } from "@parley/shared/api";
import {
  addCommentMark,
  COMMENT_MARK_ORIGIN,
  commentFormatKey,
} from "@parley/shared/comments/commentMark";
import { documentSchema } from "@parley/shared/comments/documentAnchors";
import * as encoding from "lib0/encoding";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { auditEntries, matching, waitForAudited } from "../helpers/audit.js";
import { openRawSocket, type RawSocket } from "../helpers/rawSocket.js";
import { storedDoc } from "../helpers/storedRoom.js";
import {
  appendParagraph,
  connectClient,
  fragmentOf,
  joinSynced,
  type SyncClient,
  textOf,
  waitForAwareness,
  waitForDocs,
  waitForSynced,
} from "../helpers/syncClient.js";
import {
  createFramework,
  createInvite,
  makeDataDir,
  type SpawnedServer,
  spawnServer,
  startTestServer,
  type TestServer,
} from "../helpers/testServer.js";

let server: TestServer;
let framework: CreatedFramework;
const clients: SyncClient[] = [];

function join(room: string, token: string): Promise<SyncClient> {
  return joinSynced(server.syncUrl, room, token, clients);
}

async function inviteToken(
  role: "observer" | "commenter" | "drafter",
  party?: string,
  name?: string,
) {
  const created = await server.invite(framework.id, framework.token, {
    role,
    ...(party ? { party } : {}),
    ...(name ? { name } : {}),
  });
  return created;
}

/** Resolves once the audit log holds an entry matching `filter`. */
function audited(filter: Parameters<typeof matching>[1]): Promise<AuditEntry[]> {
  return waitForAudited(server.url, framework, filter);
}

function stance(by: { name: string; party: string | null; member?: string }) {
  return { stance: "accepts", condition: null, by, at: "2026-11-26T12:00:00.000Z" };
}

beforeEach(async () => {
  server = await startTestServer();
  framework = await server.createFramework("Roles", "Mediator Mo");
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server.cleanup();
});

describe("roles on the framework text", () => {
  it("observer edits never reach storage or other clients, also after a reconnect", async () => {
    const observerInvite = await inviteToken("observer", undefined, "Olu");
    const mediator = await join(framework.id, framework.token);
    const observer = await join(framework.id, observerInvite.token);
    const before = textOf(mediator.doc);

    appendParagraph(observer.doc, "OBSERVER-EDIT");
    const refused = await audited({
      action: "refused",
      inviteId: observerInvite.id,
      room: framework.id,
    });
    expect(refused[0]).toMatchObject({ role: "observer", user: "Olu" });
    expect(refused[0]?.detail).toContain("observer cannot change the framework text");
    expect(refused[0]?.bytes).toBeGreaterThan(0);

    // The mediator's next edit reaches the observer, the observer's never reached the mediator.
    appendParagraph(mediator.doc, "MEDIATOR-MARK");
    await waitForDocs([observer.doc], () => textOf(observer.doc).includes("MEDIATOR-MARK"));
    expect(textOf(mediator.doc)).not.toContain("OBSERVER-EDIT");
    expect(textOf(await storedDoc(server.dataDir, framework.id))).not.toContain("OBSERVER-EDIT");

    // Reconnecting resends the edit (sync step 2): still dropped.
    observer.provider.disconnect();
    observer.provider.connect();
    await waitForSynced(observer.provider);
    appendParagraph(mediator.doc, "SECOND-MARK");
    await waitForDocs([observer.doc], () => textOf(observer.doc).includes("SECOND-MARK"));
    await expect
      .poll(async () =>
        matching(await auditEntries(server.url, framework.id, framework.token), {
          action: "refused",
          inviteId: observerInvite.id,
        }).reduce((sum, entry) => sum + entry.count, 0),
      )
      .toBeGreaterThanOrEqual(2);
    const fresh = await join(framework.id, framework.token);
    expect(textOf(fresh.doc)).not.toContain("OBSERVER-EDIT");
    expect(textOf(fresh.doc)).toBe(textOf(mediator.doc));
    expect(textOf(fresh.doc).startsWith(before)).toBe(true);
    expect(textOf(await storedDoc(server.dataDir, framework.id))).not.toContain("OBSERVER-EDIT");
    // A plain reconnect with nothing new is not reported as a refusal of the mediator.
    expect(
      matching(await auditEntries(server.url, framework.id, framework.token), {
        action: "refused",
        role: "mediator",
      }),
    ).toEqual([]);
  });

  it("a commenter cannot change the text; a drafter can; both are audited", async () => {
    const commenterInvite = await inviteToken("commenter", "p-north", "Amal");
    const drafterInvite = await inviteToken("drafter", undefined, "Dana");
    const mediator = await join(framework.id, framework.token);
    const commenter = await join(framework.id, commenterInvite.token);
    const drafter = await join(framework.id, drafterInvite.token);

    appendParagraph(commenter.doc, "COMMENTER-EDIT");
    await audited({ action: "refused", inviteId: commenterInvite.id });
    appendParagraph(drafter.doc, "DRAFTER-EDIT");
    await waitForDocs([mediator.doc], () => textOf(mediator.doc).includes("DRAFTER-EDIT"));
    expect(textOf(mediator.doc)).not.toContain("COMMENTER-EDIT");
    expect(textOf(await storedDoc(server.dataDir, framework.id))).not.toContain("COMMENTER-EDIT");
    const updated = await audited({ action: "updated", inviteId: drafterInvite.id });
    expect(updated[0]).toMatchObject({ user: "Dana", role: "drafter", room: framework.id });
    expect(updated[0]?.bytes).toBeGreaterThan(0);
  });
});

describe("comment anchors in the text", () => {
  it("a commenter may anchor a comment thread on the text, but not format or type", async () => {
    const amal = await inviteToken("commenter", "p-north", "Amal");
    const mediator = await join(framework.id, framework.token);
    const commenter = await join(framework.id, amal.token);
    const heading = (doc: Y.Doc) => (fragmentOf(doc).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const key = commentFormatKey("c-thread1");
    heading(commenter.doc).format(0, 5, { [key]: { threadId: "c-thread1" } });
    await waitForDocs([mediator.doc], () =>
      JSON.stringify(heading(mediator.doc).toDelta()).includes(key),
    );
    await audited({ action: "updated", inviteId: amal.id, room: framework.id });

    const other = await join(framework.id, amal.token);
    heading(other.doc).format(0, 5, { bold: true });
    await audited({
      action: "refused",
      inviteId: amal.id,
      detail: "formatting can't be suggested",
    });
    const fresh = await join(framework.id, framework.token);
    expect(JSON.stringify(heading(fresh.doc).toDelta())).toContain(key);
    expect(JSON.stringify(heading(fresh.doc).toDelta())).not.toContain("bold");
  });
});

describe("formatting clean-up by a commenter's client", () => {
  const heading = (doc: Y.Doc) => (fragmentOf(doc).get(0) as Y.XmlElement).get(0) as Y.XmlText;

  /**
   * Sends what `doc` wrote since `before` through a bare socket that reads nothing back, so no
   * client of this drafter runs Yjs's formatting clean-up: the server relays the concurrent format
   * alone and every watching client makes the clean-up itself. (A provider would also send its
   * own clean-up right after; the server may then relay both in one update, which leaves the
   * watching clients nothing to clean up.) Close the socket once the server has the update.
   */
  async function sendOffline(
    syncUrl: string,
    room: string,
    token: string,
    doc: Y.Doc,
    before: Uint8Array,
  ): Promise<RawSocket> {
    const raw = await openRawSocket(syncUrl, room, token);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(doc, before));
    raw.ws.send(encoding.toUint8Array(encoder));
    return raw;
  }

  /** The updates a client sends for Yjs's own clean-ups (local transactions it did not write). */
  function cleanupsOf(doc: Y.Doc): Uint8Array[] {
    const cleanups: Uint8Array[] = [];
    doc.on("update", (update: Uint8Array, origin: unknown, _doc, tr: Y.Transaction) => {
      if (tr.local && origin !== COMMENT_MARK_ORIGIN) cleanups.push(update);
    });
    return cleanups;
  }

  it("a commenter whose client cleaned up drafters' formatting still anchors comments", async () => {
    const amal = await inviteToken("commenter", "p-north", "Amal");
    const dana = await inviteToken("drafter", undefined, "Dana");
    const mediator = await join(framework.id, framework.token);
    const commenter = await join(framework.id, amal.token);
    const first = await join(framework.id, dana.token);
    const second = await join(framework.id, dana.token);
    const bolds = (doc: Y.Doc) => JSON.stringify(heading(doc).toDelta()).includes('"bold":true');
    const cleanups = cleanupsOf(commenter.doc);

    // Two drafters bold the same words concurrently (one offline), while the commenter watches.
    // Live, the server made the same clean-up itself, so the commenter's changes nothing there;
    // the next test is the case where it does.
    second.provider.disconnect();
    const before = Y.encodeStateVector(second.doc);
    heading(first.doc).format(0, 5, { bold: true });
    heading(second.doc).format(0, 5, { bold: true });
    await waitForDocs([commenter.doc], () => bolds(commenter.doc));
    const raw = await sendOffline(server.syncUrl, framework.id, dana.token, second.doc, before);
    await waitForDocs(
      [mediator.doc],
      () => Y.getState(mediator.doc.store, second.doc.clientID) > 0,
    );
    raw.ws.close();
    await expect.poll(() => cleanups.length).toBeGreaterThan(0);
    expect(cleanups.every((update) => Y.decodeUpdate(update).structs.length === 0)).toBe(true);

    const marked = addCommentMark(
      fragmentOf(commenter.doc),
      documentSchema(),
      { from: 1, to: 6 },
      "c-thread1",
    );
    expect(marked.ok).toBe(true);
    const key = commentFormatKey("c-thread1");
    await waitForDocs([mediator.doc], () =>
      JSON.stringify(heading(mediator.doc).toDelta()).includes(key),
    );
    expect(heading(mediator.doc).toDelta()[0]).toMatchObject({
      attributes: { bold: true, [key]: { threadId: "c-thread1" } },
    });
    const fresh = await join(framework.id, framework.token);
    expect(heading(fresh.doc).toDelta()).toEqual(heading(mediator.doc).toDelta());
    expect(
      matching(await auditEntries(server.url, framework.id, framework.token), {
        action: "refused",
        inviteId: amal.id,
      }),
    ).toEqual([]);
  });

  it("after a crash, a commenter's offline anchor arrives despite its client's clean-ups", async () => {
    // The server's own formatting clean-ups are not logged: a room reloaded from its log (after
    // a crash, before any compaction) holds format items the clients already deleted. Reconnecting
    // sends those deletions with everything else (sync step 2), here with an offline anchor.
    const dataDir = makeDataDir();
    const spawned: SpawnedServer[] = [];
    try {
      const first = await spawnServer({ DATA_DIR: dataDir });
      spawned.push(first);
      const created = await createFramework(first.url, "Crash", "Mediator Mo");
      const amal = await createInvite(first.url, created.id, created.token, {
        role: "commenter",
        party: "p-north",
        name: "Amal",
      });
      const dana = await createInvite(first.url, created.id, created.token, {
        role: "drafter",
        name: "Dana",
      });
      const connect = async (url: string, token: string) => {
        const c = connectClient(url, created.id, { token });
        clients.push(c);
        await waitForSynced(c.provider);
        return c;
      };
      const mediator = await connect(first.syncUrl, created.token);
      const commenter = await connect(first.syncUrl, amal.token);
      const drafters = [
        await connect(first.syncUrl, dana.token),
        await connect(first.syncUrl, dana.token),
      ];
      const cleanups = cleanupsOf(commenter.doc);
      const [one, two] = drafters as [SyncClient, SyncClient];
      two.provider.disconnect();
      const before = Y.encodeStateVector(two.doc);
      heading(one.doc).format(0, 5, { bold: true });
      heading(two.doc).format(0, 5, { bold: true });
      await waitForDocs([commenter.doc], () =>
        JSON.stringify(heading(commenter.doc).toDelta()).includes('"bold":true'),
      );
      const raw = await sendOffline(first.syncUrl, created.id, dana.token, two.doc, before);
      await waitForDocs([mediator.doc], () => Y.getState(mediator.doc.store, two.doc.clientID) > 0);
      raw.ws.close();
      await expect.poll(() => cleanups.length).toBeGreaterThan(0);

      first.child.kill("SIGKILL");
      await first.exited;
      // Only the commenter comes back (the others would resend the same deletions themselves).
      for (const c of [mediator, one, two]) {
        clients.splice(clients.indexOf(c), 1);
        c.destroy();
      }
      const marked = addCommentMark(
        fragmentOf(commenter.doc),
        documentSchema(),
        { from: 1, to: 6 },
        "c-thread1",
      );
      expect(marked.ok).toBe(true);

      const restarted = await spawnServer({ DATA_DIR: dataDir, PORT: first.port });
      spawned.push(restarted);
      const key = commentFormatKey("c-thread1");
      const fresh = await connect(restarted.syncUrl, created.token);
      await waitForDocs(
        [fresh.doc],
        () => JSON.stringify(heading(fresh.doc).toDelta()).includes(key),
        "the commenter's offline anchor after the restart",
      );
      expect(heading(fresh.doc).toDelta()[0]).toMatchObject({
        attributes: { bold: true, [key]: { threadId: "c-thread1" } },
      });
      expect(
        matching(await auditEntries(restarted.url, created.id, created.token), {
          action: "refused",
          inviteId: amal.id,
        }),
      ).toEqual([]);
    } finally {
      for (const s of spawned) {
        if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill("SIGKILL");
        await s.exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe("roles in the discussion room", () => {
  /**
   * Once an update of a client is refused, the server lacks that client's clock range, so every
   * later update of the same Y.Doc is refused too (it depends on the dropped one). Each refused
   * attempt therefore comes from a fresh client, as a reloaded page would be.
   */
  async function attempt(
    room: string,
    token: string,
    inviteId: string,
    write: (doc: Y.Doc) => void,
    detail: string,
  ): Promise<void> {
    const filter = { action: "refused", inviteId, room, detail } as const;
    const countOf = async () =>
      matching(await auditEntries(server.url, framework.id, framework.token), filter).reduce(
        (sum, entry) => sum + entry.count,
        0,
      );
    const before = await countOf();
    const c = await join(room, token);
    write(c.doc);
    await expect.poll(countOf).toBeGreaterThan(before);
  }

  const stances = (doc: Y.Doc) => doc.getMap("stances");

  it("a commenter records its own party's stance, not another party's, and not as someone else", async () => {
    const north = await inviteToken("commenter", "p-north", "Amal");
    const room = `${framework.id}/discussion`;
    const mediator = await join(room, framework.token);
    const asAmal = { name: "Amal", party: "p-north", member: namedInviteMember(north.id) };

    await attempt(
      room,
      north.token,
      north.id,
      (doc) => stances(doc).set("t-1:p-south", stance(asAmal)),
      "cannot record the stance of p-south",
    );
    await attempt(
      room,
      north.token,
      north.id,
      (doc) => stances(doc).set("t-2:p-north", stance({ ...asAmal, name: "Bola" })),
      "by someone else",
    );
    await attempt(
      room,
      north.token,
      north.id,
      (doc) =>
        stances(doc).set("t-2:p-north", {
          stance: "maybe",
          by: asAmal,
        }),
      "not a valid stance record",
    );

    const commenter = await join(room, north.token);
    stances(commenter.doc).set("t-3:p-north", stance(asAmal));
    await waitForDocs([mediator.doc], () => stances(mediator.doc).has("t-3:p-north"));
    expect([...stances(mediator.doc).keys()]).toEqual(["t-3:p-north"]);
    const stored = stances(await storedDoc(server.dataDir, room));
    expect([...stored.keys()]).toEqual(["t-3:p-north"]);
    const updated = await audited({ action: "updated", inviteId: north.id, room });
    expect(updated[0]).toMatchObject({ user: "Amal", party: "p-north", role: "commenter" });

    // The mediator records any party's stance; the commenter may not remove it.
    stances(mediator.doc).set(
      "t-4:p-south",
      stance({ name: "Mediator Mo", party: null, member: framework.access.member }),
    );
    await waitForDocs([commenter.doc], () => stances(commenter.doc).has("t-4:p-south"));
    await attempt(
      room,
      north.token,
      north.id,
      (doc) => stances(doc).delete("t-4:p-south"),
      "cannot record the stance of p-south",
    );
    const fresh = await join(room, framework.token);
    expect([...stances(fresh.doc).keys()].sort()).toEqual(["t-3:p-north", "t-4:p-south"]);
  });

  it("a commenter cannot edit or delete another identity's record, only its own", async () => {
    const amal = await inviteToken("commenter", "p-north", "Amal");
    const bola = await inviteToken("commenter", "p-south", "Bola");
    const room = `${framework.id}/discussion`;
    const a = await join(room, amal.token);
    const comments = (doc: Y.Doc) => doc.getMap("comments");
    const asAmal = { name: "Amal", party: "p-north", member: namedInviteMember(amal.id) };
    const asBola = { name: "Bola", party: "p-south", member: namedInviteMember(bola.id) };

    comments(a.doc).set("c-1", { by: asAmal, text: "original" });
    const b = await join(room, bola.token);
    await waitForDocs([b.doc], () => comments(b.doc).has("c-1"));
    comments(b.doc).set("c-4", { by: asBola, text: "mine" });
    await waitForDocs([a.doc], () => comments(a.doc).has("c-4"));

    const forgeries: Array<[(doc: Y.Doc) => void, string]> = [
      [
        (doc) => comments(doc).set("c-1", { by: asAmal, text: "forged" }),
        "belongs to another person",
      ],
      [(doc) => comments(doc).delete("c-1"), "belongs to another person"],
      [(doc) => comments(doc).set("c-2", { by: asAmal, text: "x" }), "token's own identity"],
      [(doc) => comments(doc).set("c-3", { text: "anonymous" }), "token's own identity"],
      [(doc) => doc.getText("free-text").insert(0, "not a record"), "may only write records"],
    ];
    for (const [write, detail] of forgeries) {
      await attempt(room, bola.token, bola.id, write, detail);
    }

    const fresh = await join(room, framework.token);
    expect(comments(fresh.doc).get("c-1")).toMatchObject({ text: "original" });
    expect([...comments(fresh.doc).keys()].sort()).toEqual(["c-1", "c-4"]);
    expect(fresh.doc.getText("free-text").toString()).toBe("");
    const stored = await storedDoc(server.dataDir, room);
    expect([...comments(stored).keys()].sort()).toEqual(["c-1", "c-4"]);
  });

  it("an observer's discussion writes are dropped", async () => {
    const observer = await inviteToken("observer", "p-north");
    const room = `${framework.id}/discussion`;
    const mediator = await join(room, framework.token);
    const o = await join(room, observer.token);
    o.doc.getMap("stances").set("t-1:p-north", stance({ name: "X", party: "p-north" }));
    await audited({ action: "refused", inviteId: observer.id, room });
    mediator.doc.getMap("comments").set("m", { by: { name: "Mediator Mo", party: null } });
    await waitForDocs([o.doc], () => o.doc.getMap("comments").has("m"));
    expect(mediator.doc.getMap("stances").size).toBe(0);
  });
});

describe("awareness", () => {
  it("an awareness state that claims another identity is corrected before relay", async () => {
    const amal = await inviteToken("commenter", "p-north", "Amal");
    const mediator = await join(framework.id, framework.token);
    const commenter = await join(framework.id, amal.token);
    commenter.provider.awareness.setLocalStateField("user", {
      name: "Mediator Mo",
      party: "p-south",
      role: "mediator",
      color: "#112233",
    });
    const id = commenter.doc.clientID;
    await waitForAwareness(mediator.provider.awareness, (states) => states.has(id));
    expect(mediator.provider.awareness.getStates().get(id)?.user).toEqual({
      name: "Amal",
      party: "p-north",
      role: "commenter",
      // Not the claimed colour: the member's own (the same on every screen).
      color: colourOfMember(namedInviteMember(amal.id)),
    });
    await audited({ action: "refused", inviteId: amal.id, detail: "awareness claimed" });
  });
});
