/**
 * Accept / reject / withdraw from the UI. Large decisions run in bounded batches
 * (`decideInBatches`), one transaction each, yielding to the browser between them, so accepting
 * 2,000 suggestions never freezes the page; `onProgress` says how far it got.
 */
import {
  decideInBatches,
  type SuggestionFilter,
  withdrawSuggestions,
} from "@parley/shared/suggestions/decisions";
import type { SuggestionDecision } from "@parley/shared/suggestions/projections";
import type { Editor } from "@tiptap/core";

export const DECISION_BATCH = 100;

function nextFrame(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Decides every suggestion matching `filter`; resolves with the number of batches dispatched. */
export async function decideSuggestions(
  editor: Editor,
  filter: SuggestionFilter,
  decision: SuggestionDecision,
  onProgress?: (batches: number) => void,
): Promise<number> {
  let batches = 0;
  for (const tr of decideInBatches(editor.view, filter, decision, DECISION_BATCH)) {
    if (editor.isDestroyed) break;
    editor.view.dispatch(tr);
    batches++;
    onProgress?.(batches);
    await nextFrame();
  }
  return batches;
}

/** The author takes back their own suggestion. */
export function withdrawSuggestion(editor: Editor, id: string, member: string): boolean {
  const tr = editor.state.tr;
  const withdrawn = withdrawSuggestions(tr, [id], member);
  if (withdrawn.length === 0) return false;
  editor.view.dispatch(tr);
  return true;
}
