/**
 * The editor's mode for this person: what they may choose (`editorModes.ts`), what they chose,
 * and the editor kept in step (editable unless Viewing; the Suggesting plugin told the mode and
 * who suggests). Also "track all changes", read live from the framework's settings.
 */
import type { AccessInfo } from "@parley/shared/api";
import { settingsMap } from "@parley/shared/model/maps";
import { trackAllChanges } from "@parley/shared/model/settings";
import type { Editor } from "@tiptap/core";
import { useEffect, useMemo, useState, useSyncExternalStore } from "react";
import type * as Y from "yjs";
import { setEditorMode, suggestingKey } from "../../editor/suggesting/suggesting.js";
import type { EditorMode, SuggestionAuthor } from "../../editor/suggesting/suggestionAuthor.js";
import { actorFor } from "../framework/actor.js";
import { effectiveMode, type ModeChoices, modeChoices } from "./editorModes.js";

export function useTrackAllChanges(framework: Y.Doc): boolean {
  const store = useMemo(
    () => ({
      subscribe: (listener: () => void) => {
        const map = settingsMap(framework);
        map.observe(listener);
        return () => map.unobserve(listener);
      },
      getSnapshot: () => trackAllChanges(framework),
    }),
    [framework],
  );
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

export interface EditorModeState {
  mode: EditorMode;
  choices: ModeChoices;
  setMode: (mode: EditorMode) => void;
  trackAll: boolean;
}

/** Who suggests, as the server will check it: the token's name, party and member. */
export function suggestionAuthorOf(
  displayName: string,
  access: AccessInfo | null,
): SuggestionAuthor | null {
  const actor = actorFor(displayName, access);
  if (actor.member === undefined) return null;
  return { name: actor.name, party: actor.party, member: actor.member };
}

export function useEditorMode(options: {
  editor: Editor;
  framework: Y.Doc;
  access: AccessInfo | null;
  displayName: string;
  /** The text has arrived: before that nothing is editable. */
  textReady: boolean;
}): EditorModeState {
  const { editor, framework, access, displayName, textReady } = options;
  const trackAll = useTrackAllChanges(framework);
  // The access object is parsed anew on every render: compared by value.
  const authorKey = JSON.stringify(suggestionAuthorOf(displayName, access));
  const author = useMemo(() => JSON.parse(authorKey) as SuggestionAuthor | null, [authorKey]);
  const role = access?.role ?? null;
  const choices = useMemo(
    () => modeChoices(role, trackAll, author !== null),
    [role, trackAll, author],
  );
  const [chosen, setChosen] = useState<EditorMode | null>(null);
  const mode = effectiveMode(chosen, choices);

  useEffect(() => {
    if (editor.isDestroyed) return;
    const editable = textReady && mode !== "viewing";
    if (editor.isEditable !== editable) editor.setEditable(editable);
    const current = suggestingKey.getState(editor.state);
    if (current?.mode !== mode || current.author !== author) {
      editor.view.dispatch(setEditorMode(editor.state.tr, { mode, author }));
    }
  }, [editor, mode, author, textReady]);

  return { mode, choices, setMode: setChosen, trackAll };
}
