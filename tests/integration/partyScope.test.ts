/**
 * Only a party speaks for itself, enforced by the server: a drafter of party A cannot record B's
 * stance, B's support on a bracket option, resolve a bracket B has not agreed to, or change the
 * parties; and the last mediator invite cannot be revoked. Each refusal is audited and leaves the
 * STORED room unchanged (read from the server's storage, not from what other clients received).
 */
import { namedInviteMember } from "@parley/shared/access/members";
import type { AuditEntry, CreatedFramework } from "@parley/shared/api";
import type { BracketResolution } from "@parley/shared/model/bracket";
import { partiesMap, resolutionsMap, stancesMap } from "@parley/shared/model/maps";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { auditEntries, matching, waitForAudited } from "../helpers/audit.js";
import { storedDoc } from "../helpers/storedRoom.js";
import {
  appendParagraph,
  fragmentOf,
  joinSynced,
  type SyncClient,
  textOf,
  waitForDocs,
} from "../helpers/syncClient.js";
import { authorizedFetch, startTestServer, type TestServer } from "../helpers/testServer.js";

let server: TestServer;
let framework: CreatedFramework;
const clients: SyncClient[] = [];

function join(room: string, token: string): Promise<SyncClient> {
  return joinSynced(server.syncUrl, room, token, clients);
}

/** Resolves once the audit log holds an entry matching `filter`. */
function audited(filter: Parameters<typeof matching>[1]): Promise<AuditEntry[]> {
  return waitForAudited(server.url, framework, filter);
}

const PARTY = (id: string, name: string) => ({
  id,
  name,
  shortName: name,
  colour: "#336699",
  kind: "state",
  role: "party",
  removedAt: null,
});

/** The first bracket element of the text (the test's "b-1"). */
function bracketOf(doc: Y.Doc): Y.XmlElement | null {
  for (const node of fragmentOf(doc).createTreeWalker(() => true)) {
    if (node instanceof Y.XmlElement && node.nodeName === "bracket") return node;
  }
  return null;
}

function optionOf(doc: Y.Doc, optionId: string): Y.XmlElement {
  const bracket = bracketOf(doc);
  const option = bracket
    ?.toArray()
    .find((o) => o instanceof Y.XmlElement && o.getAttribute("optionId") === optionId);
  if (!(option instanceof Y.XmlElement)) throw new Error(`no option ${optionId}`);
  return option;
}

function option(id: string, text: string, proposedBy: string, supportedBy: string[] = []) {
  const element = new Y.XmlElement("bracketOption");
  element.setAttribute("optionId", id);
  element.setAttribute("proposedBy", proposedBy);
  element.setAttribute("supportedBy", supportedBy as unknown as string);
  element.setAttribute("opposedBy", [] as unknown as string);
  element.insert(0, [new Y.XmlText(text)]);
  return element;
}

/** The mediator's set-up: parties A and B, and a paragraph "The Party [shall / should] act." */
function setUp(doc: Y.Doc): void {
  doc.transact(() => {
    partiesMap(doc).set("p-a", PARTY("p-a", "Alpha"));
    partiesMap(doc).set("p-b", PARTY("p-b", "Beta"));
    const paragraph = new Y.XmlElement("paragraph");
    const bracket = new Y.XmlElement("bracket");
    bracket.setAttribute("bracketId", "b-1");
    fragmentOf(doc).insert(0, [paragraph]);
    paragraph.insert(0, [new Y.XmlText("The Party "), bracket, new Y.XmlText(" act.")]);
    bracket.insert(0, [option("o-1", "shall", "p-a"), option("o-2", "should", "p-b", ["p-b"])]);
  });
}

/** The drafter's resolution, as `applyBracketResolution` writes it: one transaction. */
function resolve(doc: Y.Doc, optionId: string, by: BracketResolution["by"]): void {
  doc.transact(() => {
    const bracket = bracketOf(doc);
    const paragraph = bracket?.parent;
    if (!bracket || !(paragraph instanceof Y.XmlElement)) throw new Error("no bracket");
    const index = paragraph.toArray().indexOf(bracket);
    const chosen = optionId === "o-1" ? "shall" : "should";
    paragraph.delete(index, 1);
    paragraph.insert(index, [new Y.XmlText(chosen)]);
    const record: BracketResolution = {
      bracketId: "b-1",
      optionId,
      text: chosen,
      proposedBy: optionId === "o-1" ? "p-a" : "p-b",
      options: [
        { optionId: "o-1", text: "shall", proposedBy: "p-a", supportedBy: [], opposedBy: [] },
        { optionId: "o-2", text: "should", proposedBy: "p-b", supportedBy: ["p-b"], opposedBy: [] },
      ],
      termId: null,
      by,
      at: new Date().toISOString(),
    };
    resolutionsMap(doc).set("b-1", record);
  });
}

let mediator: SyncClient;
let drafter: SyncClient;
let drafterInviteId: string;
let drafterActor: { name: string; party: string; member: string; role: "drafter" };

