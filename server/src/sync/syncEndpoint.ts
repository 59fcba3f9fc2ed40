/**
 * The WebSocket edge: upgrades `/sync/<room>` requests, runs the access check, adapts each `ws`
 * socket to the core's `SyncConnection`, and keeps connections alive with pings. A refused room is
 * closed AFTER the upgrade with a 4xxx code, so that the stock y-websocket client stops retrying.
 * Every close goes through `closeSocket`, which caps the reason (`closeReason`); open connections
 * are capped per client address and per token (member) (`tooManyConnections`); refusals are audited
 * through `RefusalAudit`, which coalesces floods.
 */
import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { CloseCode, SYNC_PATH } from "@parley/shared/protocol";
import { type RawData, WebSocket, WebSocketServer } from "ws";
import type { AuthDecision, AuthorizeConnection } from "../access/authorize.js";
import type { LiveConnections } from "../access/liveConnections.js";
import { capText } from "../audit/auditLog.js";
import type { RefusalAudit } from "../audit/refusalAudit.js";
import type { AuditEvent, AuditSink } from "../core/auditSink.js";
import type { ConnectionHandle, RoomManager } from "../core/roomManager.js";
import { TokenBucket } from "../core/tokenBucket.js";
import type { Logger, SyncConnection } from "../core/types.js";
import { addressKey, clientAddress } from "./clientAddress.js";
import { closeReason } from "./closeReason.js";
import { ConnectionCounts } from "./connectionCounts.js";
import { LastFrame, SHARED_FRAME_MAX_PAYLOAD } from "./sharedFrame.js";

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

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function refuseUpgrade(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * The one way the edge closes a socket: unless it is already closing, with the reason cut to what
 * a close frame can carry (`ws` throws on a longer one).
 */
function closeSocket(ws: WebSocket, code: number, reason: string): void {
  if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) {
    ws.close(code, closeReason(reason));
  }
}

/** Longest room name quoted in a log line (characters; the name comes from the request). */
const MAX_LOGGED_ROOM = 160;

