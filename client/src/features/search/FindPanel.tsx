/**
 * Find in the framework (Ctrl+F or Cmd+F): one box searches the text (terms and bracket options
 * included) and the comments of open threads; Enter / the arrows go to the next or previous
 * result. A text result is highlighted in the editor (`findHighlight.ts`) and scrolled to; a
 * comment result focuses its thread in the margin. Escape closes the panel.
 */
import "./search.css";
import { normalizeQuery } from "@parley/shared/search/textMatch";
import { useEditorState } from "@tiptap/react";
import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from "react";
import type { CommentController } from "../comments/commentController.js";
import { useThreads } from "../comments/hooks.js";
import { useFramework } from "../framework/FrameworkContext.js";
import { findInComments } from "./commentMatches.js";
import { findState, setFind } from "./findHighlight.js";

export function FindPanel({ comments }: { comments: CommentController }) {
  const { editor, discussion } = useFramework();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [position, setPosition] = useState(-1);
  const inputRef = useRef<HTMLInputElement>(null);
  const { threads } = useThreads(discussion);
  const textMatches = useEditorState({
    editor,
    selector: ({ editor: e }) => findState(e.state).matches,
    equalityFn: (a, b) =>
      b !== null &&
      a.length === b.length &&
      a.every((m, i) => m.from === b[i]?.from && m.to === b[i]?.to),
  });
  const normalized = open ? normalizeQuery(query) : null;
  const commentMatches = useMemo(
    () => (normalized === null ? [] : findInComments(threads, normalized)),
    [threads, normalized],
  );
  const total = textMatches.length + commentMatches.length;
  const current = total === 0 ? -1 : Math.min(position, total - 1);
  const currentComment =
    current >= textMatches.length ? commentMatches[current - textMatches.length] : undefined;

  // Ctrl+F / Cmd+F opens the panel (instead of the browser's find, which misses the comments).
  useEffect(() => {
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.key.toLowerCase() !== "f") {
        return;
      }
      event.preventDefault();
      setOpen(true);
      requestAnimationFrame(() => {
        inputRef.current?.focus();
        inputRef.current?.select();
      });
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);

  // The editor highlights the query's matches while the panel is open.
  useEffect(() => {
    if (editor.isDestroyed || findState(editor.state).query === (normalized ?? "")) return;
    setFind(editor.view, { query: normalized ?? "", current: -1 });
  }, [editor, normalized]);

  // Going to a result: the text match is highlighted and scrolled to; a comment's thread is
  // focused in the margin.
  function show(index: number) {
    setPosition(index);
    if (editor.isDestroyed) return;
    if (index < textMatches.length) {
      setFind(editor.view, { current: index });
      requestAnimationFrame(() => {
        editor.view.dom
          .querySelector(".find-match.is-current")
          ?.scrollIntoView({ block: "center", behavior: "instant" });
      });
      return;
    }
    setFind(editor.view, { current: -1 });
    const match = commentMatches[index - textMatches.length];
    if (!match) return;
    comments.onThreadClick(match.threadId);
    requestAnimationFrame(() => {
      document
        .querySelector(`[data-thread-id="${CSS.escape(match.threadId)}"]`)
        ?.scrollIntoView({ block: "center", behavior: "instant" });
    });
  }

  function go(step: 1 | -1) {
    if (total === 0) return;
    show(current < 0 ? (step === 1 ? 0 : total - 1) : (current + step + total) % total);
  }

  function close() {
    setOpen(false);
    setQuery("");
    setPosition(-1);
    editor.commands.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter") {
      event.preventDefault();
      go(event.shiftKey ? -1 : 1);
    } else if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  }

  if (!open) return null;
  const status =
    normalized === null
      ? query.trim() === ""
        ? ""
        : "Type at least 2 characters"
      : total === 0
        ? "No matches"
        : `${current < 0 ? "–" : current + 1} of ${total} (${textMatches.length} in the text, ${commentMatches.length} in comments)`;
  return (
    <search className="find-panel" aria-label="Find in the framework">
      <input
        ref={inputRef}
        type="search"
        className="text-input find-input"
        aria-label="Find in the framework"
        placeholder="Find in text and comments"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setPosition(-1);
        }}
        onKeyDown={onKeyDown}
      />
      <span className="find-status" role="status">
        {status}
      </span>
      <button
        type="button"
        className="button button-small"
        aria-label="Previous match"
        title="Previous match (Shift+Enter)"
        disabled={total === 0}
        onClick={() => go(-1)}
      >
        ↑
      </button>
      <button
        type="button"
        className="button button-small"
        aria-label="Next match"
        title="Next match (Enter)"
        disabled={total === 0}
        onClick={() => go(1)}
      >
        ↓
      </button>
      <button type="button" className="button button-quiet button-small" onClick={close}>
        Close
      </button>
      {currentComment && (
        <p className="find-comment">
          Comment by {currentComment.author}: {currentComment.snippet.before}
          <mark>{currentComment.snippet.match}</mark>
          {currentComment.snippet.after}
        </p>
      )}
    </search>
  );
}
