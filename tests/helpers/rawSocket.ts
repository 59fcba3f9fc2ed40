/** A bare WebSocket to the sync endpoint, for sending hand-made (and broken) messages. */
import { WebSocket } from "ws";

export interface RawSocket {
  ws: WebSocket;
  /** Resolves with the close code and reason the server sent. */
  closed: Promise<{ code: number; reason: string }>;
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
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.once("close", (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  return new Promise((resolve, reject) => {
    ws.once("open", () => resolve({ ws, closed }));
    ws.once("error", reject);
  });
}
