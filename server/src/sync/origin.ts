/**
 * The Origin check of the WebSocket upgrade. Browsers always send `Origin` on a WebSocket
 * handshake, and a page of another site could otherwise open a socket with a token it got hold
 * of. Allowed: requests without `Origin` (Node clients, tools — they are not browsers, a token is
 * still required), and either the origins listed in `PARLEY_ALLOWED_ORIGINS` or, when that is not
 * set, the server's own origin (same host as the request's `Host` header).
 */
export function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowed: readonly string[] | null,
): boolean {
  if (origin === undefined || origin === "") return true;
  if (allowed) return allowed.includes(origin.replace(/\/$/, ""));
  try {
    return host !== undefined && new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}

/** Parses `PARLEY_ALLOWED_ORIGINS` (comma-separated origins such as `https://parley.example`). */
export function parseAllowedOrigins(raw: string | undefined): string[] | null {
  if (raw === undefined || raw.trim() === "") return null;
  const origins = raw
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
  for (const origin of origins) {
    let parsed: URL;
    try {
      parsed = new URL(origin);
    } catch {
      throw new Error(`PARLEY_ALLOWED_ORIGINS: "${origin}" is not an origin such as https://host`);
    }
    if (parsed.origin !== origin.replace(/\/$/, "")) {
      throw new Error(`PARLEY_ALLOWED_ORIGINS: "${origin}" is not an origin such as https://host`);
    }
  }
  return origins.map((origin) => origin.replace(/\/$/, ""));
}
