/**
 * Real y-websocket clients in Node, and event-driven waits on their documents (no sleeps).
 * BroadcastChannel is disabled so that clients in one process only ever sync through the server.
 */
import { DOCUMENT_FIELD } from "@parley/shared/protocol";
import { WebSocket } from "ws";
import type { Awareness } from "y-protocols/awareness";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";

export interface SyncClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  destroy(): void;
}

/**
 * A y-websocket client of `room`, authenticated with `token` (sent as `?token=`, like the browser
 * client does). Without a token the server refuses the connection.
 */
export function connectClient(
  syncUrl: string,
  room: string,
  options: { token?: string; doc?: Y.Doc; connect?: boolean } = {},
): SyncClient {
  const doc = options.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(syncUrl, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    connect: options.connect ?? true,
    maxBackoffTime: 500,
    params: options.token ? { token: options.token } : {},
  });
  return {
    doc,
    provider,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Resolves once the provider has completed a sync with the server. */
export function waitForSynced(provider: WebsocketProvider): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve) => {
    const onSync = (synced: boolean) => {
      if (!synced) return;
      provider.off("sync", onSync);
      resolve();
    };
    provider.on("sync", onSync);
  });
}

/** Resolves with the close code when the server closes the provider's connection for good. */
export function waitForClosed(
  provider: WebsocketProvider,
): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => {
    provider.once("closed", (event) => resolve(event));
  });
}

/**
 * Resolves once `predicate` holds, checking now and after every update of any of the docs.
 * Rejects with `description` after `timeoutMs` (a guard against hanging, not a timing assertion).
 */
export function waitForDocs(
  docs: Y.Doc[],
  predicate: () => boolean,
  description = "documents to reach the expected state",
  timeoutMs = 20_000,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!predicate()) return;
      cleanup();
      resolve();
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out waiting for ${description}`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      for (const doc of docs) doc.off("update", check);
    };
    for (const doc of docs) doc.on("update", check);
    check();
  });
}

export function fragmentOf(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment(DOCUMENT_FIELD);
}

/** Appends a paragraph holding `text` to the framework text. */
export function appendParagraph(doc: Y.Doc, text: string): void {
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(text)]);
  fragmentOf(doc).push([paragraph]);
}

/** The framework text as XML, for exact comparisons between clients. */
export function textOf(doc: Y.Doc): string {
  return fragmentOf(doc).toString();
}

export function sameContent(docs: Y.Doc[]): boolean {
  const first = docs[0] ? textOf(docs[0]) : "";
  return docs.every((doc) => textOf(doc) === first);
}

/** Resolves once `predicate` holds for the awareness states, checking on every change. */
export function waitForAwareness(
  awareness: Awareness,
  predicate: (states: Map<number, Record<string, unknown>>) => boolean,
): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (!predicate(awareness.getStates())) return;
      awareness.off("change", check);
      resolve();
    };
    awareness.on("change", check);
    check();
  });
}

/**
 * Connects a client to `room` with `token`, adds it to `clients` (the test destroys them after
 * it), and resolves once it has synced.
 */
export async function joinSynced(
  syncUrl: string,
  room: string,
  token: string,
  clients: SyncClient[],
): Promise<SyncClient> {
  const client = connectClient(syncUrl, room, { token });
  clients.push(client);
  await waitForSynced(client.provider);
  return client;
}
