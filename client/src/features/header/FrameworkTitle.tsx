/**
 * The framework's title in the document bar, renamed in place by a drafter or mediator
 * (`PATCH /api/frameworks/:id`, which the server allows from drafter up). The heading at the top
 * of the text follows, so the outline and the export's title say the same; when it cannot follow
 * (the person may not edit the text), the difference is said.
 */
import type { Editor } from "@tiptap/core";
import { useEditorState } from "@tiptap/react";
import { type FormEvent, useEffect, useState } from "react";
import { renameFramework } from "../../api/frameworks.js";
import { rememberFramework } from "../../collab/recentFrameworks.js";
import { leadingHeading } from "./leadingHeading.js";

interface FrameworkTitleProps {
  frameworkId: string;
  title: string;
  editor: Editor;
  canRename: boolean;
}

export function FrameworkTitle({ frameworkId, title, editor, canRename }: FrameworkTitleProps) {
  const [shown, setShown] = useState(title);
  const [draft, setDraft] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const heading = useEditorState({
    editor,
    selector: ({ editor: e }) => leadingHeading(e.state.doc)?.text ?? null,
  });

  useEffect(() => {
    document.title = `${shown} · Parley`;
  }, [shown]);

  async function save(event: FormEvent) {
    event.preventDefault();
    const next = (draft ?? "").trim();
    if (next === "") {
      setError("Give the framework a title.");
      return;
    }
    if (next === shown) {
      setDraft(null);
      return;
    }
    setBusy(true);
    try {
      const renamed = await renameFramework(frameworkId, next);
      rememberFramework(renamed);
      // The heading at the top of the text takes the new title too, when it said the old one.
      const lead = leadingHeading(editor.state.doc);
      if (lead && lead.text.trim() === shown.trim() && editor.isEditable) {
        editor
          .chain()
          .command(({ tr }) => {
            tr.insertText(renamed.title, lead.from, lead.to);
            return true;
          })
          .run();
      }
      setShown(renamed.title);
      setDraft(null);
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : "The framework could not be renamed.");
    } finally {
      setBusy(false);
    }
  }

  if (draft !== null) {
    return (
      <form className="title-form" aria-label="Rename the framework" onSubmit={save}>
        <input
          className="text-input title-input"
          aria-label="Framework title"
          value={draft}
          // biome-ignore lint/a11y/noAutofocus: renaming starts on request, typing starts at once
          autoFocus
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Escape") setDraft(null);
          }}
        />
        <button type="submit" className="button button-primary button-small" disabled={busy}>
          Save
        </button>
        <button
          type="button"
          className="button button-quiet button-small"
          onClick={() => {
            setDraft(null);
            setError(null);
          }}
        >
          Cancel
        </button>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </form>
    );
  }
  const differs = heading !== null && heading.trim() !== "" && heading.trim() !== shown.trim();
  return (
    <>
      <h1 className="doc-title" title={shown}>
        {shown}
      </h1>
      {canRename && (
        <button
          type="button"
          className="button button-quiet button-small title-rename"
          aria-label="Rename the framework"
          onClick={() => setDraft(shown)}
        >
          Rename
        </button>
      )}
      {differs && (
        <span
          className="title-note"
          title={`The heading at the top of the text reads “${heading}”: the outline and exports use that heading.`}
        >
          Text heading: “{heading}”
        </span>
      )}
    </>
  );
}
