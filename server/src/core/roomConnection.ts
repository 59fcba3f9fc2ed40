/**
 * One connection's way into a room, as a small state machine:
 *
 *   loading ──room loaded──► attached
 *      │                        │
 *      └──close / disconnect────┴──► gone (terminal)
 *
 * While loading, messages wait in order (and a joiner asking for everything may be answered
 * early from the snapshot, see `EarlyReplies`); once attached they go to the room; once gone,
 * nothing is done. A joiner counts as silent for its load's early replies until it sends
 * something or leaves.
 */
import { CloseCode, syncStep2 } from "@parley/shared/protocol";
import type { EarlyReplies } from "./earlyReplies.js";
import { encodeSyncMessage, isFullStateRequest, needsDocument } from "./messages.js";
import type { ConnectionAccess, Room } from "./room.js";
import type { SyncConnection } from "./types.js";

/** What the transport holds for one connection: feed it messages, tell it when the socket closed. */
export interface ConnectionHandle {
  receive(data: Uint8Array): void;
  disconnected(): void;
  /** Closes the connection from the server side (revoked invite, expired token, rate limit). */
  close(code: number, reason: string): void;
}

export type RoomConnectionState =
  | { name: "loading"; queued: Uint8Array[] }
  | { name: "attached"; room: Room }
  | { name: "gone" };

export interface RoomConnectionOptions {
  connection: SyncConnection;
  access: ConnectionAccess;
  maxMessageBytes: number;
  /** The early replies of the load this connection waits for (if its room is loading). */
  early: EarlyReplies | null;
  /** The connection left (closed by either side): forget it. */
  onGone: () => void;
  /** The server closed the connection with `code`. */
  onServerClose: (code: number) => void;
}

export class RoomConnection implements ConnectionHandle {
  private state: RoomConnectionState = { name: "loading", queued: [] };
  /** Attached while the room loads and has not sent anything yet. */
  private silent = false;

  constructor(private readonly options: RoomConnectionOptions) {}

  /** Counts this connection as a silent joiner of its room's load (see `EarlyReplies`). */
  waitSilently(): void {
    const early = this.options.early;
    if (!early) return;
    this.silent = true;
    early.addSilentJoiner((snapshot) => {
      if (this.state.name !== "loading") return;
      const { queued } = this.state;
      if (queued.length > 0 && this.answerEarly(queued[0], snapshot)) queued.shift();
    });
  }

  /** The room loaded: attach and hand it the queued messages. False if the connection left. */
  attach(room: Room): boolean {
    if (this.state.name !== "loading") return false;
    const { queued } = this.state;
    this.state = { name: "attached", room };
    room.addConnection(this.options.connection, this.options.access);
    for (const data of queued.splice(0)) room.receive(this.options.connection, data);
    return true;
  }

  receive(data: Uint8Array): void {
    const state = this.state;
    if (state.name === "gone") return;
    if (state.name === "attached") {
      state.room.receive(this.options.connection, data);
      return;
    }
    if (data.byteLength > this.options.maxMessageBytes) {
      this.close(CloseCode.messageTooLarge, "message over size limit");
      return;
    }
    const early = this.options.early;
    const snapshot = early?.snapshot;
    if (!(snapshot && state.queued.length === 0 && this.answerEarly(data, snapshot))) {
      state.queued.push(data);
      if (early && needsDocument(data)) early.needDocument();
    }
    this.spoke();
  }

  disconnected(): void {
    this.leave();
  }

  close(code: number, reason: string): void {
    if (!this.leave()) return;
    this.options.onServerClose(code);
    this.options.connection.close(code, reason);
  }

  /** Goes to `gone` (false if it already was). */
  private leave(): boolean {
    const state = this.state;
    if (state.name === "gone") return false;
    this.spoke();
    this.state = { name: "gone" };
    this.options.onGone();
    if (state.name === "attached") state.room.removeConnection(this.options.connection);
    return true;
  }

  private spoke(): void {
    if (!this.silent) return;
    this.silent = false;
    this.options.early?.joinerSpoke();
  }

  /** Answers a request for everything from the snapshot read for the load. */
  private answerEarly(data: Uint8Array | undefined, snapshot: Uint8Array): boolean {
    if (this.state.name !== "loading" || !data || !isFullStateRequest(data)) return false;
    const { connection } = this.options;
    this.options.early?.sent(
      new Promise<void>((written) =>
        connection.send(encodeSyncMessage(syncStep2, snapshot), written),
      ),
    );
    return true;
  }
}