/**
 * Another drafter of party A, in its own connection: after a refusal, the refused client's later
 * updates depend on the refused one and are never applied (as for any refused client).
 */
async function freshDrafter(
  name: string,
  room = framework.id,
): Promise<SyncClient & { member: string }> {
  const invite = await server.invite(framework.id, framework.token, {
    role: "drafter",
    party: "p-a",
    name,
  });
  const client = await join(room, invite.token);
  if (room === framework.id) {
    await waitForDocs([client.doc], () => bracketOf(client.doc) !== null);
  }
  return { ...client, member: namedInviteMember(invite.id) };
}

/** The mediator writes `mark`, and the drafter receives it: everything before it was stored. */
async function settle(mark: string): Promise<void> {
  appendParagraph(mediator.doc, mark);
  await waitForDocs([drafter.doc], () => textOf(drafter.doc).includes(mark));
}

beforeEach(async () => {
  server = await startTestServer();
  framework = await server.createFramework("Party scope", "Mediator Mo");
  mediator = await join(framework.id, framework.token);
  setUp(mediator.doc);
  const invite = await server.invite(framework.id, framework.token, {
    role: "drafter",
    party: "p-a",
    name: "Dana",
  });
  drafterInviteId = invite.id;
  drafterActor = {
    name: "Dana",
    party: "p-a",
    member: namedInviteMember(invite.id),
    role: "drafter",
  };
  drafter = await join(framework.id, invite.token);
  await waitForDocs([drafter.doc], () => bracketOf(drafter.doc) !== null);
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server.cleanup();
});

