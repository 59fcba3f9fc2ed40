/**
 * The framework's editor extensions on top of the document schema: terms rendered as React blocks
 * (number, category, status, stances), bracket options coloured by their proposer, and the
 * "colour by author" view (off until switched on).
 */
import { Term } from "@parley/shared/schema/term";
import type { AnyExtension } from "@tiptap/core";
import { ReactNodeViewRenderer } from "@tiptap/react";
import type * as Y from "yjs";
import { AuthorColours } from "../authorship/authorColours.js";
import { PartyDecorations } from "../parties/partyDecorations.js";
import { TermView } from "../terms/TermView.js";
import { updateTermView } from "../terms/termViewUpdate.js";

const TermWithView = Term.extend({
  addNodeView() {
    return ReactNodeViewRenderer(TermView, {
      contentDOMElementTag: "div",
      // re-rendered when an attribute changes, not for every edit of its text
      update: updateTermView,
    });
  },
});

/** `fragment`: the text's Yjs fragment where the editor has no Yjs binding (a version). */
export function frameworkEditorExtensions(fragment: Y.XmlFragment | null = null): AnyExtension[] {
  return [TermWithView, PartyDecorations, AuthorColours.configure({ fragment })];
}
