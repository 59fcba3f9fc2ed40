import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import type WebSocket from "ws";

/**
 * The TCP socket under a `ws` client, from its `upgrade` event (the handshake's response), so that
 * the harness can cork it.
 */
export class TcpOf {
  private socket: Socket | null = null;

  watch(ws: WebSocket): void {
    ws.once("upgrade", (response: IncomingMessage) => {
      this.socket = response.socket;
    });
  }

  together(work: () => void): void {
    const socket = this.socket;
    socket?.cork();
    try {
      work();
    } finally {
      socket?.uncork();
    }
  }
}
