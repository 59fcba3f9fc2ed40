/**
 * The wire contract between Parley's clients and its sync server: room names, limits and the
 * WebSocket close codes. Both sides import this file; nothing here does I/O.
 */

/** Bumped when a change to the sync protocol or the document schema needs newer clients. */
export const PROTOCOL_VERSION = 1;

/** Tiptap's default field: the framework text lives in `doc.getXmlFragment(DOCUMENT_FIELD)`. */
export const DOCUMENT_FIELD = "default";

/** Path prefix of the WebSocket endpoint: `ws://HOST:PORT/sync/<room>`. */
export const SYNC_PATH = "/sync/";

/** y-websocket's message types: the first varuint of every message on the socket. */
export const messageSync = 0;
export const messageAwareness = 1;
export const messageAuth = 2;
export const messageQueryAwareness = 3;

/** y-protocols' sync message types: the second varuint of a `messageSync` message. */
export const syncStep1 = 0;
export const syncStep2 = 1;
export const syncUpdate = 2;

export const LIMITS = {
  /** Largest single WebSocket message the server accepts (bytes). */
  maxMessageBytes: 2 * 1024 * 1024,
  /**
   * A connection whose unsent buffer passes this, on top of the room's size, is cut off as a slow
   * consumer (bytes). The room's size is added so that the reply a joiner needs (the whole room,
   * up to `maxDocumentBytes`) never trips it.
   */
  maxBufferedBytes: 8 * 1024 * 1024,
  /** Longest framework title (characters). */
  maxTitleLength: 200,
  /**
   * Largest a room may grow (bytes of its stored snapshot plus logged updates, an upper bound of
   * its encoded size): an update that would pass it is refused with `documentTooLarge`.
   */
  maxDocumentBytes: 32 * 1024 * 1024,
  /** Per connection: sustained messages per second (token bucket refill rate). */
  messagesPerSecond: 200,
  /** Per connection: the bucket size, i.e. the largest burst of messages accepted at once. */
  messageBurst: 2000,
  /** Open WebSocket connections per client address (a delegation behind one NAT shares it). */
  maxConnectionsPerIp: 200,
  /** Open WebSocket connections per invite (token); each person opens up to three rooms per tab. */
  maxConnectionsPerToken: 50,
  /**
   * Deepest nesting of shared types in a document: a type inside this many enclosing types is
   * refused (`malformedMessage`) before it is applied. Yjs deletes and garbage-collects nested
   * types recursively, so unbounded nesting overflows the stack. A Tiptap document nests one
   * level per node (doc > table > row > cell > paragraph is 4; a list level is 2): 100 is far
   * above any real document.
   */
  maxNestingDepth: 100,
  /**
   * Most work one update may cost, estimated before it is applied (server/src/core/updateWork.ts):
   * 64 units per item integrated, 32 per item deleted, 1 per step of Yjs's conflict loop (one
   * unit is about 70 ns). About one second of work: a whole 2 MiB message of honest items fits;
   * thousands of items crowded at one position under different client ids (quadratic) do not,
   * and are refused with `updateTooComplex`.
   */
  maxUpdateWork: 16_000_000,
  /**
   * Per participant and room (all of its connections together, so reconnecting does not refill
   * it): sustained work per second (token bucket, about 15% of a core); past it `rateLimited`.
   */
  updateWorkPerSecond: 2_000_000,
  /** Per participant and room: the work accepted at once (bucket size: one largest update). */
  updateWorkBurst: 16_000_000,
  /** Largest awareness (presence) state of one client id, as JSON (bytes); larger ones are dropped. */
  maxAwarenessStateBytes: 8 * 1024,
  /** Most awareness client ids one connection may announce (a browser tab uses one). */
  maxAwarenessClientsPerConnection: 4,
  /** Per connection: sustained awareness bytes per second; past it, states wait (coalesced). */
  awarenessBytesPerSecond: 32 * 1024,
  /** Per connection: awareness bytes accepted at once (bucket size). */
  awarenessBurstBytes: 128 * 1024,
  /** Longest display name in a token or awareness state (characters). */
  maxDisplayNameLength: 120,
  /** Longest an invite can stay valid (seconds): one year. */
  maxInviteSeconds: 365 * 24 * 60 * 60,
  /** Default invite lifetime (seconds): 30 days. */
  defaultInviteSeconds: 30 * 24 * 60 * 60,
  /** Lifetime of the mediator token `POST /api/frameworks` returns (seconds): one year. */
  creatorTokenSeconds: 365 * 24 * 60 * 60,
  /** Most tokens one `POST /api/frameworks/lookup` may carry. */
  maxLookupTokens: 200,
} as const;

