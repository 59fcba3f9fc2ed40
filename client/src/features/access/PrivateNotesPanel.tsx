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
import { type ClosedReason, closedReasonFor } from "../../collab/connectionState.js";
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
  /** Why the server closed the notes for good (e.g. the invite was revoked), or null. */
  const [closed, setClosed] = useState<ClosedReason | null>(null);
  useEffect(() => {
    const onSync = (isSynced: boolean) => setSynced(isSynced);
    const onClose = (event: CloseEvent | null) => {
      const reason = event ? closedReasonFor(event.code) : null;
      if (reason !== null) setClosed(reason);
    };
    notes.provider.on("sync", onSync);
    notes.provider.on("connection-close", onClose);
    return () => {
      notes.provider.off("sync", onSync);
      notes.provider.off("connection-close", onClose);
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

  const editable = synced && canWrite && closed === null;
  useEffect(() => {
    if (editor.isEditable !== editable) editor.setEditable(editable);
  }, [editor, editable]);

  return (
    <section className="private-notes" aria-labelledby="private-notes-title">
      <h2 id="private-notes-title" className="sidebar-title">
        Private notes · {partyName}
      </h2>
      <p className="field-hint">Only members of {partyName} can read these notes.</p>
      {closed !== null ? (
        <p className="field-hint" role="status">
          {closed === "unauthorized"
            ? "Your access has ended: the notes are no longer shared with this page."
            : "The notes are closed on this page. Reload the page to open them again."}
        </p>
      ) : (
        !synced && <p className="loading-line">Loading notes…</p>
      )}
      <EditorContent editor={editor} />
    </section>
  );
}
