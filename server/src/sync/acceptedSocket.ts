/**
 * One upgraded socket of the sync endpoint, as a small state machine:
 *
 *   checking ──access granted──► attached ──socket closed──► closed
 *      │  └──refused (4xxx)──► refused ──socket closed──────────┘
 *      └──socket closed──────────────────────────────────────► closed
 *
 * While the access check runs, messages wait in order; once attached they go to the room. Over
 * its message rate a socket is closed in any state (`overRate`), and the closing is audited once
 * the principal is known, even if the check finishes after the socket closed.
 */
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { CloseCode } from "@parley/shared/protocol";
import { type RawData, WebSocket } from "ws";
import type { AuthDecision, AuthorizeConnection } from "../access/authorize.js";
import type { LiveConnections } from "../access/liveConnections.js";
import type { RefusalAudit } from "../audit/refusalAudit.js";
import type { AuditEvent, AuditSink } from "../core/auditSink.js";
import type { ConnectionHandle } from "../core/roomConnection.js";
import type { RoomManager } from "../core/roomManager.js";
import { TokenBucket } from "../core/tokenBucket.js";
import type { Logger, SyncConnection } from "../core/types.js";
import { closeReason } from "./closeReason.js";
import type { ConnectionCounts } from "./connectionCounts.js";
import { type LastFrame, SHARED_FRAME_MAX_PAYLOAD } from "./sharedFrame.js";

type Granted = Extract<AuthDecision, { ok: true }>;

export type AcceptedSocketState =
  | { name: "checking"; held: Uint8Array[] }
  | {
      name: "attached";
      handle: ConnectionHandle;
      granted: Granted;
      id: number;
      release: () => void;
    }
  | { name: "refused" }
  | { name: "closed" };

/** What every socket of one endpoint shares. */
export interface AcceptContext {
  manager: RoomManager;
  authorize: AuthorizeConnection;
  logger: Logger;
  audit: AuditSink;
  live: LiveConnections;
  refusals: RefusalAudit;
  messagesPerSecond: number;
  messageBurst: number;
  maxConnectionsPerIp: number;
  maxConnectionsPerToken: number;
  perAddress: ConnectionCounts;
  /** Per token: a personal token is one member, a shared invite used directly its own member. */
  perMember: ConnectionCounts;
  lastFrame: LastFrame;
  nextConnectionId: () => number;
}

/** What one upgrade brought. */
export interface AcceptRequest {
  roomName: string;
  /** The room name as a log line may quote it. */
  loggedRoom: string;
  token: string | null;
  request: IncomingMessage;
  address: string;
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * The one way the edge closes a socket: unless it is already closing, with the reason cut to what
 * a close frame can carry (`ws` throws on a longer one).
 */
export function closeSocket(ws: WebSocket, code: number, reason: string): void {
  if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) {
    ws.close(code, closeReason(reason));
  }
}

export class AcceptedSocket {
  private state: AcceptedSocketState = { name: "checking", held: [] };
  /** Closed for its message rate (no message is read after that). */
  private overRate = false;
  private readonly bucket: TokenBucket;
  private readonly releaseAddress: () => void;
  private readonly overAddress: boolean;
  private readonly connection: SyncConnection;

