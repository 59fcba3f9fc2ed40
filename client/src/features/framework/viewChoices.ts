/** The text views a reader can pick: the live text with brackets, clean, or as one party would have it. */
import type { Party } from "@parley/shared/model/party";
import { parseTextView, type TextView } from "@parley/shared/model/views";

export interface ViewChoice {
  value: TextView;
  label: string;
}

export function viewChoices(parties: readonly Party[]): ViewChoice[] {
  return [
    { value: "brackets", label: "With brackets (editing)" },
    { value: "clean", label: "Clean text" },
    ...parties.map((p) => ({
      value: `party:${p.id}` as TextView,
      label: `As ${p.shortName} would have it`,
    })),
  ];
}

/**
 * The view to show: the chosen one while it exists, else the editable text (a party view falls
 * back when that party is removed).
 */
export function effectiveView(chosen: string, parties: readonly Party[]): TextView {
  const view = parseTextView(chosen);
  if (view === null) return "brackets";
  if (view.startsWith("party:")) {
    const id = view.slice("party:".length);
    if (!parties.some((p) => p.id === id)) return "brackets";
  }
  return view;
}
