/**
 * An in-memory client/server socket pair for deterministic core tests: nothing moves until the
 * test delivers it, in the order the test chooses. The client half is a real Y.Doc speaking the
 * y-websocket protocol with y-protocols, like the stock provider.
 */

import { messageAwareness, messageSync } from "@parley/shared/protocol";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import type { ConnectionAccess } from "../core/room.js";
import type { ConnectionHandle, RoomManager } from "../core/roomManager.js";
import type { SyncConnection } from "../core/types.js";

export class TestClient {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  /** Messages the client sent that the server has not received yet. */
  readonly toServer: Uint8Array[] = [];
  /** Messages the server sent that the client has not processed yet. */
  readonly toClient: Uint8Array[] = [];
  closed: { code: number; reason: string } | null = null;
  bufferedAmount = 0;
  /**
   * When set, every message the server sends stays counted in `bufferedAmount` (a socket that
   * has not flushed yet); the test lowers it to let the "network" drain.
   */
  holdSends = false;
  /** Every message object the server handed to this connection (to check shared encodings). */
  readonly received: Uint8Array[] = [];
  private handle: ConnectionHandle | null = null;

  constructor(
    private readonly manager: RoomManager,
    private readonly room: string,
    private readonly frameworkId = room.split("/")[0] ?? room,
    /** Who the connection acts as (default: trusted). */
    private readonly access?: ConnectionAccess,
  ) {
    this.doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin === this || !this.handle) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, messageSync);
      syncProtocol.writeUpdate(encoder, update);
      this.toServer.push(encoding.toUint8Array(encoder));
    });
  }

  get connected(): boolean {
    return this.handle !== null;
  }

  /** Opens the connection and queues sync step 1, as the provider does on open. */
  connect(): void {
    if (this.handle) return;
    this.closed = null;
    const client = this;
    const connection: SyncConnection = {
      send: (data, written) => {
        if (this.holdSends) this.bufferedAmount += data.byteLength;
        this.received.push(data);
        this.toClient.push(data);
        written?.();
      },
      close: (code, reason) => {
        this.closed = { code, reason };
        this.disconnect();
      },
      get bufferedAmount() {
        return client.bufferedAmount;
      },
    };
    this.handle = this.manager.connect(this.room, this.frameworkId, connection, this.access);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, messageSync);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    this.toServer.push(encoding.toUint8Array(encoder));
  }

  disconnect(): void {
    const handle = this.handle;
    this.handle = null;
    this.toServer.length = 0;
    this.toClient.length = 0;
    handle?.disconnected();
  }

  sendRaw(data: Uint8Array): void {
    this.toServer.push(data);
  }

  /** Delivers up to `count` queued messages to the server, in order. */
  deliverToServer(count = Number.POSITIVE_INFINITY): void {
    for (let i = 0; i < count && this.toServer.length > 0 && this.handle; i++) {
      this.handle.receive(this.toServer.shift()!);
    }
  }

  /** Processes up to `count` queued server messages, in order. */
  deliverToClient(count = Number.POSITIVE_INFINITY): void {
    for (let i = 0; i < count && this.toClient.length > 0; i++) {
      const decoder = decoding.createDecoder(this.toClient.shift()!);
      const type = decoding.readVarUint(decoder);
      if (type === messageSync) {
        const reply = encoding.createEncoder();
        encoding.writeVarUint(reply, messageSync);
        syncProtocol.readSyncMessage(decoder, reply, this.doc, this);
        if (encoding.length(reply) > 1 && this.handle)
          this.toServer.push(encoding.toUint8Array(reply));
      } else if (type === messageAwareness) {
        awarenessProtocol.applyAwarenessUpdate(
          this.awareness,
          decoding.readVarUint8Array(decoder),
          this,
        );
      }
    }
  }

  /** Announces the local awareness state to the server. */
  sendAwareness(): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, messageAwareness);
    encoding.writeVarUint8Array(
      encoder,
      awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID]),
    );
    this.toServer.push(encoding.toUint8Array(encoder));
  }

  text(): string {
    return this.doc.getText("t").toString();
  }
}

/** Lets pending microtasks, loads and one write batch run. */
export async function settle(manager: RoomManager): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    await manager.queue.flush();
  }
}
