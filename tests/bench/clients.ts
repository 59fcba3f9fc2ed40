/**
 * The benchmark's clients: the same code talks to every server. Two kinds:
 * - "provider": the stock y-websocket 3 `WebsocketProvider` with `WebSocketPolyfill: ws`
 *   (what browsers run; sends awareness, applies every message to its own Y.Doc); for Hocuspocus,
 *   whose protocol differs (every message starts with the document name; an auth message comes
 *   first), the stock `HocuspocusProvider` 4.7 instead;
 * - "raw": a minimal y-protocols client over `ws` (sync step 1/2 and updates into its own Y.Doc,
 *   no awareness, no reconnects) for when the provider's own overhead would dominate; for
 *   Hocuspocus the same with its message framing (hocuspocusClients.ts).
 * Both apply every received update to a real Y.Doc; local edits to `doc` are sent as updates.
 */
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as syncProtocol from "y-protocols/sync";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { HocuspocusProviderClient, RawHocuspocusClient } from "./hocuspocusClients.js";
import type { BenchServer } from "./servers.js";
import { TcpOf } from "./tcpOf.js";

export type ClientKind = "provider" | "raw";

const MESSAGE_SYNC = 0;

export interface BenchClient {
  readonly doc: Y.Doc;
  /** Resolves once the server's sync step 2 has been applied; rejects if the socket closes first. */
  readonly synced: Promise<void>;
  /**
   * Applies an already encoded Yjs update to `doc` as this client's own (not re-sent by the
   * doc's update handler) and sends it as one sync update message, as a client that made it.
   */
  sendUpdate(update: Uint8Array): void;
  /**
   * Runs `work` with this client's TCP socket corked: the WebSocket frames it sends meanwhile are
   * still one frame per update, but leave in one write when `work` returns instead of one system
   * call each (the replays' writers would otherwise spend most of their time in those calls).
   */
  sendingTogether(work: () => void): void;
  close(): void;
}

export function encodeUpdateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

class RawClient implements BenchClient {
  readonly doc = new Y.Doc();
  readonly synced: Promise<void>;
  private readonly ws: WebSocket;
  private readonly tcp = new TcpOf();

  constructor(url: string) {
    this.ws = new WebSocket(url, { perMessageDeflate: false });
    this.tcp.watch(this.ws);
    this.synced = new Promise((resolveSynced, reject) => {
      this.ws.on("open", () => {
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MESSAGE_SYNC);
        syncProtocol.writeSyncStep1(encoder, this.doc);
        this.ws.send(encoding.toUint8Array(encoder));
      });
      this.ws.on("message", (data: Buffer) => {
        const decoder = decoding.createDecoder(
          new Uint8Array(data.buffer, data.byteOffset, data.length),
        );
        const type = decoding.readVarUint(decoder);
        if (type !== MESSAGE_SYNC) return; // awareness and queries are not needed here
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MESSAGE_SYNC);
        const syncType = syncProtocol.readSyncMessage(decoder, encoder, this.doc, this);
        if (encoding.length(encoder) > 1) this.ws.send(encoding.toUint8Array(encoder));
        if (syncType === syncProtocol.messageYjsSyncStep2) resolveSynced();
      });
      this.ws.on("close", (code, reason) =>
        reject(new Error(`closed before sync: ${code} ${reason.toString()}`)),
      );
      this.ws.on("error", reject);
    });
    this.synced.catch(() => {});
    this.doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin !== this) this.sendMessage(encodeUpdateMessage(update));
    });
  }

  sendUpdate(update: Uint8Array): void {
    Y.applyUpdate(this.doc, update, this);
    this.sendMessage(encodeUpdateMessage(update));
  }

  private sendMessage(message: Uint8Array): void {
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

class ProviderClient implements BenchClient {
  readonly doc = new Y.Doc();
  readonly synced: Promise<void>;
  private readonly provider: WebsocketProvider;
  private readonly tcp = new TcpOf();

  constructor(server: BenchServer, room: string, params: Record<string, string>) {
    const tcp = this.tcp;
    // The stock provider constructs its socket as `new WebSocketPolyfill(url, protocols)`.
    class TrackedWebSocket extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols);
        tcp.watch(this);
      }
    }
    this.provider = new WebsocketProvider(server.wsBase, room, this.doc, {
      params,
      WebSocketPolyfill: TrackedWebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      // a refused room must fail the run, not retry forever
      shouldReconnect: () => false,
    });
    this.synced = new Promise((resolveSynced, reject) => {
      this.provider.on("sync", (isSynced: boolean) => {
        if (isSynced) resolveSynced();
      });
      this.provider.on("closed", (event: { code: number; reason: string }) =>
        reject(new Error(`closed before sync: ${event.code} ${event.reason}`)),
      );
    });
    this.synced.catch(() => {});
  }

  sendUpdate(update: Uint8Array): void {
    // origin = the provider: its own update handler does not send it a second time
    Y.applyUpdate(this.doc, update, this.provider);
    const ws = this.provider.ws;
    if (ws && ws.readyState === ws.OPEN) ws.send(encodeUpdateMessage(update));
  }

  sendingTogether(work: () => void): void {
    this.tcp.together(work);
  }

  close(): void {
    this.provider.destroy();
    this.doc.destroy();
  }
}

export function connectClient(server: BenchServer, room: string, kind: ClientKind): BenchClient {
  if (server.kind === "hocuspocus") {
    return kind === "raw"
      ? new RawHocuspocusClient(server.wsBase, room)
      : new HocuspocusProviderClient(server.wsBase, room);
  }
  const params = server.roomParams(room);
  const query = new URLSearchParams(params).toString();
  return kind === "raw"
    ? new RawClient(`${server.wsBase}/${room}${query ? `?${query}` : ""}`)
    : new ProviderClient(server, room, params);
}

/** Connects many clients, at most `concurrency` handshakes in flight, and waits until all synced. */
export async function connectMany(
  server: BenchServer,
  rooms: readonly string[],
  kind: ClientKind,
  concurrency = 32,
): Promise<BenchClient[]> {
  const clients: BenchClient[] = new Array(rooms.length);
  let next = 0;
  const worker = async () => {
    while (next < rooms.length) {
      const index = next++;
      const client = connectClient(server, rooms[index]!, kind);
      clients[index] = client;
      await withTimeout(client.synced, 30_000, `client ${index} sync`);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, rooms.length) }, worker));
  } catch (error) {
    closeAll(clients);
    throw error;
  }
  return clients;
}

export function closeAll(clients: readonly (BenchClient | undefined)[]): void {
  for (const client of clients) client?.close();
}

/** Rejects with a clear message when `promise` takes longer than `ms`. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no result after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves when `check()` holds after one of `doc`'s updates, or rejects after `ms`. */
export function whenDoc(doc: Y.Doc, check: () => boolean, ms: number, what: string): Promise<void> {
  if (check()) return Promise.resolve();
  let listener: (() => void) | undefined;
  const reached = new Promise<void>((resolveReached) => {
    listener = () => {
      if (check()) resolveReached();
    };
    doc.on("afterTransaction", listener);
  });
  return withTimeout(reached, ms, what).finally(() => {
    if (listener) doc.off("afterTransaction", listener);
  });
}