describe("only a party speaks for itself", () => {
  it("refuses a drafter recording another party's stance, and marks the mediator's for that party", async () => {
    const mediatorTalk = await join(`${framework.id}/discussion`, framework.token);
    const invite = await server.invite(framework.id, framework.token, {
      role: "drafter",
      party: "p-a",
      name: "Dana2",
    });
    const talk = await join(`${framework.id}/discussion`, invite.token);
    const by = { name: "Dana2", party: "p-a", member: namedInviteMember(invite.id) };
    const at = "2026-12-06T06:00:00.000Z";
    stancesMap(talk.doc).set("t-1:p-b", { stance: "rejects", condition: null, by, at });
    const refused = await audited({
      action: "refused",
      inviteId: invite.id,
      room: `${framework.id}/discussion`,
    });
    expect(refused[0]?.detail).toContain("cannot record the stance of p-b");

    // Its own party's stance goes through (another drafter of A: the refused client's later
    // updates depend on its refused one); the mediator records B's, on B's behalf.
    const own = await freshDrafter("Dana3", `${framework.id}/discussion`);
    const ownBy = { name: "Dana3", party: "p-a", member: own.member };
    stancesMap(own.doc).set("t-1:p-a", { stance: "accepts", condition: null, by: ownBy, at });
    const mo = { name: "Mediator Mo", party: null, member: framework.access.member };
    stancesMap(mediatorTalk.doc).set("t-1:p-b", {
      stance: "accepts",
      condition: null,
      by: { ...mo, role: "mediator" },
      at,
    });
    await waitForDocs([mediatorTalk.doc], () => stancesMap(mediatorTalk.doc).has("t-1:p-a"));
    // (Read from a client that never wrote B's stance: the refused client keeps its own local
    // write, which Yjs may order after the mediator's.)
    await waitForDocs([own.doc], () => {
      const record = stancesMap(own.doc).get("t-1:p-b") as { stance?: string } | undefined;
      return record?.stance === "accepts";
    });
    const stored = stancesMap(await storedDoc(server.dataDir, `${framework.id}/discussion`));
    expect(stored.get("t-1:p-b")).toMatchObject({ stance: "accepts", by: { party: null } });
    expect(stored.get("t-1:p-a")).toMatchObject({ stance: "accepts", by: { name: "Dana3" } });
  });

  it("refuses a drafter recording another party's support on a bracket option", async () => {
    optionOf(drafter.doc, "o-1").setAttribute("supportedBy", ["p-b"] as unknown as string);
    const refused = await audited({ action: "refused", inviteId: drafterInviteId });
    expect(refused[0]?.detail).toContain("cannot record the position of p-b");
    await settle("AFTER-FORGED-SUPPORT");
    const stored = await storedDoc(server.dataDir, framework.id);
    expect(optionOf(stored, "o-1").getAttribute("supportedBy")).toEqual([]);
    expect(optionOf(mediator.doc, "o-1").getAttribute("supportedBy")).toEqual([]);

    // Its own party's support is accepted.
    const own = await freshDrafter("Ada");
    await waitForDocs([own.doc], () => textOf(own.doc).includes("AFTER-FORGED-SUPPORT"));
    optionOf(own.doc, "o-1").setAttribute("supportedBy", ["p-a"] as unknown as string);
    await waitForDocs([mediator.doc], () =>
      JSON.stringify(optionOf(mediator.doc, "o-1").getAttribute("supportedBy")).includes("p-a"),
    );
    expect(
      matching(await auditEntries(server.url, framework.id, framework.token), {
        action: "refused",
        inviteId: drafterInviteId,
      }),
    ).toHaveLength(1);
  });

  it("refuses a drafter resolving a contested bracket, and audits a resolution every party supports", async () => {
    // B supports option 2, not option 1: choosing option 1 is the mediator's act.
    resolve(drafter.doc, "o-1", drafterActor);
    const refused = await audited({ action: "refused", inviteId: drafterInviteId });
    expect(refused[0]?.detail).toContain("the bracket is contested");
    await settle("AFTER-CONTESTED");
    const stored = await storedDoc(server.dataDir, framework.id);
    expect(bracketOf(stored)?.getAttribute("bracketId")).toBe("b-1");
    expect(resolutionsMap(stored).has("b-1")).toBe(false);
    expect(
      matching(await auditEntries(server.url, framework.id, framework.token), {
        action: "bracket.resolved",
      }),
    ).toHaveLength(0);

    // Option 2 has B's support: a drafter of A may choose it. (A fresh drafter connection: the
    // refused one's copy still holds its own refused change.)
    const second = await join(
      framework.id,
      (
        await server.invite(framework.id, framework.token, {
          role: "drafter",
          party: "p-a",
          name: "Ari",
        })
      ).token,
    );
    await waitForDocs([second.doc], () => textOf(second.doc).includes("AFTER-CONTESTED"));
    resolve(second.doc, "o-2", { name: "Ari", party: "p-a" });
    const resolved = await audited({ action: "bracket.resolved" });
    expect(resolved[0]).toMatchObject({ user: "Ari", role: "drafter" });
    expect(resolved[0]?.detail).toContain('chose option o-2 "should"; dropped "shall"');
    await waitForDocs([mediator.doc], () => bracketOf(mediator.doc) === null);
    expect(resolutionsMap(await storedDoc(server.dataDir, framework.id)).get("b-1")).toMatchObject({
      optionId: "o-2",
    });
  });

  it("refuses a drafter removing or editing a party; plain typing goes through", async () => {
    partiesMap(drafter.doc).delete("p-b");
    const refused = await audited({ action: "refused", inviteId: drafterInviteId });
    expect(refused[0]?.detail).toContain("only a mediator may add, edit or remove parties");
    await settle("AFTER-REMOVAL");
    expect(partiesMap(await storedDoc(server.dataDir, framework.id)).get("p-b")).toMatchObject({
      name: "Beta",
    });

    const typist = await join(
      framework.id,
      (
        await server.invite(framework.id, framework.token, {
          role: "drafter",
          party: "p-a",
          name: "Tia",
        })
      ).token,
    );
    await waitForDocs([typist.doc], () => textOf(typist.doc).includes("AFTER-REMOVAL"));
    // Its own party's colour: refused too (parties are for mediators).
    partiesMap(typist.doc).set("p-a", { ...PARTY("p-a", "Alpha"), colour: "#000000" });
    await audited({ action: "refused", user: "Tia" });
    const writer = await freshDrafter("Wes");
    appendParagraph(writer.doc, "TYPED-BY-A-DRAFTER");
    await waitForDocs([mediator.doc], () => textOf(mediator.doc).includes("TYPED-BY-A-DRAFTER"));
    const stored = await storedDoc(server.dataDir, framework.id);
    expect(textOf(stored)).toContain("TYPED-BY-A-DRAFTER");
    expect(partiesMap(stored).get("p-a")).toMatchObject({ colour: "#336699" });
  });

  it("refuses revoking the last mediator invite (409 last_mediator, audited)", async () => {
    const revoke = (inviteId: string) =>
      authorizedFetch(
        `${server.url}/api/frameworks/${framework.id}/invites/${inviteId}`,
        framework.token,
        { method: "DELETE" },
      );
    const refused = await revoke(framework.access.inviteId);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { code: "last_mediator" } });
    const entry = await audited({ action: "refused", detail: "last active mediator invite" });
    expect(entry[0]).toMatchObject({ role: "mediator", user: "Mediator Mo" });
    // The token still works: the invite was not revoked.
    const list = await authorizedFetch(
      `${server.url}/api/frameworks/${framework.id}/invites`,
      framework.token,
    );
    expect(list.status).toBe(200);

    // With a second mediator invite, the first may go.
    const other = await server.invite(framework.id, framework.token, {
      role: "mediator",
      name: "Meg",
    });
    expect((await revoke(framework.access.inviteId)).status).toBe(200);
    const meg = await server.exchange(framework.id, other.token);
    const last = await authorizedFetch(
      `${server.url}/api/frameworks/${framework.id}/invites/${other.id}`,
      meg.token,
      { method: "DELETE" },
    );
    expect(last.status).toBe(409);
  });
});
