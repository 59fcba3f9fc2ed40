/**
 * The document schema: the one list of Tiptap extensions that defines a framework's text. The
 * client adds collaboration (and React node views) on top; the server uses it headless for
 * export. Domain nodes (terms, brackets, comment anchors) are added here as they arrive.
 */
import type { AnyExtension } from "@tiptap/core";
import { TableKit } from "@tiptap/extension-table";
import StarterKit from "@tiptap/starter-kit";

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
    TableKit.configure({ table: { resizable: false } }),
  ];
}
