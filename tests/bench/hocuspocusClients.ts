/**
 * The bench's clients for Hocuspocus, whose protocol frames every y-protocols message with the
 * document's name and wants an auth message before anything else:
 * - `HocuspocusProviderClient`: the stock `HocuspocusProvider` 4.7 (its own socket, awareness on,
 *   no update batching: `flushDelay` default false), over `ws`;
 * - `RawHocuspocusClient`: the minimal client of clients.ts with that framing (auth with an empty
 *   token, sync step 1/2, updates; no awareness, no reconnects).
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import type { BenchClient } from "./clients.js";
import {
  AUTH_TOKEN,
  MESSAGE_AUTH,
  MESSAGE_SYNC,
  MESSAGE_SYNC_REPLY,
} from "./hocuspocusProtocol.js";
import { TcpOf } from "./tcpOf.js";

/** A sync message for `room` with `write` filling the y-protocols part. */
function syncMessage(room: string, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, room);
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export class RawHocuspocusClient implements BenchClient {
  readonly doc = new Y.Doc();
  readonly synced: Promise<void>;
  private readonly ws: WebSocket;
  private readonly tcp = new TcpOf();

  constructor(
    wsBase: string,
    private readonly room: string,
  ) {
    this.ws = new WebSocket(wsBase, { perMessageDeflate: false });
    this.tcp.watch(this.ws);
    this.synced = new Promise((resolveSynced, reject) => {
      this.ws.on("open", () => {
        const auth = encoding.createEncoder();
        encoding.writeVarString(auth, room);
        encoding.writeVarUint(auth, MESSAGE_AUTH);
        encoding.writeVarUint(auth, AUTH_TOKEN);
        encoding.writeVarString(auth, "");
        this.ws.send(encoding.toUint8Array(auth));
        this.ws.send(syncMessage(room, (e) => syncProtocol.writeSyncStep1(e, this.doc)));
      });
      this.ws.on("message", (data: Buffer) => {
        const decoder = decoding.createDecoder(
          new Uint8Array(data.buffer, data.byteOffset, data.length),
        );
        decoding.readVarString(decoder);
        const type = decoding.readVarUint(decoder);
        if (type !== MESSAGE_SYNC && type !== MESSAGE_SYNC_REPLY) return;
        const encoder = encoding.createEncoder();
        encoding.writeVarString(encoder, room);
        encoding.writeVarUint(encoder, MESSAGE_SYNC);
        const empty = encoding.length(encoder);
        const syncType = syncProtocol.readSyncMessage(decoder, encoder, this.doc, this);
        if (encoding.length(encoder) > empty) this.send(encoding.toUint8Array(encoder));
        if (syncType === syncProtocol.messageYjsSyncStep2) resolveSynced();
      });
      this.ws.on("close", (code, reason) =>
        reject(new Error(`closed before sync: ${code} ${reason.toString()}`)),
      );
      this.ws.on("error", reject);
    });
    this.synced.catch(() => {});
    this.doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin !== this) this.send(this.updateMessage(update));
    });
  }

  private updateMessage(update: Uint8Array): Uint8Array {
    return syncMessage(this.room, (e) => syncProtocol.writeUpdate(e, update));
  }

  sendUpdate(update: Uint8Array): void {
    Y.applyUpdate(this.doc, update, this);
    this.send(this.updateMessage(update));
  }

  private send(message: Uint8Array): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(message);
  }

  sendingTogether(work: () => void): void {
    this.tcp.together(work);
  }

  close(): void {
    this.ws.close();
    this.doc.destroy();
  }
}

export class HocuspocusProviderClient implements BenchClient {
  readonly doc = new Y.Doc();
  readonly synced: Promise<void>;
  private readonly provider: HocuspocusProvider;
  private readonly socket: HocuspocusProviderWebsocket;
  private readonly tcp = new TcpOf();

  constructor(wsBase: string, room: string) {
    const tcp = this.tcp;
    // HocuspocusProviderWebsocket constructs its socket as `new WebSocketPolyfill(url)`.
    class TrackedWebSocket extends WebSocket {
      constructor(url: string) {
        super(url);
        tcp.watch(this);
      }
    }
    this.socket = new HocuspocusProviderWebsocket({
      url: wsBase,
      WebSocketPolyfill: TrackedWebSocket,
      // a refused room must fail the run, not retry forever
      maxAttempts: 1,
    });
    this.provider = new HocuspocusProvider({
      name: room,
      document: this.doc,
      websocketProvider: this.socket,
    });
    // a provider given its socket waits to be attached to it
    this.provider.attach();
    this.synced = new Promise((resolveSynced, reject) => {
      this.provider.on("synced", () => resolveSynced());
      this.provider.on("close", ({ event }: { event: { code: number; reason: string } }) =>
        reject(new Error(`closed before sync: ${event.code} ${event.reason}`)),
      );
      this.provider.on("authenticationFailed", ({ reason }: { reason: string }) =>
        reject(new Error(`authentication failed: ${reason}`)),
      );
    });
    this.synced.catch(() => {});
  }

  sendUpdate(update: Uint8Array): void {
    // any origin but the provider: its update handler sends it, one message per update
    Y.applyUpdate(this.doc, update, this);
  }

  sendingTogether(work: () => void): void {
    this.tcp.together(work);
  }

  close(): void {
    this.provider.destroy();
    this.socket.destroy();
    this.doc.destroy();
  }
}
