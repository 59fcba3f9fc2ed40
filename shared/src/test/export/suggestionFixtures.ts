/**
 * Test-only: a framework text with pending suggestions of every kind (a replacement, an
 * insertion, a deletion, a proposed paragraph break, a proposed new article, an article proposed
 * for removal, a proposed list item) by two parties' members and by an author whose name is
 * made of XML and HTML metacharacters, and what it reads as with all accepted / all rejected.
 */
import type { JSONContent } from "@tiptap/core";
import { prosemirrorJSONToYXmlFragment } from "@tiptap/y-tiptap";
import type * as Y from "yjs";
import type { ExportSource } from "../../export/buildModel.js";
import { exportSchema } from "../../export/fromYDoc.js";
import { versionStamp } from "../../export/version.js";
import { documentFragment, partiesMap } from "../../model/maps.js";
import { EMPTY_SNAPSHOT } from "../../sequencing/snapshot.js";
import { FIXTURE_PARTIES } from "./fixtures.js";

/** An author name an attacker may choose: every XML and HTML metacharacter. */
export const HOSTILE_AUTHOR = `Eve </w:t><w:r>&amp;"'<script>`;

export const ANA = { name: "Ana Lima", party: "party-a", member: "m-ana" } as const;
export const BORIS = { name: "Boris Roe", party: "party-b", member: "m-boris" } as const;

export const AT_ANA = "2026-11-21T10:15:00.000Z";
export const AT_BORIS = "2026-11-22T14:30:00.000Z";
export const AT_EVE = "2026-11-23T08:00:00.000Z";

type Who = { name: string; party: string | null; member: string | null };

const attrs = (id: string, who: Who, at: string) => ({
  id,
  author: who.name,
  party: who.party,
  member: who.member,
  at,
});
const ins = (id: string, who: Who, at: string) => ({
  type: "suggestInsert",
  attrs: attrs(id, who, at),
});
const del = (id: string, who: Who, at: string) => ({
  type: "suggestDelete",
  attrs: attrs(id, who, at),
});
const text = (value: string, marks?: JSONContent["marks"]): JSONContent =>
  marks ? { type: "text", text: value, marks } : { type: "text", text: value };
const blockSuggestion = (kind: "insert" | "delete", id: string, who: Who, at: string) =>
  JSON.stringify({ kind, ...attrs(id, who, at) });
const para = (content: JSONContent[], suggestion?: string): JSONContent => ({
  type: "paragraph",
  ...(suggestion ? { attrs: { suggestion } } : {}),
  content,
});
const term = (id: string, content: JSONContent[], suggestion?: string): JSONContent => ({
  type: "term",
  attrs: { termId: id, category: "general", ...(suggestion ? { suggestion } : {}) },
  content,
});

const EVE: Who = { name: HOSTILE_AUTHOR, party: null, member: null };

export const SUGGESTION_DOC: JSONContent = {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 1 }, content: [text("Suggested Accord")] },
    { type: "heading", attrs: { level: 2 }, content: [text("Verification")] },
    term("t-one", [
      para([
        text("The Agency shall verify within "),
        text("60", [del("s-replace1", ANA, AT_ANA)]),
        text("90", [ins("s-replace1", ANA, AT_ANA)]),
        text(" days"),
        text(" and report", [del("s-delete1", BORIS, AT_BORIS)]),
        text("."),
      ]),
      para(
        [
          text("Reports are "),
          text("promptly ", [ins("s-insert1", BORIS, AT_BORIS)]),
          text("published"),
          text(" online", [ins("s-hostile", EVE, AT_EVE)]),
          text("."),
        ],
        blockSuggestion("insert", "s-split1", BORIS, AT_BORIS),
      ),
    ]),
    term(
      "t-new",
      [para([text("A new article on guarantees.")])],
      blockSuggestion("insert", "s-newterm", BORIS, AT_BORIS),
    ),
    term(
      "t-old",
      [para([text("An article proposed for removal.")])],
      blockSuggestion("delete", "s-dropterm", ANA, AT_ANA),
    ),
    term("t-last", [
      para([text("Sites:")]),
      {
        type: "bulletList",
        content: [
          { type: "listItem", content: [para([text("Declared sites")])] },
          {
            type: "listItem",
            attrs: { suggestion: blockSuggestion("insert", "s-item", ANA, AT_ANA) },
            content: [para([text("Undeclared sites", [ins("s-item", ANA, AT_ANA)])])],
          },
        ],
      },
    ]),
  ],
};

/** Text of the body blocks, one line per paragraph, with every suggestion accepted. */
export const ACCEPTED_LINES = [
  "Verification",
  "The Agency shall verify within 90 days.",
  "Reports are promptly published online.",
  "A new article on guarantees.",
  "Sites:",
  "Declared sites",
  "Undeclared sites",
];

/** …and with every suggestion rejected (the split paragraph joined back). */
export const ORIGINAL_LINES = [
  "Verification",
  "The Agency shall verify within 60 days and report.Reports are published.",
  "An article proposed for removal.",
  "Sites:",
  "Declared sites",
];

export const SUGGESTION_SOURCE: ExportSource = {
  title: "Stored title",
  version: versionStamp("2026-11-24T16:45:00.000Z", new Uint8Array([4, 5, 6])),
  doc: SUGGESTION_DOC,
  parties: FIXTURE_PARTIES,
  termStatuses: new Map(),
  threads: [],
  sequencing: EMPTY_SNAPSHOT,
};

/** Writes the suggestion fixture's text and parties into a real Y.Doc. */
export function writeSuggestionFixture(doc: Y.Doc): void {
  doc.transact(() => {
    prosemirrorJSONToYXmlFragment(exportSchema(), SUGGESTION_DOC, documentFragment(doc));
    for (const party of FIXTURE_PARTIES) partiesMap(doc).set(party.id, party);
  });
}
