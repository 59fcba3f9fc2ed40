/**
 * The private notes room of a party (`<id>/private/<party>`), opened like every room: its own
 * Y.Doc, a local copy on this device and the connection state, with the held token. Only that
 * party's members can open it; the server refuses everyone else at the upgrade and never sends
 * its content to any other socket.
 */
import { DOCUMENT_FIELD, roomNameToString } from "@parley/shared/protocol";
import { openRoom, type Room } from "../../collab/room.js";

export function privateNotesRoom(frameworkId: string, party: string): string {
  return roomNameToString({ kind: "private", frameworkId, party });
}

export function openPrivateNotes(frameworkId: string, party: string): Room {
  return openRoom(privateNotesRoom(frameworkId, party), {
    frameworkId,
    textField: DOCUMENT_FIELD,
  });
}
