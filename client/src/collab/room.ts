/**
 * One room connection: a Y.Doc, its offline copy in IndexedDB, the WebSocket provider with the
 * held token, and the connection state. Every room the client opens (a framework, its discussion,
 * a party's private notes) opens through `openRoom()`. No React here; `collab/hooks.ts` subscribes.
 *
 * A room follows the browser's network: an open WebSocket can survive the loss of the network for
 * minutes (in Playwright and on real networks alike), so "offline" closes it at once and "online"
 * reopens it. A room opened with `follows` connects and disconnects with its leader instead (the
 * discussion follows its framework: when the framework is closed for good, so is the discussion).
 */
import { SYNC_PATH } from "@parley/shared/protocol";
import { IndexeddbPersistence } from "y-indexeddb";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import {
  type ConnectionEvent,
  type ConnectionState,
  closedReasonFor,
  initialConnectionState,
  nextConnectionState,
} from "./connectionState.js";
import { batchServerUpdates } from "./localCopyWrites.js";
import { batchRemoteMessages } from "./remoteBatches.js";
import { tokenParams } from "./tokens.js";

export interface RoomSnapshot {
  connection: ConnectionState;
  /** The IndexedDB copy has been read (it may have been empty). */
  localCopyLoaded: boolean;
  /** The room's text field has content (from the local copy or the server). */
  hasContent: boolean;
  /** Synced with the server at least once since the room opened. */
  everSynced: boolean;
}

export interface RoomOptions {
  /** The framework whose held token opens the room. */
  frameworkId: string;
  /** The XML fragment whose content counts as `hasContent`; without one, never. */
  textField?: string;
  /** The room whose connection this one follows, instead of the browser's network events. */
  follows?: Room;
}

export function localDatabaseName(roomName: string): string {
  return `parley:${roomName}`;
}

export function syncServerUrl(location: Pick<Location, "protocol" | "host">): string {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${location.host}${SYNC_PATH.replace(/\/$/, "")}`;
}

/** Opens `roomName`: its local copy at once, the server when the browser is online. */
export function openRoom(roomName: string, options: RoomOptions): Room {
  return new Room(roomName, options);
}

export class Room {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly local: IndexeddbPersistence;
  private snapshot: RoomSnapshot;
  private readonly listeners = new Set<() => void>();
  private readonly followers = new Set<Room>();
  private readonly cleanups: (() => void)[] = [];

  constructor(
    readonly name: string,
    private readonly options: RoomOptions,
  ) {
    const leader = options.follows;
    const online = leader ? leader.wantsConnection : navigator.onLine;
    this.snapshot = {
      connection: online ? initialConnectionState : { status: "offline", cause: "browser" },
      localCopyLoaded: false,
      hasContent: false,
      everSynced: false,
    };
    this.local = new IndexeddbPersistence(localDatabaseName(name), this.doc);
    this.local.whenSynced.then(
      () => this.update({ localCopyLoaded: true, hasContent: this.textHasContent() }),
      () => this.update({ localCopyLoaded: true }),
    );

    // The held access token travels as `?token=`; the server refuses the socket without.
    this.provider = new WebsocketProvider(syncServerUrl(window.location), name, this.doc, {
      connect: false,
      shouldReconnect: (event) => closedReasonFor(event.code) === null,
      params: tokenParams(options.frameworkId),
    });
    this.provider.on("status", ({ status }) => {
      if (status === "connecting") this.dispatch({ type: "connecting" });
      if (status === "connected") this.dispatch({ type: "connected" });
    });
    this.provider.on("connection-close", (event) => {
      this.dispatch(event ? { type: "disconnected", code: event.code } : { type: "disconnected" });
    });
    this.provider.on("sync", (synced) => {
      if (!synced) return;
      this.update({ everSynced: true, hasContent: this.textHasContent() });
      this.dispatch({ type: "synced" });
    });

    // others' edits and carets are applied together, once per frame at most (before the local
    // copy's cleanup, so that what waits when the room closes is written there too)
    this.cleanups.push(batchRemoteMessages(this.provider));
    this.cleanups.push(batchServerUpdates(this.doc, this.local, this.provider));

    const onDocUpdate = () => {
      if (!this.snapshot.hasContent && this.textHasContent()) this.update({ hasContent: true });
    };
    this.doc.on("update", onDocUpdate);
    this.cleanups.push(() => this.doc.off("update", onDocUpdate));

    if (leader) {
      leader.followers.add(this);
      this.cleanups.push(() => leader.followers.delete(this));
    } else {
      const onOffline = () => {
        this.disconnect();
        this.dispatch({ type: "browser-offline" });
      };
      const onOnline = () => {
        this.dispatch({ type: "browser-online" });
        if (this.snapshot.connection.status !== "closed") this.connect();
      };
      window.addEventListener("offline", onOffline);
      window.addEventListener("online", onOnline);
      this.cleanups.push(() => {
        window.removeEventListener("offline", onOffline);
        window.removeEventListener("online", onOnline);
      });
    }

    if (online) this.provider.connect();
  }

  /** Whether the text may be edited: it arrived from the server or from this device. */
  get editable(): boolean {
    const { everSynced, hasContent, connection } = this.snapshot;
    return connection.status !== "closed" && (everSynced || hasContent);
  }

  getSnapshot = (): RoomSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Removes this device's copy (after the room was deleted or access to it ended). */
  async clearLocalCopy(): Promise<void> {
    await this.local.clearData();
  }

  destroy(): void {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.provider.destroy();
    void this.local.destroy();
    this.doc.destroy();
    this.listeners.clear();
  }

  /** Whether this room is (or is trying to be) connected: not offline, not closed. */
  private get wantsConnection(): boolean {
    const { status } = this.snapshot.connection;
    return status !== "offline" && status !== "closed";
  }

  private connect(): void {
    this.provider.connect();
    for (const follower of this.followers) follower.provider.connect();
  }

  private disconnect(): void {
    this.provider.disconnect();
    for (const follower of this.followers) follower.disconnect();
  }

  private textHasContent(): boolean {
    const field = this.options.textField;
    return field !== undefined && this.doc.getXmlFragment(field).length > 0;
  }

  private dispatch(event: ConnectionEvent): void {
    const previous = this.snapshot.connection;
    const connection = nextConnectionState(previous, event);
    if (connection === previous) return;
    this.update({ connection });
    if (connection.status === "closed") {
      // Once, on entering the closed state, and after the provider has finished handling the
      // close that got us here: y-websocket emits `connection-close` BEFORE it lets go of the
      // socket, so disconnecting from inside that event closed the same socket again, which
      // emitted `connection-close` again — endlessly ("Maximum call stack size exceeded"), and
      // the provider never got to drop the others' awareness states (a stale people list).
      queueMicrotask(() => this.disconnect());
    }
  }

  private update(patch: Partial<RoomSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }
}
