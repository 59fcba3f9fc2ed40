/**
 * The framework's main column: the framework commands, the choice of what to show (the text, the
 * stance matrix, progress) and, for the text, which view (with brackets and editable, clean, or as
 * one party would have it). The live editor stays mounted (hidden) whatever is shown.
 */
import "./framework.css";
import { type ReactNode, useState } from "react";
import { AuthorColoursToggle } from "../authorship/AuthorColoursToggle.js";
import { StanceMatrix } from "../stances/StanceMatrix.js";
import { parseSuggestionView, SUGGESTION_VIEW_CHOICES } from "../suggestions/suggestionViews.js";
import { FrameworkCommands } from "./FrameworkCommands.js";
import { useFrameworkSelector } from "./FrameworkContext.js";
import { ProgressPanel } from "./ProgressPanel.js";
import { ReadOnlyView } from "./ReadOnlyView.js";
import { effectiveView, viewChoices } from "./viewChoices.js";

type Tab = "text" | "matrix" | "progress";

const TABS: { value: Tab; label: string }[] = [
  { value: "text", label: "Text" },
  { value: "matrix", label: "Stance matrix" },
  { value: "progress", label: "Progress" },
];

interface FrameworkMainProps {
  children: ReactNode;
  /** Offers "Colour by author" (the authors of this framework's text). */
  frameworkId?: string;
  /** The person may comment; `onComment` opens the comment box for the selection. */
  canComment: boolean;
  onComment: () => void;
}

export function FrameworkMain({
  children,
  frameworkId,
  canComment,
  onComment,
}: FrameworkMainProps) {
  const parties = useFrameworkSelector((s) => s.parties);
  const [tab, setTab] = useState<Tab>("text");
  const [chosenView, setChosenView] = useState("brackets");
  const view = effectiveView(chosenView, parties);
  const choices = viewChoices(parties);
  const viewTitle = choices.find((c) => c.value === view)?.label ?? "Text";
  const [suggestionView, setSuggestionView] = useState("shown");
  const suggestions = parseSuggestionView(suggestionView);
  const editing = tab === "text" && view === "brackets" && suggestions === "shown";
  return (
    <div className="framework-main">
      <div className="framework-bar">
        <div className="tabs" role="tablist" aria-label="Show">
          {TABS.map((t) => (
            <button
              key={t.value}
              type="button"
              role="tab"
              aria-selected={tab === t.value}
              className="tab"
              onClick={() => setTab(t.value)}
            >
              {t.label}
            </button>
          ))}
        </div>
        {tab === "text" && (
          <label className="view-select">
            <span>View</span>
            <select
              className="text-input"
              aria-label="Text view"
              value={view}
              onChange={(event) => setChosenView(event.target.value)}
            >
              {choices.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </select>
          </label>
        )}
        {tab === "text" && (
          <label className="view-select">
            <span>Suggestions</span>
            <select
              className="text-input"
              aria-label="Suggestions view"
              value={suggestions}
              onChange={(event) => setSuggestionView(event.target.value)}
            >
              {SUGGESTION_VIEW_CHOICES.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </select>
          </label>
        )}
        {editing && frameworkId !== undefined && <AuthorColoursToggle frameworkId={frameworkId} />}
      </div>
      {editing && <FrameworkCommands canComment={canComment} onComment={onComment} />}
      {tab === "text" && !editing && (
        <ReadOnlyView view={view} title={viewTitle} suggestions={suggestions} />
      )}
      {tab === "matrix" && <StanceMatrix />}
      {tab === "progress" && <ProgressPanel />}
      <div hidden={!editing}>{children}</div>
    </div>
  );
}
