/**
 * Named versions through the real server: saved from the live rooms, compared by provision with
 * the authors the server recorded, restored as forward edits while another client types, refused
 * to roles below the one each action needs, and gone with their framework.
 */
import { join as joinPath } from "node:path";
import { openSqliteStorage } from "@parley/server/storage/sqliteStorage";
import { namedInviteMember } from "@parley/shared/access/members";
import type { CreatedFramework } from "@parley/shared/api";
import { partiesMap } from "@parley/shared/model/maps";
import { resolvedParagraphs, wordRevisions } from "@parley/shared/test/export/wordRevisions";
import { bracket, doc, option, p, t, term } from "@parley/shared/test/frameworkFixtures";
import type {
  AuthorshipAnswer,
  ComparisonAnswer,
  RestoreAnswer,
  VersionContentAnswer,
  VersionInfo,
  VersionList,
} from "@parley/shared/versions/api";
import { frameworkDoc } from "@parley/shared/versions/testDocs";
import { unzipSync } from "fflate";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { fragmentOf, joinSynced, type SyncClient, waitForDocs } from "../helpers/syncClient.js";
import { authorizedFetch, startTestServer, type TestServer } from "../helpers/testServer.js";

let server: TestServer;
let framework: CreatedFramework;
let mediator: SyncClient;
const clients: SyncClient[] = [];

