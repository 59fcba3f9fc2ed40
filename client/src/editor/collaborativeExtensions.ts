/**
 * The editor's extension list: the shared document schema, bound to the framework's Y.Doc, with
 * everybody else's caret and selection. No React here.
 */

import { DOCUMENT_FIELD } from "@parley/shared/protocol";
import { documentExtensions } from "@parley/shared/schema/extensions";
import type { AnyExtension } from "@tiptap/core";
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import type { WebsocketProvider } from "y-websocket";
import type * as Y from "yjs";
import type { Identity } from "../collab/identity.js";
import { renderCaret } from "./caret.js";
import { LinkShortcut } from "./linkShortcut.js";
import { ReactCommitsSkipEditorSelection } from "./reactCommitSelection.js";
import { RemoteScrollOncePerFrame } from "./remoteScroll.js";

export interface CollaborativeEditorOptions {
  doc: Y.Doc;
  provider: WebsocketProvider;
  identity: Identity;
  /** Called for Mod-K: the toolbar opens its link field. */
  onRequestLink: () => void;
  /**
   * Extensions that replace the document extension of the same name (e.g. `term` with a React
   * node view) or are added after them (e.g. decorations).
   */
  overrides?: AnyExtension[];
}

export function collaborativeExtensions(options: CollaborativeEditorOptions): AnyExtension[] {
  const overrides = options.overrides ?? [];
  const replaced = new Set(overrides.map((e) => e.name));
  return [
    ...documentExtensions().filter((e) => !replaced.has(e.name)),
    ...overrides,
    // Brings the Yjs undo manager: undo and redo only touch this client's own edits.
    Collaboration.configure({ document: options.doc, field: DOCUMENT_FIELD }),
    CollaborationCaret.configure({
      provider: options.provider,
      user: { name: options.identity.name, color: options.identity.colour },
      render: renderCaret,
    }),
    LinkShortcut.configure({ onRequestLink: options.onRequestLink }),
    RemoteScrollOncePerFrame,
    ReactCommitsSkipEditorSelection,
  ];
}
