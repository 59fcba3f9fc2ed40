/**
 * Private delegation notes: a second, small editor beside the framework, bound to the party's
 * private room (opened like every room, with a local copy that is removed when access ends).
 * Shown only to members of a party; read-only for observers (the server enforces both).
 */
import { DOCUMENT_FIELD } from "@parley/shared/protocol";
import Collaboration from "@tiptap/extension-collaboration";
import { EditorContent, useEditor } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import { useEffect, useState } from "react";
import { useRoomSnapshot } from "../../collab/hooks.js";
import type { Room } from "../../collab/room.js";
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
  const [notes, setNotes] = useState<Room | null>(null);
  useEffect(() => {
    const opened = openPrivateNotes(frameworkId, party);
    setNotes(opened);
    return () => {
      setNotes(null);
      opened.destroy();
    };
  }, [frameworkId, party]);

  return (
    <section className="private-notes" aria-labelledby="private-notes-title">
      <h2 id="private-notes-title" className="sidebar-title">
        Private notes · {partyName}
      </h2>
      <p className="field-hint">Only members of {partyName} can read these notes.</p>
      {notes ? (
        <PrivateNotesText notes={notes} partyName={partyName} canWrite={canWrite} />
      ) : (
        <p className="loading-line">Loading notes…</p>
      )}
    </section>
  );
}

function PrivateNotesText({
  notes,
  partyName,
  canWrite,
}: {
  notes: Room;
  partyName: string;
  canWrite: boolean;
}) {
  const { connection, everSynced, hasContent } = useRoomSnapshot(notes);
  /** Why the server closed the notes for good (e.g. the invite was revoked), or null. */
  const closed = connection.status === "closed" ? connection.reason : null;
  // Access ended or the framework is gone: the notes leave this device too.
  useEffect(() => {
    if (closed === "unauthorized" || closed === "forbidden" || closed === "deleted") {
      void notes.clearLocalCopy();
    }
  }, [notes, closed]);

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

  const textReady = everSynced || hasContent;
  const editable = canWrite && closed === null && textReady;
  useEffect(() => {
    if (editor.isEditable !== editable) editor.setEditable(editable);
  }, [editor, editable]);

  return (
    <>
      {closed !== null ? (
        <p className="field-hint" role="status">
          {closed === "unauthorized"
            ? "Your access has ended: the notes are no longer shared with this page."
            : "The notes are closed on this page. Reload the page to open them again."}
        </p>
      ) : (
        !textReady && <p className="loading-line">Loading notes…</p>
      )}
      <EditorContent editor={editor} />
    </>
  );
}
