/**
 * The documents the browser bench opens, as ProseMirror JSON in the shared schema, and how they
 * are written into a framework's rooms:
 * - `paragraphsDocument`: a title and N paragraphs of ~300 characters (300 → ~90k characters);
 * - `phasedTerms`: terms to append to the phased reciprocal template (every 4th with a bracket of
 *   two options; the first `threads` with a comment anchored on their first words), with their
 *   status records and comment threads.
 * Deterministic: the same arguments give the same text and ids.
 */

import { createThread } from "@parley/shared/comments/commands";
import { documentSchema } from "@parley/shared/comments/documentAnchors";
import { termStatusMap } from "@parley/shared/model/maps";
import type { TermStatusRecord } from "@parley/shared/model/term";
import { TERM_CATEGORIES, TERM_STATUSES } from "@parley/shared/model/vocabulary";
import { DOCUMENT_FIELD } from "@parley/shared/protocol";
import type { JSONContent } from "@tiptap/core";
import { prosemirrorJSONToYXmlFragment } from "@tiptap/y-tiptap";
import * as Y from "yjs";

const WORDS = (
  "the parties agree to a phased withdrawal verified by the joint commission within sixty days " +
  "of entry into force each step is reciprocal and reversible should either side fail to report " +
  "sanctions relief follows the verified completion of the corresponding step"
).split(" ");

/** `length` characters of plain words, different for each `seed`. */
export function sentence(seed: number, length: number): string {
  let out = "";
  for (let i = 0; out.length < length; i++) {
    const word = WORDS[(seed * 7 + i * 3) % WORDS.length]!;
    out += out === "" ? word[0]!.toUpperCase() + word.slice(1) : ` ${word}`;
  }
  return `${out.slice(0, length - 1).trimEnd()}.`;
}

const text = (value: string, marks?: JSONContent["marks"]): JSONContent =>
  marks ? { type: "text", text: value, marks } : { type: "text", text: value };
const paragraph = (...content: JSONContent[]): JSONContent => ({ type: "paragraph", content });

export function paragraphsDocument(paragraphs: number, charsEach = 300): JSONContent {
  return {
    type: "doc",
    content: [
      { type: "heading", attrs: { level: 1 }, content: [text("Benchmark framework")] },
      ...Array.from({ length: paragraphs }, (_, i) => paragraph(text(sentence(i, charsEach)))),
    ],
  };
}

/** Characters of text in a ProseMirror JSON document. */
export function textLength(node: JSONContent): number {
  return (node.text?.length ?? 0) + (node.content ?? []).reduce((n, c) => n + textLength(c), 0);
}

export interface PhasedTerms {
  /** Blocks to append after the template's own (a heading, then the terms). */
  blocks: JSONContent[];
  statuses: [string, TermStatusRecord][];
  /** Thread id → the text its comment is anchored on. */
  threads: [string, string][];
}

const pad = (n: number) => String(n).padStart(4, "0");

export function phasedTerms(count: number, threads: number): PhasedTerms {
  const statuses: [string, TermStatusRecord][] = [];
  const threadList: [string, string][] = [];
  const blocks: JSONContent[] = [
    { type: "heading", attrs: { level: 2 }, content: [text("Further terms")] },
  ];
  const by = { name: "Bench", party: null };
  const at = "2026-12-01T00:00:00.000Z";
  for (let i = 0; i < count; i++) {
    const termId = `t-bench${pad(i)}`;
    const body = sentence(i + 1000, 220);
    const anchor = body.slice(0, 24);
    const threadId = i < threads ? `c-bench${pad(i)}` : null;
    const first = threadId
      ? [text(anchor, [{ type: "comment", attrs: { threadId } }]), text(body.slice(anchor.length))]
      : [text(body)];
    if (threadId) threadList.push([threadId, anchor]);
    const content: JSONContent[] = [paragraph(...first)];
    if (i % 4 === 0) {
      content.push(
        paragraph(
          text("Within "),
          {
            type: "bracket",
            attrs: { bracketId: `b-bench${pad(i)}` },
            content: ["party-a", "party-b"].map((party, k) => ({
              type: "bracketOption",
              attrs: {
                optionId: `o-bench${pad(i)}${k}`,
                proposedBy: party,
                supportedBy: [],
                opposedBy: [],
              },
              content: [text(k === 0 ? "thirty days" : "ninety days")],
            })),
          },
          text(" of the request."),
        ),
      );
    }
    blocks.push({
      type: "term",
      attrs: { termId, category: TERM_CATEGORIES[i % TERM_CATEGORIES.length]! },
      content,
    });
    const change = { status: TERM_STATUSES[i % TERM_STATUSES.length]!, by, at };
    statuses.push([termId, { ...change, history: [change] }]);
  }
  return { blocks, statuses, threads: threadList };
}

/** Writes `json`'s blocks after what `framework`'s text already holds, in one transaction. */
export function appendBlocks(framework: Y.Doc, blocks: JSONContent[]): void {
  const scratch = new Y.Doc();
  const fragment = scratch.getXmlFragment(DOCUMENT_FIELD);
  prosemirrorJSONToYXmlFragment(documentSchema(), { type: "doc", content: blocks }, fragment);
  const copies: (Y.XmlElement | Y.XmlText)[] = [];
  for (const node of fragment.toArray()) {
    if (node instanceof Y.XmlElement || node instanceof Y.XmlText) copies.push(node.clone());
  }
  const target = framework.getXmlFragment(DOCUMENT_FIELD);
  framework.transact(() => target.insert(target.length, copies));
  scratch.destroy();
}

export function writeStatuses(framework: Y.Doc, statuses: PhasedTerms["statuses"]): void {
  framework.transact(() => {
    const map = termStatusMap(framework);
    for (const [termId, record] of statuses) map.set(termId, record);
  });
}

export function writeThreads(discussion: Y.Doc, threads: PhasedTerms["threads"]): void {
  const writer = {
    actor: { name: "Bench", party: null },
    authorId: "a-bench",
    now: new Date("2026-12-01T00:00:00.000Z"),
  };
  for (const [threadId, quote] of threads) {
    const result = createThread(
      discussion,
      { threadId, body: `Should this read differently? (${threadId})`, quote },
      writer,
    );
    if (!result.ok) throw new Error(`thread ${threadId}: ${result.error.message}`);
  }
}
