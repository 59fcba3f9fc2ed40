/**
 * Export over HTTP from stored state: a real server stores a framework written by a real
 * y-websocket client; the export router (mounted on its own express app over the same SQLite
 * data directory, as `app.ts` will mount it) answers every format, and each output is parsed
 * back and checked: DOCX unzipped (document, comments, numbering), PDF through pdftotext, HTML
 * through jsdom, Markdown as text.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DATABASE_FILE } from "@parley/server";
import { silentLogger } from "@parley/server/core/types";
import { storageLoader } from "@parley/server/export/loadFramework";
import { createExportApp } from "@parley/server/export/standaloneApp";
import { HttpError } from "@parley/server/http/errors";
import type { ExportRouterDeps } from "@parley/server/http/exportRouter";
import type { DocumentStorage } from "@parley/server/storage/documentStorage";
import { openSqliteStorage } from "@parley/server/storage/sqliteStorage";
import type { ApiError } from "@parley/shared/api";
import { threadsFromDiscussion } from "@parley/shared/export/threads";
import { roomNameToString } from "@parley/shared/protocol";
import {
  ARABIC,
  CYRILLIC,
  HOSTILE_IMG,
  HOSTILE_SCRIPT,
  NON_ASCII_TITLE,
} from "@parley/shared/test/export/fixtures";
import { parseHtml } from "@parley/shared/test/export/parseHtml";
import {
  writeFixture,
  writeFixtureSequencing,
  writeFixtureThreads,
} from "@parley/shared/test/export/writeFixture";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectClient, textOf, waitForDocs, waitForSynced } from "../helpers/syncClient.js";
import { createFramework, startTestServer, type TestServer } from "../helpers/testServer.js";

let server: TestServer;
let storage: DocumentStorage;
let exportServer: Server;
let exportUrl: string;
let frameworkId: string;
let scratch: string;

const DENY_HEADER = "x-test-deny";

async function listen(deps: Partial<ExportRouterDeps>): Promise<{ server: Server; url: string }> {
  const app = createExportApp(
    {
      loadFramework: storageLoader(storage),
      checkAccess: (req) => {
        if (req.get(DENY_HEADER))
          throw new HttpError(403, "forbidden", "No access to this framework.");
      },
      ...deps,
    },
    silentLogger,
  );
  const http = createServer(app);
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  return { server: http, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` };
}

function close(http: Server): Promise<void> {
  return new Promise((resolve) => http.close(() => resolve()));
}

/** Writes the fixture framework through a real client; resolves once a second client has it (durable). */
async function writeFramework(id: string, token: string | undefined): Promise<void> {
  const writer = connectClient(server.syncUrl, id, { token });
  const observer = connectClient(server.syncUrl, id, { token });
  const discussionRoom = roomNameToString({ kind: "discussion", frameworkId: id });
  const commenter = connectClient(server.syncUrl, discussionRoom, { token });
  const listener = connectClient(server.syncUrl, discussionRoom, { token });
  await Promise.all([writer, observer, commenter, listener].map((c) => waitForSynced(c.provider)));
  const doc = writer.doc;
  writeFixture(doc);
  writeFixtureThreads(commenter.doc);
  writeFixtureSequencing(doc, {
    termIds: ["t-one", "t-two", "t-three", "t-lead"],
    step: {
      actorPartyId: "party-b",
      action: "Suspends the listed measures",
      termId: "t-three",
      offsetDays: 30,
    },
    verifier: { bodyName: "Verification Agency", verifies: `Site access ${ARABIC}` },
  });
  await waitForDocs(
    [observer.doc],
    () =>
      textOf(observer.doc) === textOf(doc) &&
      observer.doc.getMap("sequencing.mechanisms").size === 1,
    "the observer to receive the fixture",
  );
  await waitForDocs(
    [listener.doc],
    () => threadsFromDiscussion(listener.doc).length === 3,
    "the threads to reach the server",
  );
  for (const client of [writer, observer, commenter, listener]) client.destroy();
}

beforeAll(async () => {
  server = await startTestServer();
  const created = await createFramework(server.url, NON_ASCII_TITLE);
  frameworkId = created.id;
  await writeFramework(frameworkId, "token" in created ? String(created.token) : undefined);
  storage = openSqliteStorage(join(server.dataDir, DATABASE_FILE));
  ({ server: exportServer, url: exportUrl } = await listen({}));
  scratch = mkdtempSync(join(tmpdir(), "parley-export-test-"));
});

afterAll(async () => {
  await close(exportServer);
  await storage.close();
  await server.cleanup();
  rmSync(scratch, { recursive: true, force: true });
});

async function get(query: string, init: RequestInit = {}, base = exportUrl): Promise<Response> {
  return fetch(`${base}/api/frameworks/${frameworkId}/export?${query}`, init);
}

async function expectError(response: Response, status: number, code: string): Promise<string> {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toContain("application/json");
  const body = (await response.json()) as ApiError;
  expect(body.error.code).toBe(code);
  return body.error.message;
}

