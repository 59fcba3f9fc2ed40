/**
 * For component tests: an editor on one Y.Doc and a "remote" Y.Doc kept in sync with it, as
 * another person's edits arrive through the server. Remote edits are Yjs changes, so the editor
 * sees them as the collaboration binding's transactions, like in the page.
 */
import { documentExtensions } from "@parley/shared/schema/extensions";
import { Editor } from "@tiptap/core";
import Collaboration from "@tiptap/extension-collaboration";
import * as Y from "yjs";

export interface SyncedEditor {
  editor: Editor;
  /** The other person's copy of the text (the `default` fragment). */
  remote: Y.XmlFragment;
  destroy(): void;
}

export function syncedEditor(): SyncedEditor {
  const doc = new Y.Doc();
  const remoteDoc = new Y.Doc();
  doc.on("update", (u: Uint8Array, origin: unknown) => {
    if (origin !== "remote") Y.applyUpdate(remoteDoc, u, "local");
  });
  remoteDoc.on("update", (u: Uint8Array, origin: unknown) => {
    if (origin !== "local") Y.applyUpdate(doc, u, "remote");
  });
  const editor = new Editor({
    extensions: [...documentExtensions(), Collaboration.configure({ document: doc })],
  });
  return {
    editor,
    remote: remoteDoc.getXmlFragment("default"),
    destroy: () => editor.destroy(),
  };
}

/** A block of the remote copy: `paragraph` or `heading` (level 2) holding `text`. */
export function remoteBlock(type: "paragraph" | "heading", text: string): Y.XmlElement {
  const block = new Y.XmlElement(type);
  // Yjs types XML attributes as strings; the outline reads the level as a number either way
  if (type === "heading") block.setAttribute("level", "2");
  block.insert(0, [new Y.XmlText(text)]);
  return block;
}
