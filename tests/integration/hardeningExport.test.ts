/**
 * Issue 14, export safety and text hygiene, against a real server process (a crash ends the child
 * process, not the test runner):
 * - finding 4: a drafter plants numeric attributes no sane editor writes (colspan 100,000,000,
 *   rowspan, heading level, list start, column widths) straight through Yjs; every export format
 *   answers and the server stays up;
 * - DOCX: characters XML 1.0 forbids, planted in the text, a party name and a comment body, leave
 *   every part of the file well-formed XML;
 * - titles, names and party names: REST create, rename and invite store them stripped.
 */
import { rmSync } from "node:fs";
import { type CreatedFramework, FrameworkWithAccess, InviteList } from "@parley/shared/api";
import { createThread } from "@parley/shared/comments/commands";
import { threadsFromDiscussion } from "@parley/shared/export/threads";
import { partiesMap } from "@parley/shared/model/maps";
import { roomNameToString } from "@parley/shared/protocol";
import { parseXml } from "@parley/shared/test/export/parseXml";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  appendParagraph,
  connectClient,
  fragmentOf,
  type SyncClient,
  textOf,
  waitForDocs,
  waitForSynced,
} from "../helpers/syncClient.js";
import {
  authorizedFetch,
  createFramework,
  createInvite,
  makeDataDir,
  type SpawnedServer,
  spawnServer,
} from "../helpers/testServer.js";

let dataDir: string;
let server: SpawnedServer;

beforeAll(async () => {
  dataDir = makeDataDir();
  server = await spawnServer({ DATA_DIR: dataDir });
});

