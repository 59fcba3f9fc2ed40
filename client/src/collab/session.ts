/**
 * One open framework: its Y.Doc, the local copy in IndexedDB, the WebSocket provider and the
 * connection state. No React here; `collab/hooks.ts` subscribes to it.
 *
 * The client never writes initial content. A framework's text is created by the server; until this
 * device has either synced with the server once or holds a local copy with content, the editor
 * stays read-only (typing into an empty document would duplicate the server's skeleton on merge).
 */
import { DOCUMENT_FIELD, roomNameToString, SYNC_PATH } from "@parley/shared/protocol";
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
import type { Identity } from "./identity.js";
import { runSessionHooks } from "./sessionHooks.js";
import { displayNameFor, tokenParams } from "./tokens.js";

export interface SessionSnapshot {
  connection: ConnectionState;
  /** The IndexedDB copy has been read (it may have been empty). */
  localCopyLoaded: boolean;
  /** The document has text (from the local copy or the server). */
  hasContent: boolean;
  /** Synced with the server at least once since the page opened. */
  everSynced: boolean;
}

export function localDatabaseName(frameworkId: string): string {
  return `parley:${frameworkId}`;
}

export function syncServerUrl(location: Pick<Location, "protocol" | "host">): string {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${location.host}${SYNC_PATH.replace(/\/$/, "")}`;
}

export class CollabSession {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly local: IndexeddbPersistence;
  /**
   * The discussion room (`<id>/discussion`: stances, later threads): a second Y.Doc on the same
   * connection settings, with its own local copy. Its connection follows the framework room's.
   */
  readonly discussion = new Y.Doc();
  readonly discussionProvider: WebsocketProvider;
  readonly discussionLocal: IndexeddbPersistence;
  private snapshot: SessionSnapshot;
  private readonly listeners = new Set<() => void>();
  private readonly cleanups: (() => void)[] = [];

  constructor(
    readonly frameworkId: string,
    identity: Identity,
  ) {
    const online = navigator.onLine;
    this.snapshot = {
      connection: online ? initialConnectionState : { status: "offline", cause: "browser" },
      localCopyLoaded: false,
      hasContent: false,
      everSynced: false,
    };
    this.local = new IndexeddbPersistence(localDatabaseName(frameworkId), this.doc);
    this.local.whenSynced.then(
      () => this.update({ localCopyLoaded: true, hasContent: this.fragmentHasContent() }),
      () => this.update({ localCopyLoaded: true }),
    );

    // The held access token travels as `?token=` (issue 4); the server refuses the socket without.
    const params = tokenParams(frameworkId);
    this.provider = new WebsocketProvider(syncServerUrl(window.location), frameworkId, this.doc, {
      connect: false,
      shouldReconnect: (event) => closedReasonFor(event.code) === null,
      params,
    });
    this.provider.awareness.setLocalStateField("user", {
      name: displayNameFor(this.frameworkId, identity.name),
      color: identity.colour,
    });
    const discussionRoom = roomNameToString({ kind: "discussion", frameworkId });
    this.discussionLocal = new IndexeddbPersistence(
      localDatabaseName(discussionRoom),
      this.discussion,
    );
    this.discussionProvider = new WebsocketProvider(
      syncServerUrl(window.location),
      discussionRoom,
      this.discussion,
      { connect: false, shouldReconnect: (event) => closedReasonFor(event.code) === null, params },
    );
    this.provider.on("status", ({ status }) => {
      if (status === "connecting") this.dispatch({ type: "connecting" });
      if (status === "connected") this.dispatch({ type: "connected" });
    });
    this.provider.on("connection-close", (event) => {
      this.dispatch(event ? { type: "disconnected", code: event.code } : { type: "disconnected" });
    });
    this.provider.on("sync", (synced) => {
      if (!synced) return;
      this.update({ everSynced: true, hasContent: this.fragmentHasContent() });
      this.dispatch({ type: "synced" });
    });

    const onDocUpdate = () => {
      if (!this.snapshot.hasContent && this.fragmentHasContent()) this.update({ hasContent: true });
    };
    this.doc.on("update", onDocUpdate);
    this.cleanups.push(() => this.doc.off("update", onDocUpdate));

    // Playwright and real networks alike: an open WebSocket can survive the loss of the network
    // for minutes, so the browser's own offline signal closes it at once and "online" reopens it.
    const onOffline = () => {
      this.provider.disconnect();
      this.discussionProvider.disconnect();
      this.dispatch({ type: "browser-offline" });
    };
    const onOnline = () => {
      this.dispatch({ type: "browser-online" });
      if (this.snapshot.connection.status !== "closed") {
        this.provider.connect();
        this.discussionProvider.connect();
      }
    };
    // Tell the others at once that I left, instead of after the awareness timeout.
    const onPageHide = () => this.provider.awareness.setLocalState(null);
    window.addEventListener("offline", onOffline);
    window.addEventListener("online", onOnline);
    window.addEventListener("pagehide", onPageHide);
    this.cleanups.push(() => {
      window.removeEventListener("offline", onOffline);
      window.removeEventListener("online", onOnline);
      window.removeEventListener("pagehide", onPageHide);
    });

    this.cleanups.push(
      ...runSessionHooks({ frameworkId, doc: this.doc, discussion: this.discussion }),
    );

    if (online) {
      this.provider.connect();
      this.discussionProvider.connect();
    }
  }

  /** Whether the person may type: the text has arrived from the server or from this device. */
  get editable(): boolean {
    const { everSynced, hasContent, connection } = this.snapshot;
    return connection.status !== "closed" && (everSynced || hasContent);
  }

  getSnapshot = (): SessionSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  setIdentity(identity: Identity): void {
    this.provider.awareness.setLocalStateField("user", {
      name: displayNameFor(this.frameworkId, identity.name),
      color: identity.colour,
    });
  }

  /** Removes this device's copy (after the framework was deleted). */
  async clearLocalCopy(): Promise<void> {
    await Promise.all([this.local.clearData(), this.discussionLocal.clearData()]);
  }

  destroy(): void {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.provider.awareness.setLocalState(null);
    this.provider.destroy();
    void this.local.destroy();
    this.doc.destroy();
    this.discussionProvider.destroy();
    void this.discussionLocal.destroy();
    this.discussion.destroy();
    this.listeners.clear();
  }

  private fragmentHasContent(): boolean {
    return this.doc.getXmlFragment(DOCUMENT_FIELD).length > 0;
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
      queueMicrotask(() => {
        this.provider.disconnect();
        this.discussionProvider.disconnect();
      });
    }
  }

  private update(patch: Partial<SessionSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }
}
