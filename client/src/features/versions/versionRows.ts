/**
 * How the version list reads: who may do what (the server enforces the same rules: saving needs
 * a drafter, restoring and deleting a mediator; reading needs any role), the kind and size of a
 * version, and the check of a new version's name and note.
 */
import { type Role, roleAtLeast } from "@parley/shared/access/roles";
import type { VersionKind } from "./versionWire.js";

export const MAX_VERSION_NAME = 200;
export const MAX_VERSION_NOTE = 2000;

export interface VersionPermissions {
  canSave: boolean;
  canRestore: boolean;
  canDelete: boolean;
}

export function versionPermissions(role: Role | null): VersionPermissions {
  if (role === null) return { canSave: false, canRestore: false, canDelete: false };
  const mediator = roleAtLeast(role, "mediator");
  return { canSave: roleAtLeast(role, "drafter"), canRestore: mediator, canDelete: mediator };
}

export const KIND_LABELS: Record<VersionKind, string> = {
  manual: "saved",
  beforeRestore: "before restore",
  export: "with an export",
};

/** "812 B", "12.4 KB", "3.1 MB". */
export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return "—";
  if (bytes < 1000) return `${Math.round(bytes)} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} KB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** The error to show for a new version's name and note, or null when they may be saved. */
export function versionInputError(name: string, note: string): string | null {
  const trimmed = name.trim();
  if (trimmed.length === 0) return "Give the version a name, e.g. “Rev. 2 — after the Doha round”.";
  if (trimmed.length > MAX_VERSION_NAME) {
    return `The name is too long (at most ${MAX_VERSION_NAME} characters).`;
  }
  if (note.length > MAX_VERSION_NOTE) {
    return `The note is too long (at most ${MAX_VERSION_NOTE} characters).`;
  }
  return null;
}
