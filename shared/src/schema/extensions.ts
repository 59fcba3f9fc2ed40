/**
 * The document schema: the one list of Tiptap extensions that defines a framework's text. The
 * client adds collaboration (and React node views) on top; the server uses it headless for
 * export. Domain nodes (terms, brackets, comment anchors) are added here as they arrive.
 */
import type { AnyExtension } from "@tiptap/core";
import { TableKit } from "@tiptap/extension-table";
import StarterKit from "@tiptap/starter-kit";
import { Bracket, BracketFlag, BracketOption } from "./bracket.js";
import { CommentMark } from "./comment.js";
import { StepRef } from "./stepRef.js";
import { StructuralIds } from "./structuralIds.js";
import { BlockSuggestions, SuggestDeleteMark, SuggestInsertMark } from "./suggestion.js";
import { BoundedTableCell, BoundedTableHeader, BoundedTableSpans } from "./tableCells.js";
import { Term } from "./term.js";

export function documentExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({
      // Collaboration brings its own Yjs-aware undo; ProseMirror history would undo others' edits.
      undoRedo: false,
      codeBlock: false,
      code: false,
      horizontalRule: false,
      link: { openOnClick: false, autolink: true, protocols: ["http", "https", "mailto"] },
    }),
    // Cells with bounded spans and widths (`tableCells.ts`) instead of the kit's own.
    TableKit.configure({ table: { resizable: false }, tableCell: false, tableHeader: false }),
    BoundedTableCell,
    BoundedTableHeader,
    BoundedTableSpans,
    // Negotiation framework domain (issue 5): terms, brackets and options, stable ids.
    Term,
    Bracket,
    BracketOption,
    StructuralIds,
    // Sequencing (issue 6): a step reference inside a term's text.
    StepRef,
    // Comments: the `comment` mark anchoring a thread to its span.
    CommentMark,
    // Suggestion mode: tracked insertions and deletions, and block suggestions.
    SuggestInsertMark,
    SuggestDeleteMark,
    BlockSuggestions,
  ];
}

/**
 * The schema of the read-only views (`model/views.ts`): the document schema plus the view-only
 * `bracketFlag` node that marks open brackets. Never use it for an editable framework.
 */
export function viewExtensions(): AnyExtension[] {
  return [...documentExtensions(), BracketFlag];
}
