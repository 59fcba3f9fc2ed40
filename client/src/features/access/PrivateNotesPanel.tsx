/**
 * Private delegation notes: a second, small editor beside the framework, bound to the party's
 * private room. Shown only to members of a party; read-only for observers (the server enforces
 * both).
 */
import { DOCUMENT_FIELD } from "@parley/shared/protocol";
import Collaboration from "@tiptap/extension-collaboration";
import { EditorContent, useEditor } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import { useEffect, useState } from "react";
import { openPrivateNotes } from "./privateNotes.js";

export function PrivateNotesPanel({
  frameworkId,
  party,
  partyName,
  canWrite,
}: {
  frameworkId: string;
  party: string;
  partyName: string;
  canWrite: boolean;
}) {
  const [notes] = useState(() => openPrivateNotes(frameworkId, party));
  const [synced, setSynced] = useState(false);
  useEffect(() => {
    const onSync = (isSynced: boolean) => setSynced(isSynced);
    notes.provider.on("sync", onSync);
    return () => {
      notes.provider.off("sync", onSync);
      notes.destroy();
    };
  }, [notes]);

  const editor = useEditor(
    {
      extensions: [
        StarterKit.configure({ undoRedo: false }),
        Collaboration.configure({ document: notes.doc, field: DOCUMENT_FIELD }),
      ],
      editable: false,
      editorProps: {
        attributes: {
          class: "private-notes-text",
          "aria-label": `Private notes of ${partyName}`,
        },
      },
    },
    [notes],
  );

  const editable = synced && canWrite;
  useEffect(() => {
    if (editor.isEditable !== editable) editor.setEditable(editable);
  }, [editor, editable]);

  return (
    <section className="private-notes" aria-labelledby="private-notes-title">
      <h2 id="private-notes-title" className="sidebar-title">
        Private notes · {partyName}
      </h2>
      <p className="field-hint">Only members of {partyName} can read these notes.</p>
      {!synced && <p className="loading-line">Loading notes…</p>}
      <EditorContent editor={editor} />
    </section>
  );
}
