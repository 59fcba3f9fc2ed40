/**
 * Frameworks opened on this device, newest first, kept in localStorage so the app can still offer
 * them (and their titles) when the server cannot be reached. Their text lives in IndexedDB.
 */
import type { FrameworkSummary } from "@parley/shared/api";

const KEY = "parley.recentFrameworks";
const MAX_RECENT = 20;

export interface RecentFramework {
  id: string;
  title: string;
  openedAt: string;
}

export function readRecentFrameworks(storage: Storage = localStorage): RecentFramework[] {
  try {
    const value: unknown = JSON.parse(storage.getItem(KEY) ?? "[]");
    if (!Array.isArray(value)) return [];
    return value.filter(
      (r): r is RecentFramework =>
        typeof r === "object" &&
        r !== null &&
        typeof r.id === "string" &&
        typeof r.title === "string" &&
        typeof r.openedAt === "string",
    );
  } catch {
    return [];
  }
}

export function rememberFramework(
  framework: Pick<FrameworkSummary, "id" | "title">,
  storage: Storage = localStorage,
): void {
  const rest = readRecentFrameworks(storage).filter((r) => r.id !== framework.id);
  const entry = { id: framework.id, title: framework.title, openedAt: new Date().toISOString() };
  storage.setItem(KEY, JSON.stringify([entry, ...rest].slice(0, MAX_RECENT)));
}

export function forgetFramework(id: string, storage: Storage = localStorage): void {
  const rest = readRecentFrameworks(storage).filter((r) => r.id !== id);
  storage.setItem(KEY, JSON.stringify(rest));
}
