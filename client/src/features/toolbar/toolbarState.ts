/** What the toolbar shows for the current selection; a selector for `useEditorState`. */
import type { Editor } from "@tiptap/core";

export type BlockType = "paragraph" | "h1" | "h2" | "h3" | "other";

export interface ToolbarState {
  editable: boolean;
  block: BlockType;
  bold: boolean;
  italic: boolean;
  underline: boolean;
  strike: boolean;
  bulletList: boolean;
  orderedList: boolean;
  blockquote: boolean;
  link: boolean;
  inTable: boolean;
  canUndo: boolean;
  canRedo: boolean;
}

export function selectToolbarState({ editor }: { editor: Editor }): ToolbarState {
  const block: BlockType = editor.isActive("heading", { level: 1 })
    ? "h1"
    : editor.isActive("heading", { level: 2 })
      ? "h2"
      : editor.isActive("heading", { level: 3 })
        ? "h3"
        : editor.isActive("paragraph")
          ? "paragraph"
          : "other";
  return {
    editable: editor.isEditable,
    block,
    bold: editor.isActive("bold"),
    italic: editor.isActive("italic"),
    underline: editor.isActive("underline"),
    strike: editor.isActive("strike"),
    bulletList: editor.isActive("bulletList"),
    orderedList: editor.isActive("orderedList"),
    blockquote: editor.isActive("blockquote"),
    link: editor.isActive("link"),
    inTable: editor.isActive("table"),
    canUndo: editor.isEditable && editor.can().undo(),
    canRedo: editor.isEditable && editor.can().redo(),
  };
}

export function setBlockType(editor: Editor, block: BlockType): void {
  const chain = editor.chain().focus();
  if (block === "paragraph") chain.setParagraph().run();
  if (block === "h1") chain.setHeading({ level: 1 }).run();
  if (block === "h2") chain.setHeading({ level: 2 }).run();
  if (block === "h3") chain.setHeading({ level: 3 }).run();
}

/** "Ctrl" or "⌘", for shortcut hints. */
export const modKey =
  typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform) ? "⌘" : "Ctrl";