  /**
   * `tcp` is the socket `ws` itself writes to: without compression (off) or Blob payloads (never
   * sent), `ws` writes every frame to it at once, so a frame written to it directly lands in
   * order between them, and counts in `ws.bufferedAmount`.
   */
  constructor(
    private readonly ws: WebSocket,
    tcp: Duplex,
    private readonly request: AcceptRequest,
    private readonly context: AcceptContext,
  ) {
    const { perAddress } = context;
    this.releaseAddress = perAddress.add(request.address);
    this.overAddress = perAddress.count(request.address) > context.maxConnectionsPerIp;
    this.bucket = new TokenBucket(context.messagesPerSecond, context.messageBurst);
    const lastFrame = context.lastFrame;
    this.connection = {
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
  }

  /** Listens to the socket and starts the access check. */
  start(): void {
    const { ws } = this;
    const { logger, authorize } = this.context;
    const { loggedRoom, roomName, token, request } = this.request;
    ws.on("error", (error) => logger.warn({ room: loggedRoom, err: error }, "socket error"));
    ws.on("message", (data) => this.message(data));
    ws.on("close", (code) => this.socketClosed(code));
    authorize(roomName, token, request)
      .then((decision) => this.decided(decision))
      .catch((error: unknown) => {
        // The access check failed, or acting on its answer threw: this connection only.
        logger.error({ room: loggedRoom, err: error }, "authorization failed");
        closeSocket(ws, CloseCode.internalError, "authorization failed");
      });
  }

  private message(data: RawData): void {
    if (this.overRate) return;
    const state = this.state;
    if (!this.bucket.take()) {
      this.overRate = true;
      this.context.logger.warn(
        { room: this.request.loggedRoom },
        "closing connection over the message rate limit",
      );
      if (state.name === "attached") {
        this.auditOverRate(state.granted, state.id);
        state.handle.close(CloseCode.rateLimited, "too many messages");
      } else closeSocket(this.ws, CloseCode.rateLimited, "too many messages");
      return;
    }
    const bytes = toBytes(data);
    if (state.name === "attached") state.handle.receive(bytes);
    else if (state.name === "checking") state.held.push(bytes);
  }

  private socketClosed(code: number): void {
    const state = this.state;
    this.state = { name: "closed" };
    this.releaseAddress();
    if (state.name !== "attached") return;
    state.handle.disconnected();
    state.release();
    const { granted, id } = state;
    this.context.audit.record({
      frameworkId: granted.frameworkId,
      action: "disconnected",
      room: granted.roomKey,
      principal: granted.principal,
      connection: id,
      detail: `close code ${code}`,
    });
  }

  private decided(decision: AuthDecision): void {
    const state = this.state;
    if (state.name !== "checking") {
      // Closed for its message rate before the access check finished: still on the record.
      if (this.overRate && decision.ok) this.auditOverRate(decision, null);
      return;
    }
    const { context } = this;
    if (this.overAddress) {
      // Once per source and window: a client over the cap usually retries in a loop.
      const reason = `more than ${context.maxConnectionsPerIp} connections from one address`;
      const source = `${this.request.address} (too many)`;
      this.refuse(decision, CloseCode.tooManyConnections, reason, source, 1);
      return;
    }
    if (!decision.ok) {
      const source = decision.principal
        ? `invite ${decision.principal.inviteId}`
        : this.request.address;
      this.refuse(decision, decision.code, decision.reason, source);
      return;
    }
    const { principal, frameworkId, roomKey } = decision;
    if (context.perMember.count(principal.member) >= context.maxConnectionsPerToken) {
      const reason = `more than ${context.maxConnectionsPerToken} connections with one token`;
      const source = `member ${principal.member} (too many)`;
      this.refuse(decision, CloseCode.tooManyConnections, reason, source, 1);
      return;
    }
    const id = context.nextConnectionId();
    const handle = context.manager.connect(roomKey, frameworkId, this.connection, {
      principal,
      id,
    });
    context.audit.record({
      frameworkId,
      action: "connected",
      room: roomKey,
      principal,
      connection: id,
    });
    const releaseMember = context.perMember.add(principal.member);
    const releaseInvite = context.live.register(
      principal.inviteId,
      decision.expiresAt,
      (code, reason) => handle.close(code, reason),
    );
    const release = () => {
      releaseMember();
      releaseInvite();
    };
    this.state = { name: "attached", handle, granted: decision, id, release };
    if (this.overRate) {
      this.auditOverRate(decision, id);
      handle.close(CloseCode.rateLimited, "too many messages");
    }
    for (const bytes of state.held.splice(0)) handle.receive(bytes);
  }

  /** Closes the socket with `code` and records the refusal (coalesced) if a framework is known. */
  private refuse(
    decision: AuthDecision,
    code: number,
    reason: string,
    source: string,
    rowsPerSource?: number,
  ): void {
    this.context.logger.info({ room: this.request.loggedRoom, code }, reason);
    if (decision.frameworkId) {
      const event: AuditEvent = {
        frameworkId: decision.frameworkId,
        action: "refused",
        room: this.request.roomName,
        principal: decision.principal,
        detail: `connection refused (${code}): ${reason}`,
      };
      this.context.refusals.refused(event, source, rowsPerSource);
    }
    this.state = { name: "refused" };
    // Closing: no longer one of the address's open connections.
    this.releaseAddress();
    closeSocket(this.ws, code, reason);
  }

  private auditOverRate(granted: Granted, connection: number | null): void {
    this.context.audit.record({
      frameworkId: granted.frameworkId,
      action: "refused",
      room: granted.roomKey,
      principal: granted.principal,
      connection,
      detail: `connection closed: over ${this.context.messagesPerSecond} messages per second`,
    });
  }
}
