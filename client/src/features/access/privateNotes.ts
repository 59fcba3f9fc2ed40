/**
 * The connection to a party's private notes room (`<id>/private/<party>`): its own Y.Doc and
 * WebSocket, with the held token. Only that party's members can open it; the server refuses
 * everyone else at the upgrade and never sends its content to any other socket.
 */
import { roomNameToString, SYNC_PATH } from "@parley/shared/protocol";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { closedReasonFor } from "../../collab/connectionState.js";
import { tokenParams } from "../../collab/tokens.js";

export function privateNotesRoom(frameworkId: string, party: string): string {
  return roomNameToString({ kind: "private", frameworkId, party });
}

export interface PrivateNotesConnection {
  doc: Y.Doc;
  provider: WebsocketProvider;
  destroy(): void;
}

export function openPrivateNotes(frameworkId: string, party: string): PrivateNotesConnection {
  const doc = new Y.Doc();
  const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
  const provider = new WebsocketProvider(
    `${scheme}//${window.location.host}${SYNC_PATH.replace(/\/$/, "")}`,
    privateNotesRoom(frameworkId, party),
    doc,
    {
      params: tokenParams(frameworkId),
      shouldReconnect: (event) => closedReasonFor(event.code) === null,
    },
  );
  return {
    doc,
    provider,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}
