/** Reading a framework's audit log through the REST API (as its mediator). */
import { type AuditEntry, AuditPage } from "@parley/shared/api";
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
