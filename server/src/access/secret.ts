/**
 * The key that signs tokens: `PARLEY_SECRET` when set (at least 32 characters), else a random key
 * generated once into `${DATA_DIR}/secret` (mode 0600) and read back on every start, so tokens
 * survive restarts. Deleting the file invalidates every token ever issued.
 */
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const SECRET_FILE = "secret";
export const MIN_SECRET_LENGTH = 32;

function checked(secret: string, where: string): Uint8Array {
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new Error(`${where} must be at least ${MIN_SECRET_LENGTH} characters long`);
  }
  return new TextEncoder().encode(secret);
}

/** Returns the signing key; creates the secret file if neither it nor `configured` exists. */
export function loadSecret(dataDir: string, configured: string | null): Uint8Array {
  if (configured) return checked(configured, "PARLEY_SECRET");
  const file = join(dataDir, SECRET_FILE);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    // `wx`: never overwrite a secret another process wrote in the meantime.
    try {
      writeFileSync(file, `${randomBytes(48).toString("base64url")}\n`, {
        mode: 0o600,
        flag: "wx",
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  chmodSync(file, 0o600);
  return checked(readFileSync(file, "utf8").trim(), file);
}
