/** Test-only: building documents with suggestions in the document schema. */
import { getSchema } from "@tiptap/core";
import type { Mark, Node as PMNode, Schema } from "@tiptap/pm/model";
import { documentExtensions } from "../schema/extensions.js";
import { BLOCK_SUGGESTION_ATTR } from "../schema/nodeNames.js";
import {
  type BlockSuggestion,
  type SuggestionAttrs,
  writeBlockSuggestion,
} from "../schema/suggestion.js";

export const schema: Schema = getSchema(documentExtensions());

export const AT = "2026-12-06T08:00:00.000Z";
export const ANNA = { name: "Anna", party: "p-a", member: "m-anna" } as const;
export const BORIS = { name: "Boris", party: "p-b", member: "m-boris" } as const;

export function by(
  who: { name: string; party: string | null; member: string },
  id: string,
): SuggestionAttrs {
  return { id, author: who.name, party: who.party, member: who.member, at: AT };
}

type Inline = PMNode | string;

function inline(items: Inline[]): PMNode[] {
  return items.map((item) => (typeof item === "string" ? schema.text(item) : item));
}

export function text(value: string, ...marks: Mark[]): PMNode {
  return schema.text(value, marks);
}

export function ins(value: string, attrs: SuggestionAttrs, ...marks: Mark[]): PMNode {
  return schema.text(value, [...marks, schema.mark("suggestInsert", attrs)]);
}

export function del(value: string, attrs: SuggestionAttrs, ...marks: Mark[]): PMNode {
  return schema.text(value, [...marks, schema.mark("suggestDelete", attrs)]);
}

export function comment(threadId: string): Mark {
  return schema.mark("comment", { threadId });
}

export function bold(): Mark {
  return schema.mark("bold");
}

function blockAttr(suggestion?: BlockSuggestion | null): Record<string, unknown> {
  return suggestion ? { [BLOCK_SUGGESTION_ATTR]: writeBlockSuggestion(suggestion) } : {};
}

export function p(...items: Inline[]): PMNode {
  return schema.node("paragraph", null, inline(items));
}

/** A paragraph with a block suggestion. */
export function sp(suggestion: BlockSuggestion, ...items: Inline[]): PMNode {
  return schema.node("paragraph", blockAttr(suggestion), inline(items));
}

export function term(
  termId: string,
  children: PMNode[],
  suggestion?: BlockSuggestion,
  category = "general",
): PMNode {
  return schema.node("term", { termId, category, ...blockAttr(suggestion) }, children);
}

export function list(...items: PMNode[]): PMNode {
  return schema.node("bulletList", null, items);
}

export function li(children: PMNode[], suggestion?: BlockSuggestion): PMNode {
  return schema.node("listItem", blockAttr(suggestion), children);
}

export function doc(...blocks: PMNode[]): PMNode {
  return schema.node("doc", null, blocks);
}

export function block(
  kind: "insert" | "delete",
  who: { name: string; party: string | null; member: string },
  id: string,
): BlockSuggestion {
  return { kind, ...by(who, id) };
}
