/**
 * What Suggesting mode refuses, and the sentence it says why. Suggestions track text, paragraph
 * breaks and terms; formatting (bold, links, heading levels, lists, a term's category) is not
 * tracked: it is refused with a hint, before anything changes. Pure.
 */
import { COMMENT_MARK } from "@parley/shared/comments/markNames";
import type { Fragment } from "@tiptap/pm/model";
import type { Transaction } from "@tiptap/pm/state";
import { AddMarkStep, RemoveMarkStep, ReplaceStep } from "@tiptap/pm/transform";

export const FORMATTING_REFUSED =
  "Formatting can't be suggested; switch to Editing or ask a drafter.";
export const CONTENT_REFUSED =
  "Only text, paragraphs and terms can be suggested; switch to Editing or ask a drafter.";

/** Node types a suggestion may insert: text in paragraphs, headings, terms and list items. */
const INSERTABLE = new Set(["text", "paragraph", "heading", "term", "listItem"]);

function insertsOnly(fragment: Fragment): boolean {
  let allowed = true;
  fragment.descendants((node) => {
    if (!INSERTABLE.has(node.type.name)) allowed = false;
    return allowed;
  });
  fragment.forEach((node) => {
    if (!INSERTABLE.has(node.type.name)) allowed = false;
  });
  return allowed;
}

/** Why a local transaction cannot be made into a suggestion; null when it can. */
export function suggestingRefusal(tr: Transaction): string | null {
  for (const step of tr.steps) {
    if (step instanceof AddMarkStep || step instanceof RemoveMarkStep) {
      if (step.mark.type.name !== COMMENT_MARK) return FORMATTING_REFUSED;
      continue;
    }
    if (step instanceof ReplaceStep) {
      if (!insertsOnly(step.slice.content)) return CONTENT_REFUSED;
      continue;
    }
    // ReplaceAroundStep (wrap, lift, heading level), AttrStep, node marks: formatting.
    return FORMATTING_REFUSED;
  }
  return null;
}
