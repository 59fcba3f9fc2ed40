/**
 * The access check at the WebSocket upgrade. Today it admits everyone to rooms of existing
 * frameworks; issue 4 adds tokens (`?token=` on the WebSocket URL) and roles here.
 */
import type { IncomingMessage } from "node:http";
import { CloseCode, parseRoomName, type RoomName } from "@parley/shared/protocol";
import type { DocumentStorage } from "../storage/documentStorage.js";

export type AuthDecision =
  | { ok: true; room: RoomName; roomKey: string; frameworkId: string }
  | { ok: false; code: CloseCode; reason: string };

export type AuthorizeConnection = (
  roomName: string,
  token: string | null,
  request: IncomingMessage,
) => Promise<AuthDecision>;

export function createAuthorizeConnection(storage: DocumentStorage): AuthorizeConnection {
  return async (roomName) => {
    const room = parseRoomName(roomName);
    if (!room) return { ok: false, code: CloseCode.unknownRoom, reason: "invalid room name" };
    const framework = await storage.getFramework(room.frameworkId);
    if (!framework) return { ok: false, code: CloseCode.unknownRoom, reason: "unknown framework" };
    return { ok: true, room, roomKey: roomName, frameworkId: room.frameworkId };
  };
}
