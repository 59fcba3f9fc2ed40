/**
 * The inbox read state (`inboxReads` in the discussion room) against a real server: a member
 * stores their own read record, which reaches their other devices; nobody writes under another
 * member's key, not even first. A refused write is audited, not relayed and not stored.
 */
import type { Principal } from "@parley/shared/access/roles";
import type { CreatedFramework } from "@parley/shared/api";
import { INBOX_READS_MAP, markInboxRead, readInboxIds } from "@parley/shared/model/inbox";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { auditEntries, matching } from "../helpers/audit.js";
import { storedDoc } from "../helpers/storedRoom.js";
import {
  connectClient,
  type SyncClient,
  waitForDocs,
  waitForSynced,
} from "../helpers/syncClient.js";
import { authorizedFetch, startTestServer, type TestServer } from "../helpers/testServer.js";

let server: TestServer;
let framework: CreatedFramework;
const clients: SyncClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
  framework = await server.createFramework("Inbox", "Mediator Mo");
});
afterAll(async () => {
  await server.cleanup();
});
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});

const room = () => `${framework.id}/discussion`;

async function join(token: string): Promise<SyncClient> {
  const c = connectClient(server.syncUrl, room(), { token });
  clients.push(c);
  await waitForSynced(c.provider);
  return c;
}

async function accessOf(token: string): Promise<Principal> {
  const response = await authorizedFetch(`${server.url}/api/frameworks/${framework.id}`, token);
  expect(response.status).toBe(200);
  return ((await response.json()) as { access: Principal }).access;
}

async function refusals(inviteId: string): Promise<number> {
  const entries = await auditEntries(server.url, framework.id, framework.token);
  return matching(entries, { action: "refused", inviteId, detail: "read state" }).reduce(
    (sum, e) => sum + e.count,
    0,
  );
}

describe("inbox read state in the discussion room", () => {
  it("is each member's own: stored and shared with their devices, never written under another's key", async () => {
    const amalInvite = await server.invite(framework.id, framework.token, {
      role: "commenter",
      party: "p-north",
      name: "Amal",
    });
    const boInvite = await server.invite(framework.id, framework.token, {
      role: "drafter",
      party: "p-south",
      name: "Bo",
    });
    const amal = await accessOf(amalInvite.token);
    const bo = await accessOf(boInvite.token);
    const amalActor = { name: "Amal", party: "p-north", member: amal.member };
    const boActor = { name: "Bo", party: "p-south", member: bo.member };

    // Amal reads an item on one device; her other device (and the mediator) get the record.
    const amalLaptop = await join(amalInvite.token);
    const amalPhone = await join(amalInvite.token);
    const watcher = await join(framework.token);
    expect(markInboxRead(amalLaptop.doc, amalActor, ["c-1"], ["c-1"])).toBe(true);
    await waitForDocs([amalPhone.doc], () => readInboxIds(amalPhone.doc, amal.member).has("c-1"));

    // Bo writes under Amal's key (overwriting), and squats the key of a member with no record
    // yet: both refused, audited, never relayed or stored.
    const before = await refusals(bo.inviteId);
    const attacker = await join(boInvite.token);
    attacker.doc.getMap(INBOX_READS_MAP).set(amal.member, {
      by: boActor,
      readIds: [],
      at: new Date().toISOString(),
    });
    await expect.poll(() => refusals(bo.inviteId)).toBe(before + 1);
    const squatter = await join(boInvite.token);
    squatter.doc.getMap(INBOX_READS_MAP).set("m-someone-else", {
      by: boActor,
      readIds: ["c-1"],
      at: new Date().toISOString(),
    });
    await expect.poll(() => refusals(bo.inviteId)).toBe(before + 2);

    // A sentinel written after the refused writes reaches the watcher: they were not relayed.
    const sentinel = `sentinel-${Math.random()}`;
    watcher.doc.getMap("sentinels").set(sentinel, true);
    await waitForDocs([amalPhone.doc], () => amalPhone.doc.getMap("sentinels").has(sentinel));
    expect(readInboxIds(amalPhone.doc, amal.member)).toEqual(new Set(["c-1"]));
    expect(amalPhone.doc.getMap(INBOX_READS_MAP).has("m-someone-else")).toBe(false);

    // Bo's own key is his to write.
    const boDevice = await join(boInvite.token);
    expect(markInboxRead(boDevice.doc, boActor, ["c-2"], ["c-2"])).toBe(true);
    await waitForDocs([watcher.doc], () => readInboxIds(watcher.doc, bo.member).has("c-2"));

    const stored = await storedDoc(server.dataDir, room());
    expect(readInboxIds(stored, amal.member)).toEqual(new Set(["c-1"]));
    expect(readInboxIds(stored, bo.member)).toEqual(new Set(["c-2"]));
    expect(stored.getMap(INBOX_READS_MAP).has("m-someone-else")).toBe(false);
  });
});
