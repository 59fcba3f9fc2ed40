/**
 * The access check at the WebSocket upgrade: the room must name an existing framework, the page's
 * Origin must be allowed, the token (`?token=`) must be valid with a live invite, belong to this
 * framework, and grant the room (a private room only to its own party's members). The decision
 * carries the principal into the core, which enforces what it may write.
 */
import type { IncomingMessage } from "node:http";
import { mayOpenRoom, type Principal } from "@parley/shared/access/roles";
import { CloseCode, parseRoomName, type RoomName } from "@parley/shared/protocol";
import { capText } from "../audit/auditLog.js";
import type { DocumentStorage } from "../storage/documentStorage.js";
import { originAllowed } from "../sync/origin.js";
import { type AccessService, AUTH_MESSAGES } from "./accessService.js";

/** Longest part of a refused Origin quoted in the refusal (characters). */
const MAX_QUOTED_ORIGIN = 80;

export type AuthDecision =
  | {
      ok: true;
      room: RoomName;
      roomKey: string;
      frameworkId: string;
      principal: Principal;
      expiresAt: Date;
    }
  | {
      ok: false;
      code: CloseCode;
      reason: string;
      /** The existing framework the attempt was about (for the audit log), if any. */
      frameworkId: string | null;
      principal: Principal | null;
    };

export type AuthorizeConnection = (
  roomName: string,
  token: string | null,
  request: IncomingMessage,
) => Promise<AuthDecision>;

export interface AuthorizeOptions {
  storage: DocumentStorage;
  access: AccessService;
  /** The browser origins allowed to open sockets (`allowedOriginsFor`, known once listening). */
  allowedOrigins: () => ReadonlySet<string>;
}

export function createAuthorizeConnection(options: AuthorizeOptions): AuthorizeConnection {
  const { storage, access, allowedOrigins } = options;
  return async (roomName, token, request) => {
    const room = parseRoomName(roomName);
    if (!room) {
      return {
        ok: false,
        code: CloseCode.unknownRoom,
        reason: "invalid room name",
        frameworkId: null,
        principal: null,
      };
    }
    const framework = await storage.getFramework(room.frameworkId);
    if (!framework) {
      return {
        ok: false,
        code: CloseCode.unknownRoom,
        reason: "unknown framework",
        frameworkId: null,
        principal: null,
      };
    }
    const frameworkId = room.frameworkId;
    if (!originAllowed(request.headers.origin, allowedOrigins())) {
      return {
        ok: false,
        code: CloseCode.forbidden,
        reason: `origin ${capText(request.headers.origin ?? "", MAX_QUOTED_ORIGIN)} is not allowed`,
        frameworkId,
        principal: null,
      };
    }
    const result = await access.authenticate(token);
    if (!result.ok) {
      return {
        ok: false,
        code: result.closeCode,
        reason: result.message,
        frameworkId,
        principal: null,
      };
    }
    const { principal } = result;
    if (principal.frameworkId !== frameworkId) {
      return {
        ok: false,
        code: CloseCode.forbidden,
        reason: AUTH_MESSAGES.otherFramework,
        frameworkId,
        principal,
      };
    }
    const decision = mayOpenRoom(principal, room);
    if (!decision.allowed) {
      return {
        ok: false,
        code: CloseCode.forbidden,
        reason: decision.reason,
        frameworkId,
        principal,
      };
    }
    return {
      ok: true,
      room,
      roomKey: roomName,
      frameworkId,
      principal,
      expiresAt: result.expiresAt,
    };
  };
}
