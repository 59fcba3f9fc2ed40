/**
 * Remote writers: y-websocket providers in the harness (awareness on, as browsers run them) that
 * each type into their own paragraph at a steady rate and move their caret there through
 * awareness, as CollaborationCaret publishes it (`cursor: {anchor, head}` as relative positions,
 * `user: {name, color}`). They stay away from the document's last paragraph, where the person
 * being measured types.
 *
 * They stand in for people on other machines, so once synced they do not apply what the others
 * send them (each writer types into a paragraph nobody else edits, so its own updates need none
 * of it): the server and the page see the same messages, but the harness no longer spends this
 * machine's cores applying 20 × 60 edits and carets a second into 20 documents, which had made it
 * the page's largest competitor for a core (`deaf`).
 */
import { DOCUMENT_FIELD } from "@parley/shared/protocol";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { withTimeout } from "../clients.js";

export interface RemoteWriters {
  /** Edits made so far by all writers. */
  edits(): number;
  stop(): void;
}

const COLOURS = ["#1f5fa8", "#b3412b", "#2f7d4f", "#8a5a00", "#6741d9", "#c2255c", "#0b7285"];
const TYPED = "reciprocal steps verified ";

/** Every text of a paragraph in document order (terms' paragraphs included). */
function paragraphTexts(fragment: Y.XmlFragment): Y.XmlText[] {
  const out: Y.XmlText[] = [];
  const walk = (node: Y.XmlFragment | Y.XmlElement) => {
    for (const child of node.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      if (child.nodeName === "paragraph") {
        const text = child.toArray().find((c): c is Y.XmlText => c instanceof Y.XmlText);
        if (text) out.push(text);
      } else walk(child);
    }
  };
  walk(fragment);
  return out;
}

function relative(text: Y.XmlText, index: number): unknown {
  return Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, index));
}

export async function startRemoteWriters(options: {
  wsBase: string;
  room: string;
  token: string;
  writers: number;
  editsPerSecond: number;
}): Promise<RemoteWriters> {
  const providers: WebsocketProvider[] = [];
  const timers: NodeJS.Timeout[] = [];
  let edits = 0;
  for (let w = 0; w < options.writers; w++) {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(options.wsBase, options.room, doc, {
      params: { token: options.token },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    providers.push(provider);
    provider.awareness.setLocalStateField("user", {
      name: `Writer ${w + 1}`,
      color: COLOURS[w % COLOURS.length],
    });
    await withTimeout(
      new Promise<void>((resolve) => provider.once("sync", () => resolve())),
      30_000,
      `remote writer ${w + 1} sync`,
    );
  }
  for (const provider of providers) deaf(provider);
  providers.forEach((provider, w) => {
    const doc = provider.doc;
    const texts = paragraphTexts(doc.getXmlFragment(DOCUMENT_FIELD));
    // spread over the document, never the last two paragraphs
    const usable = Math.max(1, texts.length - 2);
    const text = texts[Math.floor(((w + 0.5) * usable) / options.writers)];
    if (!text) return;
    let offset = Math.min(text.length, 10);
    let typed = 0;
    const period = 1000 / options.editsPerSecond;
    const tick = () => {
      offset = Math.min(offset, text.length);
      text.insert(offset, TYPED[typed % TYPED.length]!);
      typed++;
      offset++;
      edits++;
      const at = relative(text, offset);
      provider.awareness.setLocalStateField("cursor", { anchor: at, head: at });
    };
    // staggered so that the writers' edits spread over each period
    const start = setTimeout(
      () => timers.push(setInterval(tick, period)),
      (period * w) / options.writers,
    );
    timers.push(start);
  });
  return {
    edits: () => edits,
    stop: () => {
      for (const timer of timers) clearInterval(timer);
      for (const provider of providers) {
        provider.destroy();
        provider.doc.destroy();
      }
    },
  };
}

/**
 * From now on the provider drops the document updates and awareness messages the server relays
 * to it (sync steps and anything else still reach it), and counts them as heard so that it does
 * not reconnect for silence. Only for the connection it has: the writers run shorter than a
 * reconnect.
 */
function deaf(provider: WebsocketProvider): void {
  const ws = provider.ws;
  if (!ws) return;
  const heard = ws.onmessage;
  ws.onmessage = (event: MessageEvent) => {
    const data = new Uint8Array(event.data as ArrayBuffer);
    // y-protocols framing: messageSync = 0 (its update = 2), messageAwareness = 1
    if (data[0] === 1 || (data[0] === 0 && data[1] === 2)) {
      provider.wsLastMessageReceived = Date.now();
      return;
    }
    heard?.call(ws, event);
  };
}
