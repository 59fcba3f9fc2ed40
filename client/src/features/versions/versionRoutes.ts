/**
 * The addresses of the versions feature: `/f/:id/versions/:v` (one version, read-only) and
 * `/f/:id/compare?from=&to=` (a comparison; `to=now` is the live framework).
 */
import type { VersionRef } from "./versionsApi.js";

export function versionRoute(frameworkId: string, versionId: string): string {
  return `/f/${encodeURIComponent(frameworkId)}/versions/${encodeURIComponent(versionId)}`;
}

export function comparisonRoute(frameworkId: string, from: VersionRef, to: VersionRef): string {
  const query = new URLSearchParams({ from, to });
  return `/f/${encodeURIComponent(frameworkId)}/compare?${query}`;
}
