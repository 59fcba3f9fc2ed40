/** Reading a framework's audit log through the REST API (as its mediator). */
import { type AuditEntry, AuditPage } from "@parley/shared/api";
import { expect } from "vitest";
import { authorizedFetch } from "./testServer.js";

export async function auditEntries(
  url: string,
  frameworkId: string,
  mediatorToken: string,
): Promise<AuditEntry[]> {
  const response = await authorizedFetch(
    `${url}/api/frameworks/${frameworkId}/audit?limit=500`,
    mediatorToken,
  );
  if (response.status !== 200) throw new Error(`audit: HTTP ${response.status}`);
  return AuditPage.parse(await response.json()).entries;
}

/** Entries matching every given field, and whose detail contains `detail` if given. */
export function matching(
  entries: readonly AuditEntry[],
  filter: Partial<Omit<AuditEntry, "detail">> & { detail?: string },
): AuditEntry[] {
  return entries.filter((entry) =>
    Object.entries(filter).every(([key, value]) => {
      if (key === "detail") return entry.detail?.includes(String(value)) ?? false;
      return entry[key as keyof AuditEntry] === value;
    }),
  );
}

/**
 * Resolves with the entries matching `filter` once the audit log holds at least one (the server
 * writes audit rows in batches: polled through the REST API until they are there).
 */
export async function waitForAudited(
  url: string,
  framework: { id: string; token: string },
  filter: Parameters<typeof matching>[1],
): Promise<AuditEntry[]> {
  let found: AuditEntry[] = [];
  await expect
    .poll(async () => {
      found = matching(await auditEntries(url, framework.id, framework.token), filter);
      return found.length;
    })
    .toBeGreaterThan(0);
  return found;
}
