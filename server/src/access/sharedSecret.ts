/**
 * The signing key when several processes share one PostgreSQL database (`DATABASE_URL`):
 * `PARLEY_SECRET` when set, else a random key generated once and stored in the database
 * (`parley_settings`), so every process signs and accepts the same tokens and they survive
 * restarts. Deleting that row invalidates every token ever issued.
 */
import { randomBytes } from "node:crypto";
import { loadSecret } from "./secret.js";

/** Where the generated key is kept: the first process stores its candidate, all read that one. */
export interface SharedSettings {
  sharedSetting(key: string, candidate: string): Promise<string>;
}

export const SECRET_SETTING = "token-signing-secret";

export async function loadSharedSecret(
  settings: SharedSettings,
  configured: string | null,
): Promise<Uint8Array> {
  if (configured) return loadSecret("", configured);
  const secret = await settings.sharedSetting(
    SECRET_SETTING,
    randomBytes(48).toString("base64url"),
  );
  return loadSecret("", secret);
}
