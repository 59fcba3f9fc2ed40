/**
 * One open framework: its room (Y.Doc, local copy in IndexedDB, WebSocket provider, connection
 * state; see `room.ts`), the people in it, and its discussion room. No React here;
 * `collab/hooks.ts` subscribes to it.
 *
 * The client never writes initial content. A framework's text is created by the server; until this
 * device has either synced with the server once or holds a local copy with content, the editor
 * stays read-only (typing into an empty document would duplicate the server's skeleton on merge).
 */
import { DOCUMENT_FIELD, roomNameToString } from "@parley/shared/protocol";
import type { IndexeddbPersistence } from "y-indexeddb";
import type { WebsocketProvider } from "y-websocket";
import type * as Y from "yjs";
import type { Identity } from "./identity.js";
import { openRoom, type Room, type RoomSnapshot } from "./room.js";
import { runSessionHooks } from "./sessionHooks.js";
import { displayNameFor } from "./tokens.js";

export type SessionSnapshot = RoomSnapshot;

export class CollabSession {
  /** The framework room: its text and records, and the people in it (awareness). */
  readonly room: Room;
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  readonly local: IndexeddbPersistence;
  /**
   * The discussion room (`<id>/discussion`: stances, threads): a second Y.Doc on the same
   * connection settings, with its own local copy. Its connection follows the framework room's.
   */
  readonly discussionRoom: Room;
  readonly discussion: Y.Doc;
  private readonly cleanups: (() => void)[] = [];

  constructor(
    readonly frameworkId: string,
    identity: Identity,
  ) {
    this.room = openRoom(frameworkId, { frameworkId, textField: DOCUMENT_FIELD });
    this.doc = this.room.doc;
    this.provider = this.room.provider;
    this.local = this.room.local;
    this.provider.awareness.setLocalStateField("user", {
      name: displayNameFor(this.frameworkId, identity.name),
      color: identity.colour,
    });
    this.discussionRoom = openRoom(roomNameToString({ kind: "discussion", frameworkId }), {
      frameworkId,
      follows: this.room,
    });
    this.discussion = this.discussionRoom.doc;

    // Tell the others at once that I left, instead of after the awareness timeout.
    const onPageHide = () => this.provider.awareness.setLocalState(null);
    window.addEventListener("pagehide", onPageHide);
    this.cleanups.push(() => window.removeEventListener("pagehide", onPageHide));

    this.cleanups.push(
      ...runSessionHooks({ frameworkId, doc: this.doc, discussion: this.discussion }),
    );
  }

  /** Whether the person may type: the text has arrived from the server or from this device. */
  get editable(): boolean {
    return this.room.editable;
  }

  getSnapshot = (): SessionSnapshot => this.room.getSnapshot();

  subscribe = (listener: () => void): (() => void) => this.room.subscribe(listener);

  setIdentity(identity: Identity): void {
    this.provider.awareness.setLocalStateField("user", {
      name: displayNameFor(this.frameworkId, identity.name),
      color: identity.colour,
    });
  }

  /** Removes this device's copy (after the framework was deleted). */
  async clearLocalCopy(): Promise<void> {
    await Promise.all([this.room.clearLocalCopy(), this.discussionRoom.clearLocalCopy()]);
  }

  destroy(): void {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.provider.awareness.setLocalState(null);
    this.room.destroy();
    this.discussionRoom.destroy();
  }
}
