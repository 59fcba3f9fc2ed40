/**
 * The suggestion views: the text with its suggestions (the live editor), every suggestion
 * accepted, or the original (every suggestion rejected). They combine with the bracket views
 * (clean, with brackets, as a party would have it): the projection comes first.
 */
import { documentExtensions } from "@parley/shared/schema/extensions";
import { projectJson } from "@parley/shared/suggestions/projections";
import { getSchema, type JSONContent } from "@tiptap/core";
import type { Schema } from "@tiptap/pm/model";

export type SuggestionView = "shown" | "accepted" | "original";

export const SUGGESTION_VIEW_CHOICES: { value: SuggestionView; label: string }[] = [
  { value: "shown", label: "With suggestions" },
  { value: "accepted", label: "All suggestions accepted" },
  { value: "original", label: "Original (suggestions rejected)" },
];

export function parseSuggestionView(value: string): SuggestionView {
  return value === "accepted" || value === "original" ? value : "shown";
}

let schema: Schema | null = null;

/** The text as the suggestion view shows it (unchanged for "shown"). */
export function projectForView(json: JSONContent, view: SuggestionView): JSONContent {
  if (view === "shown") return json;
  schema ??= getSchema(documentExtensions());
  return projectJson(json, schema, view);
}

/** The sentence that says which suggestion view a read-only text shows; null for "shown". */
export function suggestionViewNote(view: SuggestionView): string | null {
  if (view === "accepted") return "Every suggestion accepted (a preview: nothing is decided).";
  if (view === "original") return "The original text: every suggestion left out.";
  return null;
}
