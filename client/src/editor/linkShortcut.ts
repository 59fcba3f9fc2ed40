/** Mod-K asks the UI for a link address (the toolbar's link field). */
import { Extension } from "@tiptap/core";

export interface LinkShortcutOptions {
  onRequestLink: () => void;
}

export const LinkShortcut = Extension.create<LinkShortcutOptions>({
  name: "linkShortcut",
  addOptions() {
    return { onRequestLink: () => {} };
  },
  addKeyboardShortcuts() {
    return {
      "Mod-k": () => {
        this.options.onRequestLink();
        return true;
      },
    };
  },
});
