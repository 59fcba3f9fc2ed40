/**
 * This browser's stable author id (`u-…`), kept in localStorage: it tells "my" messages apart
 * from a namesake's, survives renames and reloads, and is written into every comment record.
 */
import { isId, newId } from "@parley/shared/model/ids";

const KEY = "parley.authorId";

export function loadAuthorId(storage: Storage = localStorage): string {
  try {
    const stored = storage.getItem(KEY);
    if (isId(stored)) return stored;
    const fresh = newId("u");
    storage.setItem(KEY, fresh);
    return fresh;
  } catch {
    return newId("u");
  }
}
