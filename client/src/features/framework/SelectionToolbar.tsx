/**
 * The small toolbar at a selection in the text, as in Google Docs: Comment · Bracket · Make term.
 * It offers only what the person's role allows (a commenter sees Comment; an observer sees
 * nothing) and sits just above the selection, or below it near the top of the window, inside the
 * window's width. A form it opens (the bracket form) opens in the same place, in view.
 */
import type { Editor } from "@tiptap/core";
import { useEditorState } from "@tiptap/react";
import { type ReactNode, useEffect, useLayoutEffect, useReducer, useRef, useState } from "react";

interface SelectionToolbarProps {
  editor: Editor;
  canComment: boolean;
  onComment: () => void;
  /** Null when the text is not editable (the buttons are not offered). */
  onBracket: (() => void) | null;
  onMakeTerm: (() => void) | null;
  /** A form opened from the toolbar, shown in its place (the buttons hide meanwhile). */
  panel: ReactNode;
}

const MARGIN = 8;

/** A caret (no text selected): the bar is closed, and where the caret is does not matter. */
const CARET = { from: -1, to: -1, hasText: false } as const;

/**
 * What the bar depends on. A caret reads the same wherever it is: every remote edit before the
 * caret moves its position, and a changed value re-renders this component in a React commit of
 * its own (which walks the focused editor's DOM to keep the selection).
 */
export function selectSelection({ editor }: { editor: Editor }): {
  from: number;
  to: number;
  hasText: boolean;
} {
  const { from, to, empty } = editor.state.selection;
  if (empty) return CARET;
  const text = editor.state.doc.textBetween(from, to, " ").trim();
  return text === "" ? CARET : { from, to, hasText: true };
}

/** True while the keyboard is in a field outside the text (the comment box, a form). */
function focusElsewhere(editor: Editor, bar: HTMLElement | null): boolean {
  const active = document.activeElement;
  if (!active || active === document.body) return false;
  if (editor.view.dom.contains(active) || bar?.contains(active)) return false;
  return true;
}

export function SelectionToolbar(props: SelectionToolbarProps) {
  const { editor } = props;
  const selection = useEditorState({ editor, selector: selectSelection });
  const barRef = useRef<HTMLDivElement>(null);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [, bump] = useReducer((n: number) => n + 1, 0);
  const key = `${selection.from}-${selection.to}`;

  useEffect(() => {
    document.addEventListener("focusin", bump);
    document.addEventListener("focusout", bump);
    return () => {
      document.removeEventListener("focusin", bump);
      document.removeEventListener("focusout", bump);
    };
  }, []);

  const actions = props.canComment || props.onBracket !== null || props.onMakeTerm !== null;
  const open =
    props.panel !== null ||
    (actions &&
      selection.hasText &&
      dismissed !== key &&
      !focusElsewhere(editor, barRef.current) &&
      editor.view.dom.isConnected);

  // Placed directly on the element (no state): follows scrolling without re-rendering.
  useLayoutEffect(() => {
    const bar = barRef.current;
    if (!open || !bar) return;
    const place = () => {
      if (editor.isDestroyed) return;
      const { from, to } = editor.state.selection;
      let start: { top: number; bottom: number; left: number };
      let end: { top: number; bottom: number; left: number };
      try {
        start = editor.view.coordsAtPos(from);
        end = editor.view.coordsAtPos(to);
      } catch {
        return;
      }
      const width = bar.offsetWidth;
      const height = bar.offsetHeight;
      const stickyBottom = document.querySelector(".doc-bar")?.getBoundingClientRect().bottom ?? 0;
      const above = start.top - height - MARGIN;
      const top = above > stickyBottom + MARGIN ? above : end.bottom + MARGIN;
      const maxLeft = document.documentElement.clientWidth - width - MARGIN;
      const left = Math.max(MARGIN, Math.min(start.left, maxLeft));
      bar.style.top = `${Math.round(top)}px`;
      bar.style.left = `${Math.round(left)}px`;
    };
    place();
    window.addEventListener("scroll", place, true);
    window.addEventListener("resize", place);
    return () => {
      window.removeEventListener("scroll", place, true);
      window.removeEventListener("resize", place);
    };
  });

  if (!open) return null;
  const act = (action: () => void) => () => {
    setDismissed(key);
    action();
  };
  return (
    <div
      ref={barRef}
      className="selection-toolbar"
      role="toolbar"
      aria-label="Selection"
      onKeyDown={(event) => {
        if (event.key === "Escape" && props.panel === null) setDismissed(key);
      }}
    >
      {props.panel ?? (
        <>
          {props.canComment && (
            <button
              type="button"
              className="selection-button"
              onMouseDown={(event) => event.preventDefault()}
              onClick={act(props.onComment)}
            >
              Comment
            </button>
          )}
          {props.onBracket && (
            <button
              type="button"
              className="selection-button"
              onMouseDown={(event) => event.preventDefault()}
              onClick={props.onBracket}
            >
              Bracket
            </button>
          )}
          {props.onMakeTerm && (
            <button
              type="button"
              className="selection-button"
              onMouseDown={(event) => event.preventDefault()}
              onClick={act(props.onMakeTerm)}
            >
              Make term
            </button>
          )}
        </>
      )}
    </div>
  );
}
