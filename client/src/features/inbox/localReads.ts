/**
 * The inbox read state kept on this device, for someone who cannot write it to the discussion
 * room (an observer, or access without a member id): per framework and person, in localStorage.
 */
import { MAX_READ_IDS } from "@parley/shared/model/inbox";

const PREFIX = "parley.inboxRead";
const listeners = new Set<() => void>();

function keyOf(frameworkId: string, person: string): string {
  return `${PREFIX}.${frameworkId}.${person}`;
}

export function loadLocalReads(
  frameworkId: string,
  person: string,
  storage: Storage = localStorage,
): Set<string> {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(keyOf(frameworkId, person)) ?? "[]");
    return new Set(Array.isArray(parsed) ? parsed.filter((x) => typeof x === "string") : []);
  } catch {
    return new Set();
  }
}

export function saveLocalReads(
  frameworkId: string,
  person: string,
  ids: readonly string[],
  storage: Storage = localStorage,
): void {
  try {
    storage.setItem(keyOf(frameworkId, person), JSON.stringify(ids.slice(0, MAX_READ_IDS)));
  } catch {
    // Storage full or blocked: the marks last until the page is closed.
  }
  for (const listener of listeners) listener();
}

export function onLocalReadsChanged(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key?.startsWith(PREFIX)) listener();
  };
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}
