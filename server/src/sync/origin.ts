/**
 * The Origin check of the WebSocket upgrade. Browsers always send `Origin` on a WebSocket
 * handshake, and a page of another site could otherwise open a socket with a token it got hold
 * of. Allowed: requests without `Origin` (Node clients, tools — they are not browsers, a token is
 * still required), and browser origins whose scheme, host and port are exactly one of the
 * configured ones (`allowedOriginsFor`). The request's `Host` header plays no part: a page served
 * from an attacker's name that resolves to this server (DNS rebinding) sends a matching `Host`.
 */

/** Normalises an origin to `scheme://host[:port]` (lower case, default port dropped); null if it is none. */
export function normalizeOrigin(value: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return null;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return null;
  if (parsed.username !== "" || parsed.password !== "") return null;
  if (parsed.pathname !== "/" || parsed.search !== "" || parsed.hash !== "") return null;
  return parsed.origin;
}

export function originAllowed(origin: string | undefined, allowed: ReadonlySet<string>): boolean {
  if (origin === undefined || origin === "") return true;
  const normalized = normalizeOrigin(origin);
  return normalized !== null && allowed.has(normalized);
}

/** Listening on every interface: no single origin names it. */
const WILDCARD_HOSTS = new Set(["", "0.0.0.0", "::", "[::]"]);

/**
 * The browser origins the WebSocket accepts: `PARLEY_ALLOWED_ORIGINS` if set; else the origin of
 * `PARLEY_PUBLIC_URL`; else the server's own listening origins — `http://127.0.0.1:PORT`,
 * `http://localhost:PORT`, `http://[::1]:PORT` and `http://HOST:PORT` for the HOST it listens on
 * (unless that is a wildcard such as 0.0.0.0: then set one of the two variables).
 */
export function allowedOriginsFor(options: {
  allowedOrigins: readonly string[] | null;
  publicUrl: string | null;
  host: string;
  port: number;
}): ReadonlySet<string> {
  const { allowedOrigins, publicUrl, host, port } = options;
  const listed = allowedOrigins ?? (publicUrl === null ? null : [publicUrl]);
  if (listed) {
    return new Set(listed.map((origin) => normalizeOrigin(origin) ?? origin));
  }
  const own = [`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`];
  if (!WILDCARD_HOSTS.has(host)) {
    own.push(`http://${host.includes(":") && !host.startsWith("[") ? `[${host}]` : host}:${port}`);
  }
  const origins = new Set<string>();
  for (const origin of own) {
    const normalized = normalizeOrigin(origin);
    if (normalized) origins.add(normalized);
  }
  return origins;
}

/** Parses `PARLEY_ALLOWED_ORIGINS` (comma-separated origins such as `https://parley.example`). */
export function parseAllowedOrigins(raw: string | undefined): string[] | null {
  if (raw === undefined || raw.trim() === "") return null;
  const origins = raw
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
  return origins.map((origin) => {
    const normalized = normalizeOrigin(origin);
    if (normalized === null) {
      throw new Error(`PARLEY_ALLOWED_ORIGINS: "${origin}" is not an origin such as https://host`);
    }
    return normalized;
  });
}
