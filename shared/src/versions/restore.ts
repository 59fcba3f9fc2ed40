/**
 * Restoring a version as a forward edit, never by rewinding the CRDT: the update that turns a
 * room's current content into the version's content, made on a throwaway copy of the current
 * state and encoded against it, so that applying it to the live room (which may have moved on
 * meanwhile) merges with concurrent edits like any other update.
 *
 * - The text: y-prosemirror's `updateYFragment` reconciles the copy's fragment with the version's
 *   ProseMirror document. It diffs, so unchanged paragraphs and unchanged runs of text keep their
 *   Yjs items: comment anchors (marks) and relative positions on them survive.
 * - Every top-level map: keys set to the version's values (when they differ) and keys the version
 *   did not have deleted. Values are the plain JSON records the domain stores; a nested Yjs type
 *   (never written by Parley) cannot be carried over and is reported in `skipped`.
 *
 * Pure: reads the two states, returns bytes.
 */
import { updateYFragment, yXmlFragmentToProseMirrorRootNode } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { exportSchema } from "../export/fromYDoc.js";
import { INBOX_READS_MAP } from "../model/inbox.js";
import { DOCUMENT_FIELD } from "../protocol.js";
import { stableJson } from "./compareSequencing.js";

/** Top-level maps a restore leaves as they are: each person's own read state, not content. */
const KEPT_MAPS: ReadonlySet<string> = new Set([INBOX_READS_MAP]);

export interface RestorePlan {
  /** The update to apply to the live room; null when the content already is the version's. */
  update: Uint8Array | null;
  /** Map entries that could not be restored (`map:key`). */
  skipped: string[];
}

function isYType(value: unknown): boolean {
  return value instanceof Y.AbstractType;
}

/** Names of the top-level types a doc holds (loaded from an update: every root with content). */
function rootNames(doc: Y.Doc): string[] {
  return [...doc.share.keys()];
}

/**
 * The update that makes `current` (a room's state) hold what `version` holds. `text`: whether the
 * room has the framework text (the discussion room has only maps).
 */
export function restoreUpdate(
  current: Uint8Array,
  version: Uint8Array,
  options: { text: boolean },
): RestorePlan {
  const copy = new Y.Doc({ gc: true });
  const old = new Y.Doc({ gc: true });
  try {
    Y.applyUpdate(copy, current);
    Y.applyUpdate(old, version);
    const base = Y.encodeStateVector(copy);
    const skipped: string[] = [];
    // Converting may drop what the schema cannot hold: only ever on the throwaway `old`.
    const oldText = options.text
      ? yXmlFragmentToProseMirrorRootNode(old.getXmlFragment(DOCUMENT_FIELD), exportSchema())
      : null;
    const mapNames = new Set([...rootNames(copy), ...rootNames(old)]);
    mapNames.delete(DOCUMENT_FIELD);
    let changed = false;
    copy.on("afterTransaction", (transaction: Y.Transaction) => {
      changed ||= transactionChanged(transaction);
    });
    copy.transact(() => {
      if (oldText) {
        updateYFragment(copy, copy.getXmlFragment(DOCUMENT_FIELD), oldText, {
          mapping: new Map(),
          isOMark: new Map(),
        });
      }
      for (const name of [...mapNames].sort()) {
        if (KEPT_MAPS.has(name)) continue;
        restoreMap(copy.getMap<unknown>(name), old.getMap<unknown>(name), name, skipped);
      }
    });
    return { update: changed ? Y.encodeStateAsUpdate(copy, base) : null, skipped };
  } finally {
    copy.destroy();
    old.destroy();
  }
}

function restoreMap(
  target: Y.Map<unknown>,
  source: Y.Map<unknown>,
  name: string,
  skipped: string[],
): void {
  for (const key of [...target.keys()]) {
    if (!source.has(key)) target.delete(key);
  }
  for (const [key, value] of source.entries()) {
    if (isYType(value)) {
      skipped.push(`${name}:${key}`);
      continue;
    }
    const now = target.get(key);
    if (target.has(key) && !isYType(now) && stableJson(now) === stableJson(value)) continue;
    target.set(key, value);
  }
}

/** Whether a transaction inserted or deleted anything. */
function transactionChanged(transaction: Y.Transaction): boolean {
  if (transaction.deleteSet.clients.size > 0) return true;
  for (const [client, clock] of transaction.afterState) {
    if (transaction.beforeState.get(client) !== clock) return true;
  }
  return false;
}
