/**
 * The text with every pending suggestion accepted, or every one rejected ("original"), for
 * `suggestions=accepted|original`: the suggestions core's projections (`suggestions/projections.ts`,
 * the same the editor's views and the server's rule use) on the export's ProseMirror JSON, read
 * with the export schema. Pure; the input is not changed.
 */
import type { JSONContent } from "@tiptap/core";
import { SUGGEST_DELETE_MARK, SUGGEST_INSERT_MARK } from "../schema/nodeNames.js";
import { BLOCK_SUGGESTION_ATTR, readBlockSuggestion } from "../schema/suggestion.js";
import { projectJson } from "../suggestions/projections.js";
import { exportSchema } from "./fromYDoc.js";

export type ResolvedView = "accepted" | "original";

/** The document as it reads with every suggestion accepted, or with every one rejected. */
export function resolveSuggestions(doc: JSONContent, view: ResolvedView): JSONContent {
  return projectJson(doc, exportSchema(), view);
}

/** How many distinct suggestions (by id) the document holds: text marks and block attributes. */
export function countSuggestions(doc: JSONContent): number {
  const ids = new Set<string>();
  let anonymous = 0;
  const stack: JSONContent[] = [doc];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    for (const mark of node.marks ?? []) {
      if (mark.type !== SUGGEST_INSERT_MARK && mark.type !== SUGGEST_DELETE_MARK) continue;
      const id: unknown = mark.attrs?.id;
      if (typeof id === "string") ids.add(id);
      else anonymous++;
    }
    const block = readBlockSuggestion(node.attrs?.[BLOCK_SUGGESTION_ATTR]);
    if (block) ids.add(block.id);
    for (const child of node.content ?? []) stack.push(child);
  }
  return ids.size + anonymous;
}