export function attachSyncEndpoint(server: Server, options: SyncEndpointOptions): SyncEndpoint {
  const { manager, authorize, logger, audit, live, refusals } = options;
  const perAddress = new ConnectionCounts();
  /** Per token: a personal token is one member, a shared invite used directly its own member. */
  const perMember = new ConnectionCounts();
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
      accept(ws, socket, roomName, token, request, address);
    });
  };

  /**
   * `tcp` is the socket `ws` itself writes to: without compression (off) or Blob payloads (never
   * sent), `ws` writes every frame to it at once, so a frame written to it directly lands in
   * order between them, and counts in `ws.bufferedAmount`.
   */
  function accept(
    ws: WebSocket,
    tcp: Duplex,
    roomName: string,
    token: string | null,
    request: IncomingMessage,
    address: string,
  ): void {
    const loggedRoom = capText(roomName, MAX_LOGGED_ROOM);
    const releaseAddress = perAddress.add(address);
    const overAddress = perAddress.count(address) > options.maxConnectionsPerIp;
    alive.set(ws, true);
    ws.on("pong", () => alive.set(ws, true));
    ws.on("error", (error) => logger.warn({ room: loggedRoom, err: error }, "socket error"));
    const early: Uint8Array[] = [];
    let handle: ConnectionHandle | null = null;
    let closed = false;
    let onClosed: ((code: number) => void) | null = null;
    let onRateLimited: (() => void) | null = null;
    const bucket = new TokenBucket(options.messagesPerSecond, options.messageBurst);
    let rateLimited = false;
    ws.on("message", (data) => {
      if (rateLimited) return;
      if (!bucket.take()) {
        rateLimited = true;
        logger.warn({ room: loggedRoom }, "closing connection over the message rate limit");
        onRateLimited?.();
        if (handle) handle.close(CloseCode.rateLimited, "too many messages");
        else closeSocket(ws, CloseCode.rateLimited, "too many messages");
        return;
      }
      const bytes = toBytes(data);
      if (handle) handle.receive(bytes);
      else early.push(bytes);
    });
    ws.on("close", (code) => {
      closed = true;
      releaseAddress();
      handle?.disconnected();
      onClosed?.(code);
    });
    const connection: SyncConnection = {
      send(data, written) {
        if (ws.readyState !== WebSocket.OPEN) written?.();
        else if (written || data.byteLength > SHARED_FRAME_MAX_PAYLOAD) {
          ws.send(data, written && (() => written()));
        } else tcp.write(lastFrame.of(data));
      },
      close(code, reason) {
        closeSocket(ws, code, reason);
      },
      get bufferedAmount() {
        return ws.bufferedAmount;
      },
    };
    /** Closes the socket with `code` and records the refusal (coalesced) if a framework is known. */
    const refuse = (
      decision: AuthDecision,
      code: number,
      reason: string,
      source: string,
      rowsPerSource?: number,
    ): void => {
      logger.info({ room: loggedRoom, code }, reason);
      if (decision.frameworkId) {
        const event: AuditEvent = {
          frameworkId: decision.frameworkId,
          action: "refused",
          room: roomName,
          principal: decision.principal,
          detail: `connection refused (${code}): ${reason}`,
        };
        refusals.refused(event, source, rowsPerSource);
      }
      // Closing: no longer one of the address's open connections.
      releaseAddress();
      closeSocket(ws, code, reason);
    };
    const onDecision = (decision: AuthDecision): void => {
      if (closed) {
        // Closed for its message rate before the access check finished: still on the record.
        if (rateLimited && decision.ok) auditRateLimited(decision, null);
        return;
      }
      if (overAddress) {
        // Once per source and window: a client over the cap usually retries in a loop.
        const reason = `more than ${options.maxConnectionsPerIp} connections from one address`;
        refuse(decision, CloseCode.tooManyConnections, reason, `${address} (too many)`, 1);
        return;
      }
      if (!decision.ok) {
        const source = decision.principal ? `invite ${decision.principal.inviteId}` : address;
        refuse(decision, decision.code, decision.reason, source);
        return;
      }
      const { principal } = decision;
      if (perMember.count(principal.member) >= options.maxConnectionsPerToken) {
        const reason = `more than ${options.maxConnectionsPerToken} connections with one token`;
        const source = `member ${principal.member} (too many)`;
        refuse(decision, CloseCode.tooManyConnections, reason, source, 1);
        return;
      }
      const { frameworkId, roomKey } = decision;
      const id = nextConnectionId++;
      const opened = manager.connect(roomKey, frameworkId, connection, { principal, id });
      handle = opened;
      audit.record({
        frameworkId,
        action: "connected",
        room: roomKey,
        principal,
        connection: id,
      });
      const releaseMember = perMember.add(principal.member);
      const releaseInvite = live.register(principal.inviteId, decision.expiresAt, (code, reason) =>
        opened.close(code, reason),
      );
      const release = () => {
        releaseMember();
        releaseInvite();
      };
      onRateLimited = () => auditRateLimited(decision, id);
      onClosed = (code) => {
        release();
        audit.record({
          frameworkId,
          action: "disconnected",
          room: roomKey,
          principal,
          connection: id,
          detail: `close code ${code}`,
        });
      };
      if (rateLimited) {
        onRateLimited();
        opened.close(CloseCode.rateLimited, "too many messages");
      }
      for (const bytes of early.splice(0)) opened.receive(bytes);
    };
    authorize(roomName, token, request)
      .then(onDecision)
      .catch((error: unknown) => {
        // The access check failed, or acting on its answer threw: this connection only.
        logger.error({ room: loggedRoom, err: error }, "authorization failed");
        closeSocket(ws, CloseCode.internalError, "authorization failed");
      });
  }

  function auditRateLimited(
    access: Extract<AuthDecision, { ok: true }>,
    connection: number | null,
  ): void {
    audit.record({
      frameworkId: access.frameworkId,
      action: "refused",
      room: access.roomKey,
      principal: access.principal,
      connection,
      detail: `connection closed: over ${options.messagesPerSecond} messages per second`,
    });
  }

  server.on("upgrade", onUpgrade);
  return {
    stopAccepting() {
      accepting = false;
      clearInterval(keepalive);
    },
  };
}
