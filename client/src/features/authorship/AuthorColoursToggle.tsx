/**
 * The "Colour by author" switch of the live text, with its legend: each party's colour and the
 * people who wrote for it. Asks the server who wrote under which client id when switched on, and
 * again `REFRESH_MS` after the text comes to hold writing it could not name (a new participant, or
 * one's own words before they are stored).
 */
import "./authorship.css";
import type { AuthorshipWriter } from "@parley/shared/versions/api";
import { useEditorState } from "@tiptap/react";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useFramework, useFrameworkSelector } from "../framework/FrameworkContext.js";
import { AuthorChips } from "../versions/AuthorChips.js";
import { partyLook } from "../versions/comparisonView.js";
import { setAuthorColours, unknownWriters } from "./authorColours.js";
import { fetchWriters } from "./authorshipApi.js";

const REFRESH_MS = 3000;

export function AuthorColoursToggle({ frameworkId }: { frameworkId: string }) {
  const { editor } = useFramework();
  const parties = useFrameworkSelector((s) => s.allParties);
  const [on, setOn] = useState(false);
  const [writers, setWriters] = useState<Map<number, AuthorshipWriter> | null>(null);
  const [failed, setFailed] = useState(false);
  const look = useMemo(() => partyLook(parties), [parties]);
  const unknown = useEditorState({ editor, selector: ({ editor: e }) => unknownWriters(e.state) });

  const refresh = useCallback(() => {
    fetchWriters(frameworkId).then(
      (found) => {
        setWriters(found);
        setFailed(false);
      },
      () => setFailed(true),
    );
  }, [frameworkId]);

  // Ask the server when switched on…
  useEffect(() => {
    if (on) refresh();
  }, [on, refresh]);

  // …and again a little later when the text holds writing nobody was named for.
  useEffect(() => {
    if (!on || unknown === 0) return;
    const timer = setTimeout(refresh, REFRESH_MS);
    return () => clearTimeout(timer);
  }, [on, unknown, refresh]);

  useEffect(() => {
    if (editor.isDestroyed) return;
    const shown = on && writers !== null ? { writers, parties: look } : null;
    editor.view.dispatch(setAuthorColours(editor.state.tr, shown));
  }, [editor, on, writers, look]);

  return (
    <div className="author-colours">
      <label className="view-select">
        <input
          type="checkbox"
          checked={on}
          onChange={(event) => setOn(event.target.checked)}
          aria-label="Colour by author"
        />
        <span>Colour by author</span>
      </label>
      {on && failed && <span className="author-colours-error">Authors could not be loaded.</span>}
      {on && writers !== null && (
        <section className="author-legend" aria-label="Authors">
          <AuthorChips actors={[...writers.values()]} parties={look} verb="Written by" />
        </section>
      )}
    </div>
  );
}
