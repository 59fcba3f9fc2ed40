/**
 * Every keyboard shortcut Parley adds, as the help (Ctrl+/) lists them. "Mod" is Ctrl, or Cmd on
 * a Mac. The framework's own keys use Mod+Alt (like Mod+Alt+M for Comment), which neither the
 * browser nor the editor's standard keys (Tiptap: Mod+Alt+0–6 for paragraph and headings) use.
 */

export interface Shortcut {
  /** ProseMirror key name, e.g. "Mod-Alt-n" (for the editor's keymap). */
  key: string;
  /** What it does. */
  action: string;
  /** Where it works. */
  where: "editor" | "framework";
}

export const SHORTCUTS = {
  insertTerm: { key: "Mod-Alt-n", action: "Insert a new term", where: "editor" },
  makeTerm: { key: "Mod-Alt-p", action: "Make the current paragraph a term", where: "editor" },
  bracket: {
    key: "Mod-Alt-[",
    action: "Put the selected words in brackets",
    where: "editor",
  },
  comment: { key: "Mod-Alt-m", action: "Comment on the selected words", where: "framework" },
  find: { key: "Mod-f", action: "Find in the text and the comments", where: "framework" },
  findNext: { key: "Enter", action: "Next match (in the find box)", where: "framework" },
  findPrevious: {
    key: "Shift-Enter",
    action: "Previous match (in the find box)",
    where: "framework",
  },
  link: { key: "Mod-k", action: "Add or edit a link", where: "editor" },
  modeEditing: { key: "Mod-Alt-Shift-e", action: "Switch to Editing", where: "framework" },
  modeSuggesting: {
    key: "Mod-Alt-Shift-s",
    action: "Switch to Suggesting (edits become suggestions)",
    where: "framework",
  },
  modeViewing: { key: "Mod-Alt-Shift-v", action: "Switch to Viewing", where: "framework" },
  help: { key: "Mod-/", action: "Show these shortcuts", where: "framework" },
} as const satisfies Record<string, Shortcut>;

/** The editor's standard keys worth knowing, listed after Parley's own. */
export const EDITOR_SHORTCUTS: readonly Shortcut[] = [
  { key: "Mod-b", action: "Bold", where: "editor" },
  { key: "Mod-i", action: "Italic", where: "editor" },
  { key: "Mod-z", action: "Undo", where: "editor" },
  { key: "Mod-Shift-z", action: "Redo", where: "editor" },
  { key: "Mod-Alt-1", action: "Heading 1 (2, 3 likewise)", where: "editor" },
  { key: "Mod-Alt-0", action: "Paragraph", where: "editor" },
];

/** A key name as a person reads it: "Ctrl+Alt+N", or "⌘+⌥+N" on a Mac. */
export function keyLabel(key: string, mac: boolean): string {
  const parts = key.split("-").map((part, index, all) => {
    if (index === all.length - 1) return part.length === 1 ? part.toUpperCase() : part;
    if (part === "Mod") return mac ? "⌘" : "Ctrl";
    if (part === "Alt") return mac ? "⌥" : "Alt";
    if (part === "Shift") return mac ? "⇧" : "Shift";
    return part;
  });
  return parts.join("+");
}

/** Whether this browser runs on a Mac (Cmd rather than Ctrl). */
export function isMac(): boolean {
  return typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);
}
