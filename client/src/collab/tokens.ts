/**
 * The access tokens this browser holds, one per framework, in localStorage. A token arrives with
 * an invite link (`/f/<id>?token=…`, taken from the URL and removed from it at once so it does not
 * stay in the address bar or history) or with a framework this browser created. An invite link's
 * token is then exchanged for a PERSONAL token of this person (`api/frameworks.ts`
 * `personalizeToken`), which replaces it: people who open the same link stay distinct. REST calls send
 * it as `Authorization: Bearer`, the WebSocket as `?token=`. The server checks everything; what is
 * kept here beside the token (role, party, name) only shapes the UI.
 */
import type { AccessInfo } from "@parley/shared/api";
import { TOKEN_PARAM } from "@parley/shared/protocol";

const KEY = "parley.tokens";

export interface HeldToken {
  token: string;
  /** What the server said the token grants, once it was checked (null until then). */
  access: AccessInfo | null;
}

type TokenMap = Record<string, HeldToken>;

function isHeldToken(value: unknown): value is HeldToken {
  return (
    typeof value === "object" &&
    value !== null &&
    "token" in value &&
    typeof value.token === "string" &&
    "access" in value
  );
}

function read(storage: Storage): TokenMap {
  try {
    const value: unknown = JSON.parse(storage.getItem(KEY) ?? "{}");
    if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
    const out: TokenMap = {};
    for (const [id, held] of Object.entries(value)) if (isHeldToken(held)) out[id] = held;
    return out;
  } catch {
    return {};
  }
}

function write(map: TokenMap, storage: Storage): void {
  storage.setItem(KEY, JSON.stringify(map));
  for (const listener of listeners) listener();
}

const listeners = new Set<() => void>();

/** Called whenever the held tokens change (React subscribes through `useHeldToken`). */
export function onTokensChanged(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function heldToken(frameworkId: string, storage: Storage = localStorage): HeldToken | null {
  return read(storage)[frameworkId] ?? null;
}

export function tokenFor(frameworkId: string, storage: Storage = localStorage): string | null {
  return heldToken(frameworkId, storage)?.token ?? null;
}

/** Keeps a token (replacing the one held for the framework); `access` if already known. */
export function saveToken(
  frameworkId: string,
  token: string,
  access: AccessInfo | null = null,
  storage: Storage = localStorage,
): void {
  const map = read(storage);
  const current = map[frameworkId];
  if (current?.token === token && access === null) return;
  map[frameworkId] = {
    token,
    access: access ?? (current?.token === token ? current.access : null),
  };
  write(map, storage);
}

/** Records what the server said a held token grants. */
export function saveAccess(access: AccessInfo, storage: Storage = localStorage): void {
  const map = read(storage);
  const current = map[access.frameworkId];
  if (!current) return;
  if (JSON.stringify(current.access) === JSON.stringify(access)) return;
  map[access.frameworkId] = { ...current, access };
  write(map, storage);
}

export function forgetToken(frameworkId: string, storage: Storage = localStorage): void {
  const map = read(storage);
  if (!(frameworkId in map)) return;
  delete map[frameworkId];
  write(map, storage);
}

/** Every held token with its framework id. */
export function allTokens(
  storage: Storage = localStorage,
): Array<{ frameworkId: string; token: string }> {
  return Object.entries(read(storage)).map(([frameworkId, held]) => ({
    frameworkId,
    token: held.token,
  }));
}

/**
 * Reads `?token=` from a URL. Returns the token (or null) and the same URL without it, to put
 * back into the address bar with `history.replaceState`.
 */
export function splitTokenFromUrl(href: string): { token: string | null; cleanUrl: string } {
  const url = new URL(href);
  const token = url.searchParams.get(TOKEN_PARAM);
  if (token === null) return { token: null, cleanUrl: href };
  url.searchParams.delete(TOKEN_PARAM);
  return { token: token.trim() || null, cleanUrl: url.toString() };
}

/**
 * The claims of a token this client needs (read, not verified: the server checks everything):
 * its invite (`jti`) and, for a personal token, its member (`mid`). Null if it is not a JWT.
 */
export function tokenClaims(token: string): { inviteId: string; member: string | null } | null {
  const value = tokenPayload(token);
  if (value === null || !("jti" in value)) return null;
  if (typeof value.jti !== "string") return null;
  const member = "mid" in value && typeof value.mid === "string" ? value.mid : null;
  return { inviteId: value.jti, member };
}

/** The JSON payload of a JWT (UTF-8), unverified; null if `token` is not one. */
function tokenPayload(token: string): object | null {
  const payload = token.split(".")[1];
  if (payload === undefined) return null;
  try {
    const base64 = payload.replace(/-/g, "+").replace(/_/g, "/");
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return typeof value === "object" && value !== null ? value : null;
  } catch {
    return null;
  }
}

/**
 * The display name a token fixes (a named invite's, or the one chosen at the exchange), read
 * without verifying (it only spares the name prompt; the server relays the name it checked).
 */
export function tokenName(token: string): string | null {
  const value = tokenPayload(token);
  if (value === null || !("name" in value) || typeof value.name !== "string") return null;
  return value.name.trim() || null;
}

/**
 * The name fixed by the invite link in `href` (`/f/<id>?token=…`), or by the token this browser
 * already holds for that framework: the person then need not be asked for a name.
 */
export function nameFixedFor(href: string, storage: Storage = localStorage): string | null {
  const { token } = splitTokenFromUrl(href);
  const fromLink = token === null ? null : tokenName(token);
  if (fromLink !== null) return fromLink;
  const frameworkId = /^\/f\/([^/?#]+)/.exec(new URL(href).pathname)?.[1];
  if (frameworkId === undefined) return null;
  const held = heldToken(decodeURIComponent(frameworkId), storage);
  if (held === null) return null;
  return held.access?.name ?? tokenName(held.token);
}

/** Whether `token` is a personal token (names its member), not an invite link's token. */
export function isPersonalToken(token: string): boolean {
  return tokenClaims(token)?.member != null;
}

/**
 * Takes an invite token out of the current address (keeping it for `frameworkId`). Opening the
 * same invite link again keeps the personal token already exchanged for it: the person stays the
 * same member (and keeps their records).
 */
export function adoptTokenFromLocation(
  frameworkId: string,
  storage: Storage = localStorage,
): boolean {
  const { token, cleanUrl } = splitTokenFromUrl(window.location.href);
  if (token === null) return false;
  const held = tokenFor(frameworkId, storage);
  const heldClaims = held === null ? null : tokenClaims(held);
  const sameInvite =
    heldClaims?.member != null && heldClaims.inviteId === tokenClaims(token)?.inviteId;
  if (!sameInvite) saveToken(frameworkId, token, null, storage);
  window.history.replaceState(window.history.state, "", cleanUrl);
  return true;
}

/** The WebSocket URL parameters for a framework's rooms: `{ token }` when one is held. */
export function tokenParams(frameworkId: string): Record<string, string> {
  const token = tokenFor(frameworkId);
  return token ? { [TOKEN_PARAM]: token } : {};
}

/** The name to show for me in a framework: the one the invite fixes, else my own. */
export function displayNameFor(frameworkId: string, ownName: string): string {
  return heldToken(frameworkId)?.access?.name ?? ownName;
}
