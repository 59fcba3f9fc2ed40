/** Search and order for the document list. Pure. */

import { REST_MINIMUM_ROLE, type Role, roleAtLeast } from "@parley/shared/access/roles";
import type { FrameworkSummary } from "@parley/shared/api";
import { formatDate } from "@parley/shared/format/dates";

/** Case- and accent-insensitive: "resume" finds "Résumé". */
export function foldForSearch(value: string): string {
  return value
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase();
}

/** Frameworks whose title contains every word of `query`, most recently changed first. */
export function filterAndSortFrameworks(
  frameworks: readonly FrameworkSummary[],
  query: string,
): FrameworkSummary[] {
  const words = foldForSearch(query).split(/\s+/).filter(Boolean);
  return frameworks
    .filter((f) => {
      const title = foldForSearch(f.title);
      return words.every((word) => title.includes(word));
    })
    .sort(
      (a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt) || a.title.localeCompare(b.title),
    );
}

/** "just now", "5 minutes ago", "yesterday", or a date for anything older than a week. */
export function formatRelativeTime(iso: string, now: Date): string {
  const then = new Date(iso);
  const seconds = Math.round((now.getTime() - then.getTime()) / 1000);
  if (Number.isNaN(seconds)) return "";
  if (seconds < 45) return "just now";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return minutes === 1 ? "1 minute ago" : `${minutes} minutes ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return hours === 1 ? "1 hour ago" : `${hours} hours ago`;
  const days = Math.round(hours / 24);
  if (days === 1) return "yesterday";
  if (days < 7) return `${days} days ago`;
  return formatDate(iso);
}

/**
 * What a row offers, from the role this browser's token grants (null: not known yet). Only what
 * the server would allow: a drafter renames but does not delete.
 */
export function rowActions(role: Role | null): { rename: boolean; delete: boolean } {
  return {
    rename: role !== null && roleAtLeast(role, REST_MINIMUM_ROLE.renameFramework),
    delete: role !== null && roleAtLeast(role, REST_MINIMUM_ROLE.deleteFramework),
  };
}
