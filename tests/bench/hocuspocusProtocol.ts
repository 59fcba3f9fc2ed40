/**
 * Hocuspocus's message types (MessageType in @hocuspocus/server) the bench's Hocuspocus clients
 * and its storing-first peer read: every Hocuspocus message starts with the document's name, then
 * one of these, then the y-protocols message. Constants only, so the peer's server build pulls
 * nothing else in.
 */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AUTH = 2;
export const MESSAGE_SYNC_REPLY = 4;
/** AuthMessageType.Token */
export const AUTH_TOKEN = 0;
