/** A bare WebSocket to the sync endpoint, for sending hand-made (and broken) messages. */
import { WebSocket } from "ws";

export interface RawSocket {
  ws: WebSocket;
  /** Resolves with the close code and reason the server sent. */
  closed: Promise<{ code: number; reason: string }>;
  /**
   * Resolves with the first message the server sent. Listened for from the moment the socket is
   * made: a listener added after `open` misses a message that arrived in the same read as the
   * upgrade response (ws emits it before an awaiting caller resumes).
   */
  firstMessage: Promise<Buffer>;
  /** Every message received so far, in order, counted from the moment the socket was made. */
  received: Buffer[];
}

/** Opens `room` with `token` (as `?token=`); `headers` e.g. an `Origin`. */
export function openRawSocket(
  syncUrl: string,
  room: string,
  token?: string,
  headers: Record<string, string> = {},
): Promise<RawSocket> {
  const query = token ? `?token=${encodeURIComponent(token)}` : "";
  const ws = new WebSocket(`${syncUrl}/${room}${query}`, { headers });
  const received: Buffer[] = [];
  ws.on("message", (data: Buffer) => received.push(Buffer.from(data)));
  const firstMessage = new Promise<Buffer>((resolve) => {
    ws.once("message", (data: Buffer) => resolve(Buffer.from(data)));
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.once("close", (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  return new Promise((resolve, reject) => {
    ws.once("open", () => resolve({ ws, closed, firstMessage, received }));
    ws.once("error", reject);
  });
}
