/**
 * Export of pending suggestions from stored state: a mediator's real y-websocket client writes a
 * framework holding suggestions of every kind (by two parties' members and by an author whose
 * name is made of XML metacharacters); the server's own export route answers, and each output is
 * parsed back: DOCX unzipped and `word/document.xml` read with a strict XML parser (Word tracked
 * changes with the right author, date and text), HTML through jsdom (coloured spans, legend),
 * Markdown as text (original text, appendix); accepted and original are the projected texts.
 */
import { ApiError } from "@parley/shared/api";
import { parseHtml } from "@parley/shared/test/export/parseHtml";
import {
  ACCEPTED_LINES,
  AT_ANA,
  AT_BORIS,
  AT_EVE,
  HOSTILE_AUTHOR,
  ORIGINAL_LINES,
  writeSuggestionFixture,
} from "@parley/shared/test/export/suggestionFixtures";
import { resolvedParagraphs, wordRevisions } from "@parley/shared/test/export/wordRevisions";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectClient, textOf, waitForDocs, waitForSynced } from "../helpers/syncClient.js";
import { authorizedFetch, startTestServer, type TestServer } from "../helpers/testServer.js";

let server: TestServer;
let frameworkId: string;
let token: string;

beforeAll(async () => {
  server = await startTestServer();
  const created = await server.createFramework("Suggested Accord", "Mediator");
  frameworkId = created.id;
  token = created.token;
  const writer = connectClient(server.syncUrl, frameworkId, { token });
  const observer = connectClient(server.syncUrl, frameworkId, { token });
  await Promise.all([writer, observer].map((c) => waitForSynced(c.provider)));
  writeSuggestionFixture(writer.doc);
  await waitForDocs(
    [observer.doc],
    () => textOf(observer.doc) === textOf(writer.doc),
    "the observer to receive the suggestions",
  );
  writer.destroy();
  observer.destroy();
});

afterAll(async () => {
  await server.cleanup();
});

function exportOf(query: string): Promise<Response> {
  return authorizedFetch(
    `${server.url}/api/frameworks/${frameworkId}/export?${query}&annexes=false`,
    token,
  );
}

async function documentXml(query: string): Promise<string> {
  const response = await exportOf(query);
  expect(response.status).toBe(200);
  const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
  return new TextDecoder().decode(files["word/document.xml"]);
}

const wordDate = (iso: string) => iso.replace(".000Z", "Z");

/** Body paragraphs from the first section heading on (after the title block). */
const fromBody = (lines: string[]) => lines.slice(lines.indexOf("Verification"));

/** The Markdown body as lines of text, without article numbers, statuses or blank lines. */
function markdownLines(md: string): string[] {
  const appendix = md.indexOf("## Pending suggestions");
  const body = md.slice(md.indexOf("## Verification"), appendix < 0 ? md.length : appendix);
  return body
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) =>
      l
        .replace(/^## /, "")
        .replace(/^\*\*Art\. [\d.]+\*\* (\*\(Proposed\)\* )?/, "")
        .replace(/^- /, ""),
    );
}

