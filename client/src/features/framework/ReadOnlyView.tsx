/**
 * A read-only rendering of one view of the text (clean, or as a party would have it), computed
 * from the live text by `renderView`, so it follows every edit.
 */
import { cleanTextNote, renderView, type TextView } from "@parley/shared/model/views";
import { viewExtensions } from "@parley/shared/schema/extensions";
import { EditorContent, useEditor } from "@tiptap/react";
import { useEffect, useMemo } from "react";
import {
  projectForView,
  type SuggestionView,
  suggestionViewNote,
} from "../suggestions/suggestionViews.js";
import { useFrameworkSelector } from "./FrameworkContext.js";

export function ReadOnlyView({
  view,
  title,
  suggestions = "shown",
}: {
  view: TextView;
  title: string;
  suggestions?: SuggestionView;
}) {
  const json = useFrameworkSelector((s) => s.json);
  const result = useMemo(
    () => renderView(projectForView(json, suggestions), view),
    [json, view, suggestions],
  );
  const editor = useEditor({
    extensions: viewExtensions(),
    editable: false,
    content: result.doc,
    editorProps: { attributes: { class: "view-text", "aria-label": title } },
  });
  useEffect(() => {
    if (!editor.isDestroyed) editor.commands.setContent(result.doc, { emitUpdate: false });
  }, [editor, result]);
  const open = result.flags.filter((f) => f.reason === "open").length;
  const noPreference = result.flags.length - open;
  return (
    <div className="read-only-view">
      <p className="view-note" role="status">
        {suggestionViewNote(suggestions) && `${suggestionViewNote(suggestions)} `}
        {view === "brackets"
          ? "With brackets."
          : view === "clean"
            ? `Clean text, as exported: ${cleanTextNote(open) ?? "no open brackets."}`
            : noPreference === 0
              ? `${title}: every bracket shows this party's preferred option.`
              : `${title}: ${noPreference} ${noPreference === 1 ? "bracket has" : "brackets have"} no option this party proposed or supports.`}{" "}
        Read-only.
      </p>
      <article className="paper">
        <EditorContent editor={editor} />
      </article>
    </div>
  );
}
