import type { Editor } from "@tiptap/core";
import type { ReactNode } from "react";
import { PANEL_INTERVAL_MS } from "../../collab/oncePerFrame.js";
import { useEditorFrameState } from "../../editor/useEditorFrameState.js";
import { extractOutline, type OutlineEntry, UNTITLED_HEADING } from "./outlineItems.js";

function sameOutline(a: OutlineEntry[], b: OutlineEntry[]): boolean {
  return (
    a.length === b.length &&
    a.every((x, i) => x.pos === b[i]!.pos && x.text === b[i]!.text && x.level === b[i]!.level)
  );
}

/** The headings of the document; a click puts the cursor there and scrolls it into view. */
export function Outline({
  editor,
  badge,
}: {
  editor: Editor;
  /** Shown after an entry's text (e.g. the open comment threads of that section). */
  badge?: (entry: OutlineEntry, next: OutlineEntry | undefined) => ReactNode;
}) {
  // read at most once per frame, re-rendered only when a heading changed
  const outline = useEditorFrameState(editor, (e) => extractOutline(e.state.doc), sameOutline, {
    minIntervalMs: PANEL_INTERVAL_MS,
  });

  function jumpTo(entry: OutlineEntry) {
    const target = editor.view.nodeDOM(entry.pos);
    editor
      .chain()
      .setTextSelection(entry.pos + 1)
      .run();
    editor.view.focus();
    if (target instanceof HTMLElement)
      target.scrollIntoView({ block: "start", behavior: "smooth" });
  }

  return (
    <nav className="outline" aria-label="Outline">
      <h2 className="sidebar-title">Outline</h2>
      {outline.length === 0 ? (
        <p className="sidebar-empty">
          Headings you add appear here, so you can jump between sections.
        </p>
      ) : (
        <ol className="outline-list">
          {outline.map((entry, index) => (
            <li key={entry.pos} style={{ paddingLeft: `${entry.depth * 0.85}rem` }}>
              <button
                type="button"
                className={`outline-link outline-level-${entry.level}`}
                onClick={() => jumpTo(entry)}
              >
                {entry.text || <span className="outline-untitled">{UNTITLED_HEADING}</span>}
                {badge?.(entry, outline[index + 1])}
              </button>
            </li>
          ))}
        </ol>
      )}
    </nav>
  );
}