describe("export with suggestions", () => {
  it("DOCX: Word tracked changes with each suggestion's author (name and party), date and text", async () => {
    const xml = await documentXml("format=docx");
    const revisions = wordRevisions(xml); // strict XML: a broken attribute would throw here
    const ana = { author: "Ana Lima (FP)", date: wordDate(AT_ANA) };
    const boris = { author: "Boris Roe (SP)", date: wordDate(AT_BORIS) };
    const runs = revisions.filter((r) => !r.paragraphMark);
    expect(runs).toContainEqual({
      tag: "w:del",
      text: "60",
      id: expect.any(String),
      paragraphMark: false,
      ...ana,
    });
    expect(runs).toContainEqual({
      tag: "w:ins",
      text: "90",
      id: expect.any(String),
      paragraphMark: false,
      ...ana,
    });
    expect(runs).toContainEqual(
      expect.objectContaining({ tag: "w:del", text: " and report", ...boris }),
    );
    expect(runs).toContainEqual(
      expect.objectContaining({ tag: "w:ins", text: "promptly ", ...boris }),
    );
    expect(runs).toContainEqual(
      expect.objectContaining({ tag: "w:ins", text: "A new article on guarantees.", ...boris }),
    );
    expect(revisions.filter((r) => r.paragraphMark).map((r) => [r.tag, r.author])).toEqual([
      ["w:ins", boris.author],
      ["w:ins", boris.author],
      ["w:del", ana.author],
      ["w:ins", ana.author],
    ]);
    const ids = revisions.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => /^\d+$/.test(id ?? ""))).toBe(true);
  });

  it("DOCX: an attacker-chosen author name is escaped, not markup", async () => {
    const xml = await documentXml("format=docx");
    expect(wordRevisions(xml)).toContainEqual(
      expect.objectContaining({
        tag: "w:ins",
        text: " online",
        author: HOSTILE_AUTHOR,
        date: wordDate(AT_EVE),
      }),
    );
    expect(xml).toContain(
      'w:author="Eve &lt;/w:t&gt;&lt;w:r&gt;&amp;amp;&quot;&apos;&lt;script&gt;"',
    );
  });

  it("DOCX: accepting or rejecting every change gives the accepted or the original export", async () => {
    const shown = await documentXml("format=docx&text=clean");
    const accepted = await documentXml("format=docx&text=clean&suggestions=accepted");
    const original = await documentXml("format=docx&text=clean&suggestions=original");
    expect(wordRevisions(accepted)).toEqual([]);
    expect(wordRevisions(original)).toEqual([]);
    expect(fromBody(resolvedParagraphs(accepted, "accepted"))).toEqual(ACCEPTED_LINES);
    expect(fromBody(resolvedParagraphs(original, "original"))).toEqual(ORIGINAL_LINES);
    expect(fromBody(resolvedParagraphs(shown, "accepted"))).toEqual(ACCEPTED_LINES);
    expect(fromBody(resolvedParagraphs(shown, "original"))).toEqual(ORIGINAL_LINES);
  });

  it("HTML: coloured underline and strike-through with a legend of authors and parties", async () => {
    const response = await exportOf("format=html");
    const doc = parseHtml(await response.text());
    const ins = Array.from(doc.querySelectorAll("main ins.sugg")).map((e) => e.textContent);
    const del = Array.from(doc.querySelectorAll("main del.sugg")).map((e) => e.textContent);
    expect(ins).toEqual(expect.arrayContaining(["90", "promptly ", " online"]));
    expect(del).toEqual(expect.arrayContaining(["60", " and report"]));
    expect(
      Array.from(doc.querySelectorAll(".suggestion-legend li")).map((li) => li.textContent),
    ).toEqual(["Ana Lima (FP) — First Party", "Boris Roe (SP) — Second Party", HOSTILE_AUTHOR]);
    expect(doc.querySelector("style")?.textContent).toContain(".sugg-a1 { --sugg: #b3412b; }");
    expect(doc.querySelectorAll("script")).toHaveLength(0);

    for (const view of ["accepted", "original"]) {
      const clean = parseHtml(await (await exportOf(`format=html&suggestions=${view}`)).text());
      expect(clean.querySelectorAll("ins, del, .suggestion-legend")).toHaveLength(0);
    }
  });

  it("Markdown: the original text and an appendix of the pending suggestions", async () => {
    const md = await (await exportOf("format=md")).text();
    expect(markdownLines(md)).toEqual(ORIGINAL_LINES);
    const appendix = md.slice(md.indexOf("## Pending suggestions"));
    expect(appendix).toContain(
      "1. **Replace** “60” with “90” (Art. 1.1) — Ana Lima (FP), party FP, 21 November 2026, 10:15 UTC",
    );
    expect(appendix.split("\n").filter((l) => /^\d+\. /.test(l))).toHaveLength(8);
  });

  it("Markdown: accepted and original are the projected texts, with no appendix", async () => {
    const accepted = await (await exportOf("format=md&suggestions=accepted")).text();
    const original = await (await exportOf("format=md&suggestions=original")).text();
    expect(markdownLines(accepted)).toEqual(ACCEPTED_LINES);
    expect(markdownLines(original)).toEqual(ORIGINAL_LINES);
    expect(accepted).not.toContain("Pending suggestions");
    expect(original).not.toContain("Pending suggestions");
  });

  it("refuses an unknown suggestions value with 400", async () => {
    const response = await exportOf("format=docx&suggestions=rejected");
    expect(response.status).toBe(400);
    const body = ApiError.parse(await response.json());
    expect(body.error.code).toBe("invalid_request");
    expect(body.error.message).toContain("suggestions must be one of show, accepted, original");
  });
});