function join(room: string, token: string): Promise<SyncClient> {
  return joinSynced(server.syncUrl, room, token, clients);
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

const anchored = (text: string, threadId: string) =>
  t(text, [{ type: "comment", attrs: { threadId } }]);

const V1 = doc(
  term("t-1", [p(t("The parties "), anchored("agree", "th-1"), t(" to talk."))]),
  term("t-2", [p(t("Sanctions are lifted in "), anchored("phase one", "th-2"), t("."))]),
  term("t-3", [
    p(
      t("Verification is "),
      bracket("b-1", [
        option("o-1", [t("monthly")], { proposedBy: "p-a" }),
        option("o-2", [t("quarterly")], { proposedBy: "p-b" }),
        option("o-3", [t("yearly")], { proposedBy: "p-a" }),
      ]),
      t("."),
    ),
  ]),
);

/** The XmlText of the term's paragraph holding `needle` (terms are term > paragraph > text). */
function textHolding(d: Y.Doc, termId: string): Y.XmlText {
  const termEl = fragmentOf(d)
    .toArray()
    .find((n) => n instanceof Y.XmlElement && n.getAttribute("termId") === termId);
  if (!(termEl instanceof Y.XmlElement)) throw new Error(`no term ${termId}`);
  const paragraph = termEl.get(0);
  if (!(paragraph instanceof Y.XmlElement)) throw new Error("no paragraph");
  const text = paragraph.get(0);
  if (!(text instanceof Y.XmlText)) throw new Error("no text");
  return text;
}

function termPlain(d: Y.Doc, termId: string): string {
  const termEl = fragmentOf(d)
    .toArray()
    .find((n) => n instanceof Y.XmlElement && n.getAttribute("termId") === termId);
  if (!(termEl instanceof Y.XmlElement)) return "";
  const plain = (node: unknown): string =>
    node instanceof Y.XmlText
      ? node
          .toDelta()
          .map((op: { insert?: unknown }) => (typeof op.insert === "string" ? op.insert : ""))
          .join("")
      : node instanceof Y.XmlElement
        ? node.toArray().map(plain).join("")
        : "";
  return plain(termEl);
}

/** The threads whose anchor (comment mark) covers exactly `text` somewhere in the term. */
function anchorsOn(d: Y.Doc, termId: string, text: string): string[] {
  const out: string[] = [];
  for (const op of textHolding(d, termId).toDelta() as Array<{
    insert?: unknown;
    attributes?: Record<string, { threadId?: string }>;
  }>) {
    if (op.insert !== text) continue;
    for (const value of Object.values(op.attributes ?? {})) {
      if (value.threadId) out.push(value.threadId);
    }
  }
  return out;
}

function api(path: string): string {
  return `${server.url}/api/frameworks/${framework.id}${path}`;
}

async function saveVersion(token: string, name: string): Promise<VersionInfo> {
  const response = await authorizedFetch(api("/versions"), token, {
    method: "POST",
    json: { name, note: `note of ${name}` },
  });
  expect(response.status).toBe(201);
  return (await response.json()) as VersionInfo;
}

async function inviteToken(role: "drafter" | "commenter" | "observer", name: string) {
  return server.invite(framework.id, framework.token, { role, party: "p-a", name });
}

/** Dana, a drafter of party A, joins the framework room once it holds the terms. */
async function joinDana() {
  const dana = await inviteToken("drafter", "Dana");
  const drafter = await join(framework.id, dana.token);
  await waitForDocs([drafter.doc], () => termPlain(drafter.doc, "t-3").includes("quarterly"));
  return { dana, drafter };
}

/** Dana replaces "Sanctions" with "Penalties" in t-2; resolves once the mediator has it. */
async function danaWritesPenalties(drafter: SyncClient): Promise<void> {
  const t2 = textHolding(drafter.doc, "t-2");
  t2.delete(0, "Sanctions".length);
  t2.insert(0, "Penalties");
  await waitForDocs([mediator.doc], () => termPlain(mediator.doc, "t-2").startsWith("Penalties"));
}

/** The mediator drops party B's option "quarterly" without resolving; resolves once Dana has it. */
async function mediatorDropsQuarterly(drafter: SyncClient): Promise<void> {
  const b1 = fragmentOf(mediator.doc)
    .createTreeWalker((n) => n instanceof Y.XmlElement && n.nodeName === "bracket")
    .next().value as Y.XmlElement;
  b1.delete(1, 1);
  await waitForDocs([drafter.doc], () => !termPlain(drafter.doc, "t-3").includes("quarterly"));
}

beforeEach(async () => {
  server = await startTestServer();
  framework = await server.createFramework("Rounds", "Mediator Mo");
  mediator = await join(framework.id, framework.token);
  mediator.doc.transact(() => {
    partiesMap(mediator.doc).set("p-a", PARTY("p-a", "Alpha"));
    partiesMap(mediator.doc).set("p-b", PARTY("p-b", "Beta"));
  });
  // The terms, written on a scratch doc and sent by the mediator's client as its own edit.
  Y.applyUpdate(mediator.doc, Y.encodeStateAsUpdate(frameworkDoc(V1)));
  // A second client receives the terms only once they are stored: every test starts from there.
  const check = await join(framework.id, framework.token);
  await waitForDocs([check.doc], () => termPlain(check.doc, "t-3").includes("yearly"));
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server.cleanup();
});

describe("versions", () => {
  it("compares two saved versions by provision: exactly the changed terms, their kinds and authors", async () => {
    const { dana, drafter } = await joinDana();
    const v1 = await saveVersion(framework.token, "Rev. 1");

    textHolding(drafter.doc, "t-2").insert(0, "All ");
    // The mediator drops party B's option without resolving the bracket.
    await waitForDocs([mediator.doc], () => termPlain(mediator.doc, "t-2").startsWith("All "));
    await mediatorDropsQuarterly(drafter);
    const v2 = await saveVersion(dana.token, "Rev. 2");
    expect(v2.by).toMatchObject({ name: "Dana", party: "p-a", role: "drafter" });

    const list = (await (
      await authorizedFetch(api("/versions"), dana.token)
    ).json()) as VersionList;
    expect(list.versions.map((v) => v.name)).toEqual(["Rev. 2", "Rev. 1"]);
    expect(list.versions[0]).not.toHaveProperty("content");

    const response = await authorizedFetch(api(`/compare?from=${v1.id}&to=${v2.id}`), dana.token);
    expect(response.status).toBe(200);
    const { comparison, from, to } = (await response.json()) as ComparisonAnswer;
    expect(from?.id).toBe(v1.id);
    expect(to?.id).toBe(v2.id);
    expect(comparison.terms.map((c) => [c.termId, c.kinds])).toEqual([
      ["t-2", ["textChanged"]],
      ["t-3", ["textChanged"]],
    ]);
    const danaActor = {
      name: "Dana",
      party: "p-a",
      member: namedInviteMember(dana.id),
      role: "drafter",
    };
    expect(comparison.terms[0]?.by).toEqual([danaActor]);
    // A deletion carries no client id: the server recorded who deleted it first.
    const mo = { name: "Mediator Mo", party: null, role: "mediator" };
    expect(comparison.terms[1]?.by).toEqual([expect.objectContaining(mo)]);
    expect(comparison.droppedOptions.map((o) => [o.optionId, o.by])).toEqual([
      ["o-2", [expect.objectContaining(mo)]],
    ]);
    expect(comparison.summary).toContain("1 bracket option dropped");

    const html = await authorizedFetch(
      api(`/compare?from=${v1.id}&to=now&format=html`),
      dana.token,
    );
    expect(html.headers.get("content-type")).toContain("text/html");
    expect(await html.text()).toContain("Rev. 1");
  });

  it("exports a comparison as a DOCX redline: the word diffs as Word tracked changes with author and date", async () => {
    const { drafter } = await joinDana();
    const v1 = await saveVersion(framework.token, "Rev. 1");
    await danaWritesPenalties(drafter);
    await mediatorDropsQuarterly(drafter);
    const v2 = await saveVersion(framework.token, "Rev. 2");

    const observer = await inviteToken("observer", "Olga");
    const response = await authorizedFetch(
      api(`/compare?from=${v1.id}&to=${v2.id}&format=docx`),
      observer.token,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const xml = new TextDecoder().decode(files["word/document.xml"]);

    const date = v2.at.replace(/\.\d+Z$/, "Z");
    const revisions = wordRevisions(xml).map(({ tag, text, author, date }) => ({
      tag,
      text,
      author,
      date,
    }));
    expect(revisions).toEqual([
      { tag: "w:del", text: "Sanctions", author: "Dana (Alpha)", date },
      { tag: "w:ins", text: "Penalties", author: "Dana (Alpha)", date },
      // A deletion carries no client id: the server recorded who deleted the option.
      { tag: "w:del", text: expect.stringContaining("quarterly"), author: "Mediator Mo", date },
    ]);
    const accepted = resolvedParagraphs(xml, "accepted");
    const original = resolvedParagraphs(xml, "original");
    expect(accepted[0]).toBe("Comparison: Rev. 1 → Rev. 2");
    expect(accepted).toContain("Penalties are lifted in phase one.");
    expect(original).toContain("Sanctions are lifted in phase one.");
    expect(accepted.find((l) => l.startsWith("Verification is"))).not.toContain("quarterly");
    expect(original.find((l) => l.startsWith("Verification is"))).toContain("quarterly");
    expect(accepted).toContain(
      (
        (await (
          await authorizedFetch(api(`/compare?from=${v1.id}&to=${v2.id}`), observer.token)
        ).json()) as ComparisonAnswer
      ).comparison.summary,
    );
    expect(accepted.find((l) => l.startsWith("DROPPED "))).toMatch(/^DROPPED \[quarterly\] Beta/);
  });

  it("restores a version as forward edits while another client types: both converge, anchors survive", async () => {
    const { dana, drafter } = await joinDana();
    const v1 = await saveVersion(framework.token, "Rev. 1");
    await danaWritesPenalties(drafter);

    // Dana keeps typing while the restore happens (offline: her edit is concurrent to it).
    drafter.provider.disconnect();
    textHolding(drafter.doc, "t-1").insert(termPlain(drafter.doc, "t-1").length, " Soon.");
    const response = await authorizedFetch(api(`/versions/${v1.id}/restore`), framework.token, {
      method: "POST",
    });
    expect(response.status).toBe(200);
    const restored = (await response.json()) as RestoreAnswer;
    expect(restored.changed).toBe(true);
    expect(restored.saved.kind).toBe("beforeRestore");
    await waitForDocs([mediator.doc], () => termPlain(mediator.doc, "t-2").startsWith("Sanctions"));
    drafter.provider.connect();
    await waitForDocs(
      [mediator.doc, drafter.doc],
      () =>
        termPlain(mediator.doc, "t-1").endsWith("Soon.") &&
        fragmentOf(mediator.doc).toString() === fragmentOf(drafter.doc).toString(),
    );
    for (const d of [mediator.doc, drafter.doc]) {
      expect(termPlain(d, "t-1")).toBe("The parties agree to talk. Soon.");
      expect(termPlain(d, "t-2")).toBe("Sanctions are lifted in phase one.");
      expect(anchorsOn(d, "t-1", "agree")).toEqual(["th-1"]);
      expect(anchorsOn(d, "t-2", "phase one")).toEqual(["th-2"]);
    }
    const list = (await (
      await authorizedFetch(api("/versions"), dana.token)
    ).json()) as VersionList;
    expect(list.versions.map((v) => v.kind)).toEqual(["beforeRestore", "manual"]);
  });

  it("says who wrote under each client id of the framework room, to observers and up, and nothing of private rooms", async () => {
    const { dana, drafter } = await joinDana();
    textHolding(drafter.doc, "t-2").insert(0, "All ");
    await waitForDocs([mediator.doc], () => termPlain(mediator.doc, "t-2").startsWith("All "));
    // Dana's party notes: another room, another client id, never listed.
    const notes = await join(`${framework.id}/private/p-a`, dana.token);
    notes.doc.getText("probe").insert(0, "our fallback");
    // Broadcast only once stored: another client receiving it means the binding is stored too.
    const reader = await join(`${framework.id}/private/p-a`, dana.token);
    await waitForDocs([reader.doc], () => reader.doc.getText("probe").toString() !== "");

    const observer = await inviteToken("observer", "Olga");
    const answer = await authorizedFetch(api("/authorship"), observer.token);
    expect(answer.status).toBe(200);
    const { writers } = (await answer.json()) as AuthorshipAnswer;
    const byClient = new Map(writers.map((w) => [w.client, w]));
    expect(byClient.get(drafter.doc.clientID)).toEqual({
      client: drafter.doc.clientID,
      name: "Dana",
      party: "p-a",
    });
    expect(byClient.get(mediator.doc.clientID)).toEqual({
      client: mediator.doc.clientID,
      name: "Mediator Mo",
      party: null,
    });
    expect(byClient.has(notes.doc.clientID)).toBe(false);
    // Name and party only: no member key, role or invite.
    expect(JSON.stringify(writers)).not.toContain(dana.id);
    for (const writer of writers)
      expect(Object.keys(writer).sort()).toEqual(["client", "name", "party"]);

    expect((await fetch(api("/authorship"))).status).toBe(401);
    const other = await server.createFramework("Other", "Mo Other");
    expect((await authorizedFetch(api("/authorship"), other.token)).status).toBe(403);
    const gone = await authorizedFetch(
      `${server.url}/api/frameworks/fw-unknown1/authorship`,
      framework.token,
    );
    expect([403, 404]).toContain(gone.status);
  });

  it("lets an observer list and read versions, and refuses a commenter creating, restoring or deleting", async () => {
    const v1 = await saveVersion(framework.token, "Rev. 1");
    const observer = await inviteToken("observer", "Olga");
    const commenter = await inviteToken("commenter", "Cem");
    const listed = await authorizedFetch(api("/versions"), observer.token);
    expect(listed.status).toBe(200);
    const read = await authorizedFetch(api(`/versions/${v1.id}`), observer.token);
    expect(read.status).toBe(200);
    const content = (await read.json()) as VersionContentAnswer;
    expect(content.snapshot.terms.map((x) => x.termId)).toEqual(["t-1", "t-2", "t-3"]);
    expect(JSON.stringify(content.document)).toContain("Sanctions are lifted in ");
    const raw = await authorizedFetch(api(`/versions/${v1.id}?format=update`), observer.token);
    const throwaway = new Y.Doc();
    Y.applyUpdate(throwaway, new Uint8Array(await raw.arrayBuffer()));
    expect(termPlain(throwaway, "t-2")).toBe("Sanctions are lifted in phase one.");

    for (const [token, method, path] of [
      [observer.token, "POST", "/versions"],
      [commenter.token, "POST", "/versions"],
      [commenter.token, "POST", `/versions/${v1.id}/restore`],
      [commenter.token, "DELETE", `/versions/${v1.id}`],
      [dangerousDrafter(), "DELETE", `/versions/${v1.id}`],
    ] as const) {
      const response = await authorizedFetch(api(path), await token, {
        method,
        json: method === "POST" ? { name: "Mine" } : undefined,
      });
      expect(response.status, `${method} ${path}`).toBe(403);
    }
    expect((await authorizedFetch(api("/versions/v-zzzzzzzzzz"), observer.token)).status).toBe(404);
    expect((await authorizedFetch(api("/versions/nonsense"), observer.token)).status).toBe(404);
    const restoreUnknown = await authorizedFetch(
      api("/versions/v-zzzzzzzzzz/restore"),
      framework.token,
      {
        method: "POST",
      },
    );
    expect(restoreUnknown.status).toBe(404);
    expect((await authorizedFetch(api("/compare?from=v-zzzzzzzzzz"), observer.token)).status).toBe(
      404,
    );
    expect((await authorizedFetch(api("/compare"), observer.token)).status).toBe(400);
    expect(
      (await authorizedFetch(api(`/compare?from=${v1.id}&format=exe`), observer.token)).status,
    ).toBe(400);
    for (const body of [
      { name: "" },
      { name: "x".repeat(201) },
      { name: "a", note: 3 },
      { name: "a", extra: 1 },
    ]) {
      const response = await authorizedFetch(api("/versions"), framework.token, {
        method: "POST",
        json: body,
      });
      expect(response.status, JSON.stringify(body).slice(0, 40)).toBe(400);
    }
    const deleted = await authorizedFetch(api(`/versions/${v1.id}`), framework.token, {
      method: "DELETE",
    });
    expect(deleted.status).toBe(204);
    expect((await authorizedFetch(api(`/versions/${v1.id}`), observer.token)).status).toBe(404);
  });

  it("records an export as a version when asked, for drafters and up", async () => {
    const dana = await inviteToken("drafter", "Dana");
    const commenter = await inviteToken("commenter", "Cem");
    const exported = await authorizedFetch(
      api("/export?format=md&recordVersion=Circulated%20draft"),
      dana.token,
    );
    expect(exported.status).toBe(200);
    expect(await exported.text()).toContain("Sanctions are lifted");
    const versionId = exported.headers.get("x-parley-version");
    const list = (await (
      await authorizedFetch(api("/versions"), dana.token)
    ).json()) as VersionList;
    expect(list.versions.map((v) => [v.id, v.kind, v.name])).toEqual([
      [versionId, "export", "Circulated draft"],
    ]);
    expect(
      (await authorizedFetch(api("/export?format=md&recordVersion=Mine"), commenter.token)).status,
    ).toBe(403);
    expect(
      (await authorizedFetch(api("/export?format=md&recordVersion="), dana.token)).status,
    ).toBe(400);
    expect((await authorizedFetch(api("/export?format=md"), commenter.token)).status).toBe(200);
  });

  it("deletes a framework's versions with the framework", async () => {
    await saveVersion(framework.token, "Rev. 1");
    const other = await server.createFramework("Other", "Mo");
    const kept = await authorizedFetch(
      `${server.url}/api/frameworks/${other.id}/versions`,
      other.token,
      {
        method: "POST",
        json: { name: "Kept" },
      },
    );
    expect(kept.status).toBe(201);
    const response = await authorizedFetch(api(""), framework.token, { method: "DELETE" });
    expect(response.status).toBe(204);
    const storage = openSqliteStorage(joinPath(server.dataDir, "parley.sqlite"));
    try {
      expect(await storage.listVersions(framework.id)).toEqual([]);
      expect((await storage.listVersions(other.id)).map((v) => v.name)).toEqual(["Kept"]);
    } finally {
      await storage.close();
    }
  });
});

/** A drafter's token (drafters may save versions, not delete them). */
async function dangerousDrafter(): Promise<string> {
  return (await inviteToken("drafter", "Dora")).token;
}
