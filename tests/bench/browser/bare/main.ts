/**
 * The baseline page of `pnpm bench:browser`: a bare Tiptap 3 editor with the shared document
 * schema, Collaboration and CollaborationCaret on a y-websocket provider, connected to the same
 * Parley room as Parley's own page. No React, no panels, no decorations: what Parley costs on top
 * of the editor is the difference. Reads `?ws=<sync base>&room=<id>&token=<token>`.
 */
import { DOCUMENT_FIELD } from "@parley/shared/protocol";
import { documentExtensions } from "@parley/shared/schema/extensions";
import { Editor } from "@tiptap/core";
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";

const query = new URLSearchParams(window.location.search);
const ws = query.get("ws");
const room = query.get("room");
const token = query.get("token");
const element = document.querySelector<HTMLElement>("#editor");
if (!ws || !room || !token || !element) throw new Error("bare page: ws, room, token and #editor");

const doc = new Y.Doc();
const provider = new WebsocketProvider(ws, room, doc, { params: { token } });
const editor = new Editor({
  element,
  extensions: [
    ...documentExtensions(),
    Collaboration.configure({ document: doc, field: DOCUMENT_FIELD }),
    CollaborationCaret.configure({ provider, user: { name: "Bare", color: "#5f3dc4" } }),
  ],
});
editor.view.dom.classList.add("bench-editor");