/**
 * WebSocket close codes the server uses. 1000-1015 are the standard ones; Parley's own live in
 * the 4000-4999 range reserved for applications. As the stock y-websocket 3 client reads them,
 * 4400-4499 are permanent (the client stops reconnecting: retrying cannot help) and 4500-4599 are
 * transient (the client reconnects with backoff). Codes mirror an HTTP status where one fits.
 */
export const CloseCode = {
  /** Normal closure. */
  normal: 1000,
  /** The server is shutting down; reconnect later. */
  goingAway: 1001,
  /** A message could not be decoded or applied (random bytes, truncated varint, bad update, bad awareness JSON). */
  malformedMessage: 4400,
  /** No valid token, or the token expired. */
  unauthorized: 4401,
  /** The token does not grant this room (another framework, another party's private notes), or the page's Origin is not allowed. */
  forbidden: 4403,
  /** The room name is invalid or the framework does not exist. */
  unknownRoom: 4404,
  /** The client did not answer keepalive pings (transient: reconnect). */
  timeout: 4508,
  /** The framework was deleted while connected. */
  roomDeleted: 4410,
  /** A single message was over `LIMITS.maxMessageBytes`. */
  messageTooLarge: 4413,
  /** The update would grow the room past `LIMITS.maxDocumentBytes` (nothing was applied). */
  documentTooLarge: 4414,
  /**
   * The update writes new items under a Yjs client id that another participant wrote under first
   * (each client id belongs to the first participant that writes with it in a room).
   */
  clientIdTaken: 4409,
  /**
   * The update would cost more integration work than `LIMITS.maxUpdateWork` (e.g. thousands of
   * items crowded at one position under different client ids). Nothing was applied.
   */
  updateTooComplex: 4422,
  /** The client is too old for this server's protocol version. */
  clientTooOld: 4426,
  /** Too many messages, or too much update work, in too short a time (transient: reconnect later). */
  rateLimited: 4529,
  /**
   * Too many open connections from one client address or with one invite (transient: reconnect
   * once some are closed).
   */
  tooManyConnections: 4530,
  /** The connection's send buffer passed `LIMITS.maxBufferedBytes` (slow consumer; transient). */
  slowConsumer: 4531,
  /** The invite behind the token was revoked. */
  revoked: 4498,
  /** Storage failed; nothing was applied. Reconnect later. */
  internalError: 4500,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Framework ids are URL-safe and short; anything else is refused before it reaches storage. */
export const FRAMEWORK_ID_PATTERN = /^[A-Za-z0-9_-]{6,64}$/;

export function isFrameworkId(value: string): boolean {
  return FRAMEWORK_ID_PATTERN.test(value);
}

/** The rooms of one framework. Each is its own Y.Doc with its own readers and writers. */
export type RoomName =
  | { kind: "framework"; frameworkId: string }
  | { kind: "discussion"; frameworkId: string }
  | { kind: "private"; frameworkId: string; party: string };

const PARTY_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function roomNameToString(room: RoomName): string {
  switch (room.kind) {
    case "framework":
      return room.frameworkId;
    case "discussion":
      return `${room.frameworkId}/discussion`;
    case "private":
      return `${room.frameworkId}/private/${room.party}`;
  }
}

/** Parses `<id>`, `<id>/discussion` or `<id>/private/<party>`; anything else is `null`. */
export function parseRoomName(value: string): RoomName | null {
  const parts = value.split("/");
  const frameworkId = parts[0] ?? "";
  if (!isFrameworkId(frameworkId)) return null;
  if (parts.length === 1) return { kind: "framework", frameworkId };
  if (parts.length === 2 && parts[1] === "discussion") return { kind: "discussion", frameworkId };
  const party = parts[2] ?? "";
  if (parts.length === 3 && parts[1] === "private" && PARTY_PATTERN.test(party)) {
    return { kind: "private", frameworkId, party };
  }
  return null;
}

/** Invite ids (the `jti` of a token, the `:inviteId` of the invite routes) share the framework id alphabet. */
export const INVITE_ID_PATTERN = /^[A-Za-z0-9_-]{6,64}$/;

export function isInviteId(value: string): boolean {
  return INVITE_ID_PATTERN.test(value);
}

/** The query parameter that carries a token on the WebSocket URL and on invite links. */
export const TOKEN_PARAM = "token";