afterAll(async () => {
  if (server.child.exitCode === null && server.child.signalCode === null) {
    server.child.kill("SIGTERM");
    await server.exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

/** Every character XML 1.0 forbids that survives UTF-8 (and so the Yjs wire): C0 but tab/LF/CR, U+FFFE, U+FFFF. */
const FORBIDDEN = "\u0000\u0001\u0008\u000B\u000C\u001B\u001F\uFFFE\uFFFF";
// biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for control characters
const FORBIDDEN_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

async function expectAlive(): Promise<void> {
  const health = await fetch(`${server.url}/healthz`);
  expect(health.status).toBe(200);
  expect(server.child.exitCode).toBeNull();
}

async function exportAs(id: string, token: string, format: string): Promise<Response> {
  return authorizedFetch(
    `${server.url}/api/frameworks/${id}/export?format=${format}&comments=true`,
    token,
  );
}

/** A mediator (who created the framework) and a drafter, both synced to the framework room. */
async function twoWriters(title: string): Promise<{
  created: CreatedFramework;
  drafter: SyncClient;
  mediator: SyncClient;
}> {
  const created = await createFramework(server.url, title, "Mediator");
  const invite = await createInvite(server.url, created.id, created.token, {
    role: "drafter",
    name: "Dana",
  });
  const drafter = connectClient(server.syncUrl, created.id, { token: invite.token });
  const mediator = connectClient(server.syncUrl, created.id, { token: created.token });
  await Promise.all([waitForSynced(drafter.provider), waitForSynced(mediator.provider)]);
  return { created, drafter, mediator };
}

function element(name: string, attrs: Record<string, unknown>, children: Y.XmlElement[] | string) {
  const el = new Y.XmlElement(name);
  for (const [key, value] of Object.entries(attrs)) {
    // Any value a Yjs client can write, bypassing the schema: numbers, NaN, arrays.
    el.setAttribute(key, value as string);
  }
  el.insert(0, typeof children === "string" ? [new Y.XmlText(children)] : children);
  return el;
}

const paragraph = (text: string) => element("paragraph", {}, text);

/** Every XML part of a DOCX, decoded strictly as UTF-8 and parsed strictly as XML. */
function docxParts(body: ArrayBuffer): Map<string, string> {
  const parts = new Map<string, string>();
  for (const [name, bytes] of Object.entries(unzipSync(new Uint8Array(body)))) {
    if (!/\.(xml|rels)$/.test(name)) continue;
    const xml = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    parseXml(xml);
    parts.set(name, xml);
  }
  return parts;
}

describe("export of a hostile document (issue 14, finding 4)", () => {
  it("a table cell with colspan 100,000,000 planted by a drafter does not take the server down (md, html, docx)", async () => {
    const { created, drafter, mediator } = await twoWriters("Planted spans");
    drafter.doc.transact(() => {
      const cell = (text: string, attrs: Record<string, unknown>) =>
        element("tableCell", attrs, [paragraph(text)]);
      fragmentOf(drafter.doc).push([
        element("heading", { level: 100_000_000 }, "Huge level"),
        element("table", {}, [
          element("tableRow", {}, [
            cell("planted", { colspan: 100_000_000, rowspan: 100_000_000, colwidth: [1e9, -1] }),
            cell("next", { colspan: Number.NaN, rowspan: -3 }),
          ]),
          element("tableRow", {}, [cell("below", { colspan: 1e300, colwidth: "x" })]),
        ]),
        element("orderedList", { start: 1e300 }, [element("listItem", {}, [paragraph("item")])]),
      ]);
    });
    await waitForDocs(
      [mediator.doc],
      () => textOf(mediator.doc).includes("item"),
      "the planted table to reach the server",
    );

    const md = await exportAs(created.id, created.token, "md");
    expect(md.status).toBe(200);
    const text = await md.text();
    expect(text).toContain("planted");
    expect(text.length).toBeLessThan(20_000);

    const html = await exportAs(created.id, created.token, "html");
    expect(html.status).toBe(200);
    expect(await html.text()).not.toContain("100000000");

    const docx = await exportAs(created.id, created.token, "docx");
    expect(docx.status).toBe(200);
    const document = docxParts(await docx.arrayBuffer()).get("word/document.xml") ?? "";
    expect(document).toContain("planted");
    expect((document.match(/<w:gridCol /g) ?? []).length).toBeLessThanOrEqual(64);

    await expectAlive();
    // Other clients keep syncing.
    appendParagraph(drafter.doc, "still syncing");
    await waitForDocs([mediator.doc], () => textOf(mediator.doc).includes("still syncing"));
    drafter.destroy();
    mediator.destroy();
  });

  it("characters XML 1.0 forbids in the text, a party name and a comment leave the DOCX well-formed", async () => {
    const { created, drafter, mediator } = await twoWriters("Forbidden characters");
    const discussionRoom = roomNameToString({ kind: "discussion", frameworkId: created.id });
    const commenter = connectClient(server.syncUrl, discussionRoom, { token: created.token });
    await waitForSynced(commenter.provider);
    drafter.doc.transact(() => {
      fragmentOf(drafter.doc).push([paragraph(`text${FORBIDDEN}end`)]);
    });
    partiesMap(mediator.doc).set("p-evil", {
      id: "p-evil",
      name: `Evil${FORBIDDEN}party`,
      shortName: "EV\uFFFE",
      colour: "#123456",
      kind: "state",
      role: "party",
      removedAt: null,
    });
    const thread = createThread(
      commenter.doc,
      {
        threadId: "th-evil",
        body: `body${FORBIDDEN}end`,
        quote: "",
        proposal: `wording${FORBIDDEN}`,
      },
      {
        actor: { name: "Mediator", party: null },
        authorId: "a-mediator",
        now: new Date(),
      },
    );
    expect(thread.ok).toBe(true);
    const listener = connectClient(server.syncUrl, discussionRoom, { token: created.token });
    await waitForSynced(listener.provider);
    await waitForDocs([listener.doc], () => threadsFromDiscussion(listener.doc).length === 1);
    await waitForDocs(
      [drafter.doc],
      () => textOf(drafter.doc).includes("end") && partiesMap(drafter.doc).has("p-evil"),
    );

    const docx = await exportAs(created.id, created.token, "docx");
    expect(docx.status).toBe(200);
    const parts = docxParts(await docx.arrayBuffer());
    for (const [name, xml] of parts) expect(FORBIDDEN_CHAR.test(xml), name).toBe(false);
    expect(parts.get("word/document.xml")).toContain("textend");
    expect(parts.get("word/comments.xml")).toContain("bodyend");

    const html = await exportAs(created.id, created.token, "html");
    expect(html.status).toBe(200);
    const page = await html.text();
    expect(FORBIDDEN_CHAR.test(page)).toBe(false);
    expect(page).toContain("textend");

    await expectAlive();
    for (const client of [drafter, mediator, commenter, listener]) client.destroy();
  });
});

describe("titles, names and party names are one line of plain text (issue 14)", () => {
  const HOSTILE = "\u202EEvil\u0000 \u001B[2Jtitle\r\nsecond\u2066";
  const STRIPPED = "Evil [2Jtitle second";

  it("REST create and rename with NUL, ESC, RTL override and CRLF store them stripped", async () => {
    const created = await createFramework(server.url, HOSTILE, `Ana\u202E\r\nLima\u0000`);
    expect(created.title).toBe(STRIPPED);
    expect(created.access.name).toBe("Ana Lima");
    const renamed = await authorizedFetch(
      `${server.url}/api/frameworks/${created.id}`,
      created.token,
      {
        method: "PATCH",
        json: { title: `Renamed\u202D\u0007\r\n${HOSTILE}` },
      },
    );
    expect(renamed.status).toBe(200);
    const read = FrameworkWithAccess.parse(
      await (
        await authorizedFetch(`${server.url}/api/frameworks/${created.id}`, created.token)
      ).json(),
    );
    expect(read.title).toBe(`Renamed ${STRIPPED}`);
    expect(read.access.name).toBe("Ana Lima");
  });

  it("an invite name with controls and bidi overrides is stored, and fixed in its token, stripped", async () => {
    const created = await createFramework(server.url, "Invites");
    const invite = await createInvite(server.url, created.id, created.token, {
      role: "commenter",
      name: `\u2067Leila\u0007 Karimi\u202C\r\n`,
    });
    expect(invite.invite.name).toBe("Leila Karimi");
    const listed = InviteList.parse(
      await (
        await authorizedFetch(`${server.url}/api/frameworks/${created.id}/invites`, created.token)
      ).json(),
    );
    expect(listed.invites.find((i) => i.id === invite.id)?.name).toBe("Leila Karimi");
    const asInvitee = FrameworkWithAccess.parse(
      await (
        await authorizedFetch(`${server.url}/api/frameworks/${created.id}`, invite.token)
      ).json(),
    );
    expect(asInvitee.access.name).toBe("Leila Karimi");
    const onlyControls = await authorizedFetch(
      `${server.url}/api/frameworks/${created.id}/invites`,
      created.token,
      {
        method: "POST",
        json: { role: "commenter", name: "\u202E\u0000\r\n" },
      },
    );
    expect(onlyControls.status).toBe(400);
  });
});
