/**
 * The framework's editing shortcuts in the editor: Insert term, Make term and Bracket (keys in
 * `shortcutList.ts`). Bracket opens the framework commands' bracket form, which listens on
 * `shortcutEvents` (the form is React state, the keymap is not).
 */
import { NODE } from "@parley/shared/schema/nodeNames";
import { Extension } from "@tiptap/core";
import { SHORTCUTS } from "./shortcutList.js";

/** "bracket": the Bracket shortcut was pressed with words selected in an editable text. */
export const shortcutEvents = new EventTarget();

export const FrameworkShortcuts = Extension.create({
  name: "frameworkShortcuts",
  addKeyboardShortcuts() {
    return {
      [SHORTCUTS.insertTerm.key]: () =>
        this.editor.isEditable && this.editor.chain().focus().insertTerm().run(),
      [SHORTCUTS.makeTerm.key]: () =>
        this.editor.isEditable &&
        !this.editor.isActive(NODE.term) &&
        this.editor.chain().focus().wrapIn(NODE.term).run(),
      [SHORTCUTS.bracket.key]: () => {
        if (!this.editor.isEditable || this.editor.state.selection.empty) return false;
        shortcutEvents.dispatchEvent(new Event("bracket"));
        return true;
      },
    };
  },
});
