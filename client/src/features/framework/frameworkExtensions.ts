/**
 * The framework's editor extensions on top of the document schema: terms rendered as React blocks
 * (number, category, status, stances) and bracket options coloured by their proposer.
 */
import { Term } from "@parley/shared/schema/term";
import type { AnyExtension } from "@tiptap/core";
import { ReactNodeViewRenderer } from "@tiptap/react";
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

export function frameworkEditorExtensions(): AnyExtension[] {
  return [TermWithView, PartyDecorations];
}
