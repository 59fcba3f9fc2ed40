/**
 * The pending suggestions of a document, one record per id, with a one-line summary for the
 * margin card, the export's appendix and the audit ("Replace "within 60 days" with "within 90
 * days"", "Insert "…"", "Delete "…"", "New paragraph", "New term", "Remove term").
 */
import type { Node as PMNode } from "@tiptap/pm/model";
import { NODE } from "../schema/nodeNames.js";
import { groupParts, MALFORMED_ID, type SuggestionPart, suggestionParts } from "./parts.js";

export type SuggestionKind = "insert" | "delete" | "replace" | "block";

export interface SuggestionBlockInfo {
  kind: "insert" | "delete";
  /** The node type: paragraph, heading, term, listItem. */
  nodeType: string;
  /** Position of the block (before its opening token). */
  pos: number;
}

export interface SuggestionRecord {
  id: string;
  kind: SuggestionKind;
  /** The text proposed for insertion (every insert part, in document order). */
  insertedText: string;
  /** The text proposed for deletion. */
  deletedText: string;
  author: string;
  party: string | null;
  member: string | null;
  at: string;
  /** From the first part's start to the last part's end. */
  from: number;
  to: number;
  /** The first block part, if the suggestion has one. */
  block: SuggestionBlockInfo | null;
  parts: SuggestionPart[];
  summary: string;
}

/** Whitespace collapsed, at most `max` characters, cut at a word boundary when one is near. */
export function clipText(text: string, max = 40): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

const BLOCK_LABELS: Record<string, string> = {
  [NODE.paragraph]: "paragraph",
  [NODE.heading]: "heading",
  [NODE.term]: "term",
  listItem: "list item",
};

export function summarize(
  kind: SuggestionKind,
  insertedText: string,
  deletedText: string,
  block: SuggestionBlockInfo | null,
): string {
  const ins = `"${clipText(insertedText)}"`;
  const del = `"${clipText(deletedText)}"`;
  if (block) {
    const label = BLOCK_LABELS[block.nodeType] ?? "block";
    if (block.kind === "insert") {
      const title = `New ${label}`;
      return insertedText.trim() ? `${title}: ${ins}` : title;
    }
    if (block.nodeType === NODE.paragraph || block.nodeType === NODE.heading) {
      return deletedText.trim()
        ? `Delete ${del} and join the ${label} to the previous one`
        : `Join the ${label} to the previous one`;
    }
    const title = `Remove ${label}`;
    return deletedText.trim() ? `${title}: ${del}` : title;
  }
  if (kind === "replace") return `Replace ${del} with ${ins}`;
  if (kind === "insert") return `Insert ${ins}`;
  return `Delete ${del}`;
}

function recordOf(id: string, parts: SuggestionPart[]): SuggestionRecord | null {
  let insertedText = "";
  let deletedText = "";
  let block: SuggestionBlockInfo | null = null;
  let attrs = null as {
    author: string;
    party: string | null;
    member: string | null;
    at: string;
  } | null;
  for (const part of parts) {
    if (part.type === "block") {
      block ??= { kind: part.attrs.kind, nodeType: part.node.type.name, pos: part.from };
      attrs ??= part.attrs;
      continue;
    }
    if (!part.attrs) continue;
    attrs ??= part.attrs;
    if (part.type === "insert") insertedText += part.text;
    else deletedText += part.text;
  }
  if (!attrs) return null;
  const hasInsert = parts.some((p) => p.type === "insert");
  const hasDelete = parts.some((p) => p.type === "delete");
  const kind: SuggestionKind = block
    ? "block"
    : hasInsert && hasDelete
      ? "replace"
      : hasInsert
        ? "insert"
        : "delete";
  return {
    id,
    kind,
    insertedText,
    deletedText,
    author: attrs.author,
    party: attrs.party,
    member: attrs.member,
    at: attrs.at,
    from: Math.min(...parts.map((p) => p.from)),
    to: Math.max(...parts.map((p) => p.to)),
    block,
    parts,
    summary: summarize(kind, insertedText, deletedText, block),
  };
}

/** Every pending suggestion of `doc`, in order of its first part. Malformed marks are left out. */
export function listSuggestions(doc: PMNode): SuggestionRecord[] {
  const out: SuggestionRecord[] = [];
  for (const [id, parts] of groupParts(suggestionParts(doc))) {
    if (id === MALFORMED_ID) continue;
    const record = recordOf(id, parts);
    if (record) out.push(record);
  }
  return out;
}
