/**
 * For tests of what the page's editor does with other people: Parley's collaborative editor
 * (binding, carets, undo) on `doc` and `provider`, mounted in the document as "Amira".
 */
import { Editor } from "@tiptap/core";
import type { WebsocketProvider } from "y-websocket";
import type * as Y from "yjs";
import { collaborativeExtensions } from "../editor/collaborativeExtensions.js";

export function mountCollaborativeEditor(
  doc: Y.Doc,
  provider: WebsocketProvider,
): { editor: Editor; destroy(): void } {
  const element = document.createElement("div");
  document.body.append(element);
  const editor = new Editor({
    element,
    extensions: collaborativeExtensions({
      doc,
      provider,
      identity: { name: "Amira", colour: "#1f5fa8" },
      onRequestLink: () => {},
    }),
  });
  return {
    editor,
    destroy: () => {
      editor.destroy();
      element.remove();
    },
  };
}