/** The text of each `<w:p>` of a WordprocessingML part. */
function paragraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) =>
    [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
      .map((t) => unescapeXml(t[1] ?? ""))
      .join(""),
  );
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

const ENCODED_TITLE = "Tehran%E2%80%93Washington%20%C2%ABverification%C2%BB%20%E2%9C%93";

describe("GET /api/frameworks/:id/export", () => {
  it("Markdown: headings, numbered articles, brackets as text, non-ASCII, escaped user text", async () => {
    const response = await get("format=md&comments=true");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="Tehran-Washington _verification_ _.md"; filename*=UTF-8''${ENCODED_TITLE}.md`,
    );
    const md = await response.text();
    expect(md.startsWith(`# ${NON_ASCII_TITLE}\n`)).toBe(true);
    expect(md).toContain(
      "**Art. 1.1** *(Proposed)* The Agency [shall]^FP^ [should]^SP^ **verify**",
    );
    expect(md).toContain(`${ARABIC} and ${CYRILLIC}`);
    expect(md).toContain("\\<script\\>alert('x')\\</script\\>");
    expect(md).toContain("## Annex I: Sequencing of steps");
    expect(md).toContain(
      "| S1 | Phase 1 | Second Party | Suspends the listed measures (Art. 2.1) |",
    );
    expect(md).toContain("[^c1]: **Leila Karimi (FP)**");
  });

  it("HTML: standalone, escaped, numbered, with annexes and comments", async () => {
    const response = await get("format=html&comments=true");
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    const doc = parseHtml(await response.text());
    expect(doc.querySelectorAll("script")).toHaveLength(0);
    expect(Array.from(doc.querySelectorAll("*")).some((el) => el.hasAttribute("onerror"))).toBe(
      false,
    );
    expect(doc.querySelector("h1.title")?.textContent).toBe(NON_ASCII_TITLE);
    const preamble = doc.querySelector("main > p")?.textContent ?? "";
    expect(preamble).toContain(HOSTILE_SCRIPT);
    expect(preamble).toContain(HOSTILE_IMG);
    expect(
      Array.from(doc.querySelectorAll(".term-number")).map((n) => n.firstChild?.textContent),
    ).toEqual(["Art. 1", "Art. 1.1", "Art. 1.2", "Art. 2.1"]);
    expect(doc.querySelector("#t-one")?.textContent).toContain(`${ARABIC} and ${CYRILLIC}`);
    expect(Array.from(doc.querySelectorAll(".annex-label")).map((h) => h.textContent)).toEqual([
      "Annex I",
      "Annex II",
      "Annex III", // the milestones: the fixture defines Adoption Day
    ]);
    expect(doc.querySelector("section.annex td")?.textContent).toBe("S1");
    expect(doc.getElementById("c1")?.textContent).toContain("Ivan Petrov (SP)");
  });

  it("DOCX: headings, Word numbering of articles, brackets, tables, comments on their spans, annexes", async () => {
    const response = await get("format=docx&comments=true");
    expect(response.headers.get("content-type")).toBe(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
    expect(response.headers.get("content-disposition")).toContain(
      `filename*=UTF-8''${ENCODED_TITLE}.docx`,
    );
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const xml = (name: string) => new TextDecoder().decode(files[name]);
    const document = xml("word/document.xml");
    const texts = paragraphs(document);
    expect(texts).toContain(NON_ASCII_TITLE);
    expect(document).toContain('<w:pStyle w:val="Title"/>');
    expect(document).toContain('<w:pStyle w:val="Heading2"/>');
    expect(texts.some((t) => t.includes(HOSTILE_SCRIPT) && t.includes(HOSTILE_IMG))).toBe(true);
    expect(texts).toContain(
      `The Agency [shall]FP [should]SP verify ${ARABIC} and ${CYRILLIC} at every site. (Proposed)`,
    );
    expect(document).toContain('<w:vertAlign w:val="superscript"/>');

    // Real Word numbering: the articles level reads "Art. %1.%2", driven by the section headings.
    const numbering = xml("word/numbering.xml");
    expect(numbering).toContain('<w:lvlText w:val="Art. %1.%2"/>');
    expect(numbering).toContain('<w:lvlText w:val="Art. %1"/>');
    const numbered = [
      ...document.matchAll(
        /<w:p>(?:(?!<\/w:p>)[\s\S])*?<w:ilvl w:val="(\d)"\/>(?:(?!<\/w:p>)[\s\S])*?<\/w:p>/g,
      ),
    ];
    const articleParagraphs = numbered.filter((m) => m[1] === "1").map((m) => paragraphs(m[0])[0]);
    // Art. 1.1, Art. 1.2, and Art. 2.1 (its number stands on its own line above its list).
    expect(articleParagraphs.map((t) => t?.slice(0, 12))).toEqual([
      "The Agency [",
      "Reports go t",
      "(Proposed)",
    ]);
    expect(texts).toContain("Declared sites");

    // Tables: the body table and the annexes (steps, mechanisms, milestones).
    expect((document.match(/<w:tbl>/g) ?? []).length).toBe(4);
    expect(texts).toContain("90 days | 3 months");
    expect(texts).toContain("ANNEX I");
    expect(texts).toContain("Suspends the listed measures (Art. 2.1)");
    expect(texts).toContain(`Site access ${ARABIC}`);

    // Comments: a range around exactly the commented span, replies in the comment's text.
    const comments = xml("word/comments.xml");
    const commentTexts = paragraphs(comments);
    expect(commentTexts).toContain(`Check the ${ARABIC} wording ${HOSTILE_SCRIPT}`);
    expect(commentTexts).toContain(
      `Reply — Ivan Petrov (SP), 20 November 2026, 10:00 UTC: Agreed: ${CYRILLIC}.`,
    );
    expect(commentTexts).toContain("Proposed wording: “verify all sites”");
    expect(comments).toContain('w:author="Leila Karimi (FP)"');
    expect(commentTexts.join(" ")).not.toContain("Done.");
    const start = document.indexOf('<w:commentRangeStart w:id="0"/>');
    const end = document.indexOf('<w:commentRangeEnd w:id="0"/>');
    expect(start).toBeGreaterThan(0);
    expect(end).toBeGreaterThan(start);
    const inside = [...document.slice(start, end).matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
      .map((t) => t[1])
      .join("");
    expect(inside).toBe(`${ARABIC} and ${CYRILLIC} at every site.`);
    expect(document).toContain('<w:commentReference w:id="0"/>');
    // The thread whose text was deleted hangs on the title.
    expect(document).toContain('<w:commentRangeStart w:id="1"/>');
  });

  it("PDF: title block, version, numbered articles, text, annexes, page numbers (pdftotext)", async () => {
    const response = await get("format=pdf&comments=true");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    const file = join(scratch, "export.pdf");
    writeFileSync(file, Buffer.from(await response.arrayBuffer()));
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
    expect(text).toContain(NON_ASCII_TITLE.toUpperCase());
    expect(text).toMatch(/Draft of \d+ \w+ \d{4}, \d\d:\d\d UTC · rev [0-9a-f]{8}/);
    for (const label of ["Art. 1", "Art. 1.1", "Art. 1.2", "Art. 2.1"])
      expect(text).toContain(label);
    expect(text).toContain("The Agency [shall]");
    expect(text).toContain(CYRILLIC);
    expect(text).toContain(ARABIC);
    expect(text).toContain(HOSTILE_SCRIPT);
    expect(text).toContain("ANNEX I");
    expect(text).toContain("Suspends the listed measures");
    expect(text).toMatch(/Page 1 of [2-9]/);
  });

  it("applies the options: clean text, non-paper, no comments, no annexes", async () => {
    const md = await (
      await get("format=md&text=clean&nonPaper=1&comments=true&annexes=false")
    ).text();
    expect(md).toContain("*Non-paper · Draft of");
    expect(md).toContain("The Agency shall† **verify**");
    expect(md).not.toMatch(/\^FP\^|Karimi|Petrov/);
    expect(md).toContain("[^c1]: **Participant**");
    expect(md).not.toContain("Annex I");
    const plain = await (await get("format=md")).text();
    expect(plain).not.toContain("[^c1]");
  });

  it("refuses bad options with 400, unknown frameworks with 404, denied access with 403", async () => {
    expect(await expectError(await get("format=rtf"), 400, "invalid_request")).toContain(
      "format must be one of",
    );
    expect(await expectError(await get("format=md&colour=red"), 400, "invalid_request")).toContain(
      'Unknown option "colour"',
    );
    expect(await expectError(await get("format=md&format=pdf"), 400, "invalid_request")).toContain(
      "format",
    );
    await expectError(await get(""), 400, "invalid_request");
    await expectError(
      await fetch(`${exportUrl}/api/frameworks/nosuchframework/export?format=md`),
      404,
      "not_found",
    );
    await expectError(
      await fetch(`${exportUrl}/api/frameworks/bad!id/export?format=md`),
      404,
      "not_found",
    );
    await expectError(
      await get("format=md", { headers: { [DENY_HEADER]: "1" } }),
      403,
      "forbidden",
    );
  });

  it("answers 503 when no Chromium can print, and keeps serving", async () => {
    for (const chromiumPath of [null, join(scratch, "no-such-chromium")]) {
      const other = await listen({ chromiumPath });
      try {
        const message = await expectError(
          await get("format=pdf", {}, other.url),
          503,
          "pdf_unavailable",
        );
        expect(message).toContain("Chromium");
        expect((await get("format=md", {}, other.url)).status).toBe(200);
      } finally {
        await close(other.server);
      }
    }
  });
});
