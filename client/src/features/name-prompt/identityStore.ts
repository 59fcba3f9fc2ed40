/** The display name and colour chosen on this device, kept in localStorage. */
import {
  type Identity,
  isHexColour,
  normalizeDisplayName,
  pickColour,
} from "../../collab/identity.js";

const KEY = "parley.identity";

export function loadIdentity(storage: Storage = localStorage): Identity | null {
  try {
    const value: unknown = JSON.parse(storage.getItem(KEY) ?? "null");
    if (typeof value !== "object" || value === null) return null;
    if (!("name" in value) || typeof value.name !== "string") return null;
    const checked = normalizeDisplayName(value.name);
    if (!checked.ok) return null;
    const colour =
      "colour" in value && isHexColour(value.colour) ? value.colour : pickColour(checked.name);
    return { name: checked.name, colour };
  } catch {
    return null;
  }
}

/** Keeps the colour when only the name changes; a first identity gets a colour of its own. */
export function saveIdentity(
  name: string,
  previous: Identity | null,
  storage: Storage = localStorage,
): Identity {
  // getRandomValues, unlike randomUUID, also exists on plain-http origins (a LAN deployment)
  const salt = crypto.getRandomValues(new Uint32Array(1))[0];
  const colour = previous?.colour ?? pickColour(`${name}:${salt}`);
  const identity = { name, colour };
  storage.setItem(KEY, JSON.stringify(identity));
  return identity;
}
