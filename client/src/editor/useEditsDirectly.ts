/**
 * Whether the editor's text is edited directly now (`editsDirectly`), for the many components
 * that show it: one listener per editor, shared, instead of one Tiptap `useEditorState` per
 * component. The framework's 200 term views each had their own, so every transaction (dozens a
 * second under remote writers) ran 200 selectors and 400 listeners; the value itself changes
 * about once per session (editable after the first sync, the Suggesting mode).
 */
import type { Editor } from "@tiptap/core";
import { useSyncExternalStore } from "react";
import { editsDirectly } from "./suggesting/suggesting.js";

interface EditsDirectlyStore {
  subscribe(listener: () => void): () => void;
  get(): boolean;
}

const stores = new WeakMap<Editor, EditsDirectlyStore>();

function storeFor(editor: Editor): EditsDirectlyStore {
  const known = stores.get(editor);
  if (known) return known;
  const listeners = new Set<() => void>();
  let value = editsDirectly(editor);
  const refresh = () => {
    const next = editsDirectly(editor);
    if (next === value) return;
    value = next;
    for (const listener of [...listeners]) listener();
  };
  const store: EditsDirectlyStore = {
    subscribe(listener) {
      if (listeners.size === 0) {
        value = editsDirectly(editor);
        editor.on("transaction", refresh);
        // `setEditable` announces itself as an update, not a transaction
        editor.on("update", refresh);
      }
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0) return;
        editor.off("transaction", refresh);
        editor.off("update", refresh);
      };
    },
    // without listeners nothing keeps the value current: read it
    get: () => (listeners.size === 0 ? editsDirectly(editor) : value),
  };
  stores.set(editor, store);
  return store;
}

export function useEditsDirectly(editor: Editor): boolean {
  const store = storeFor(editor);
  return useSyncExternalStore(store.subscribe, store.get);
}
