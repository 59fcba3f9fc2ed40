/**
 * The WebSocket edge: upgrades `/sync/<room>` requests, runs the access check, adapts each `ws`
 * socket to the core's `SyncConnection` (one `AcceptedSocket` each), and keeps connections alive with pings. A refused room is
 * closed AFTER the upgrade with a 4xxx code, so that the stock y-websocket client stops retrying.
 * Every close goes through `closeSocket`, which caps the reason (`closeReason`); open connections
 * are capped per client address and per token (member) (`tooManyConnections`); refusals are audited
 * through `RefusalAudit`, which coalesces floods.
 */
import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { SYNC_PATH } from "@parley/shared/protocol";
import { type WebSocket, WebSocketServer } from "ws";
import type { AuthorizeConnection } from "../access/authorize.js";
import type { LiveConnections } from "../access/liveConnections.js";
import { capText } from "../audit/auditLog.js";
import type { RefusalAudit } from "../audit/refusalAudit.js";
import type { AuditSink } from "../core/auditSink.js";
import type { RoomManager } from "../core/roomManager.js";
import type { Logger } from "../core/types.js";
import { type AcceptContext, AcceptedSocket } from "./acceptedSocket.js";
import { addressKey, clientAddress } from "./clientAddress.js";
import { ConnectionCounts } from "./connectionCounts.js";
import { LastFrame } from "./sharedFrame.js";

export interface SyncEndpointOptions {
  manager: RoomManager;
  authorize: AuthorizeConnection;
  logger: Logger;
  /** Milliseconds between keepalive pings; a socket that missed the previous pong is dropped. */
  pingIntervalMs: number;
  /** Hard cap on frames `ws` will even read; the core enforces the documented limit below it. */
  maxFrameBytes: number;
  audit: AuditSink;
  live: LiveConnections;
  /** Per-connection message rate limit (token bucket). */
  messagesPerSecond: number;
  messageBurst: number;
  /** Where refused attempts are recorded, coalesced per source and window. */
  refusals: RefusalAudit;
  /** Open connections allowed per client address (`addressKey`) and per token (its member). */
  maxConnectionsPerIp: number;
  maxConnectionsPerToken: number;
  /** Reverse-proxy hops whose X-Forwarded-For names the client address (as on REST). */
  trustProxy: number;
}

export interface SyncEndpoint {
  /** Stops accepting upgrades and stops the keepalive timer. */
  stopAccepting(): void;
}

function refuseUpgrade(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** Longest room name quoted in a log line (characters; the name comes from the request). */
const MAX_LOGGED_ROOM = 160;

export function attachSyncEndpoint(server: Server, options: SyncEndpointOptions): SyncEndpoint {
  const { logger } = options;
  let nextConnectionId = 1;
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxFrameBytes,
    // Off (the default, stated here): `accept` writes shared frames past `ws`, which only stays
    // in order while `ws` compresses nothing.
    perMessageDeflate: false,
  });
  const alive = new WeakMap<WebSocket, boolean>();
  const lastFrame = new LastFrame();
  let accepting = true;
  const context: AcceptContext = {
    ...options,
    perAddress: new ConnectionCounts(),
    perMember: new ConnectionCounts(),
    lastFrame,
    nextConnectionId: () => nextConnectionId++,
  };

  const keepalive = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        logger.info({}, "terminating connection that missed a keepalive pong");
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, options.pingIntervalMs);
  keepalive.unref();

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const url = new URL(request.url ?? "/", "http://localhost");
    if (!url.pathname.startsWith(SYNC_PATH)) {
      refuseUpgrade(socket, "404 Not Found");
      return;
    }
    if (!accepting) {
      refuseUpgrade(socket, "503 Service Unavailable");
      return;
    }
    let roomName: string;
    try {
      roomName = decodeURIComponent(url.pathname.slice(SYNC_PATH.length));
    } catch {
      roomName = "";
    }
    const token = url.searchParams.get("token");
    const address = addressKey(clientAddress(request, options.trustProxy));
    wss.handleUpgrade(request, socket, head, (ws) => {
      alive.set(ws, true);
      ws.on("pong", () => alive.set(ws, true));
      const loggedRoom = capText(roomName, MAX_LOGGED_ROOM);
      const accepted = new AcceptedSocket(
        ws,
        socket,
        { roomName, loggedRoom, token, request, address },
        context,
      );
      accepted.start();
    });
  };

  server.on("upgrade", onUpgrade);
  return {
    stopAccepting() {
      accepting = false;
      clearInterval(keepalive);
    },
  };
}
