/**
 * The mode switch of the toolbar (Editing / Suggesting / Viewing, Ctrl+Alt+Shift+E/S/V), the
 * mediator's "Track all changes" switch, and the line that says why a change was refused in
 * Suggesting mode or why Editing is not offered.
 */
import "./suggestions.css";
import { setTrackAllChanges } from "@parley/shared/model/settings";
import { useEffect, useState } from "react";
import type * as Y from "yjs";
import { onSuggestingRefused } from "../../editor/suggesting/suggesting.js";
import type { EditorMode } from "../../editor/suggesting/suggestionAuthor.js";
import { isMac, keyLabel, SHORTCUTS } from "../shortcuts/shortcutList.js";
import { MODE_LABELS } from "./editorModes.js";
import type { EditorModeState } from "./useEditorMode.js";

const KEYS: Record<EditorMode, { code: string; key: string }> = {
  editing: { code: "KeyE", key: SHORTCUTS.modeEditing.key },
  suggesting: { code: "KeyS", key: SHORTCUTS.modeSuggesting.key },
  viewing: { code: "KeyV", key: SHORTCUTS.modeViewing.key },
};

export function ModeSwitch({
  state,
  framework,
  isMediator,
}: {
  state: EditorModeState;
  framework: Y.Doc;
  isMediator: boolean;
}) {
  const { mode, choices, setMode, trackAll } = state;
  const [hint, setHint] = useState<string | null>(null);

  useEffect(() => onSuggestingRefused(setHint), []);
  useEffect(() => {
    if (hint === null) return;
    const timer = window.setTimeout(() => setHint(null), 6000);
    return () => window.clearTimeout(timer);
  }, [hint]);
  const [hintMode, setHintMode] = useState(mode);
  if (hintMode !== mode) {
    // A new mode: the previous mode's refusal no longer applies.
    setHintMode(mode);
    setHint(null);
  }

  // `code`, not `key`: with Alt held a Mac types other characters.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || !event.altKey || !event.shiftKey) return;
      const target = choices.modes.find((m) => KEYS[m].code === event.code);
      if (!target) return;
      event.preventDefault();
      setMode(target);
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [choices, setMode]);

  const mac = isMac();
  return (
    <div className="mode-switch" data-mode={mode}>
      <label className="mode-select">
        <span className="visually-hidden">Mode</span>
        <select
          className="block-select"
          aria-label="Mode"
          value={mode}
          onChange={(event) => setMode(event.target.value as EditorMode)}
          title={choices.modes
            .map((m) => `${MODE_LABELS[m]}: ${keyLabel(KEYS[m].key, mac)}`)
            .join("\n")}
        >
          {choices.modes.map((m) => (
            <option key={m} value={m}>
              {MODE_LABELS[m]}
            </option>
          ))}
        </select>
      </label>
      {isMediator && (
        <label
          className="track-all"
          title="Every drafter's edit becomes a suggestion; mediators still edit directly"
        >
          <input
            type="checkbox"
            checked={trackAll}
            onChange={(event) =>
              setTrackAllChanges(framework, event.target.checked, { actor: { role: "mediator" } })
            }
          />
          Track all changes
        </label>
      )}
      {(hint ?? (mode !== "editing" ? choices.note : null)) && (
        <p className="mode-note" role="status" data-refusal={hint !== null || undefined}>
          {hint ?? choices.note}
        </p>
      )}
    </div>
  );
}
