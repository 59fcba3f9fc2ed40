/** Reads what the server has STORED for a room, through a second SQLite connection (WAL mode). */
import { join } from "node:path";
import { openSqliteStorage } from "@parley/server/storage/sqliteStorage";
import * as Y from "yjs";

export async function storedDoc(dataDir: string, room: string): Promise<Y.Doc> {
  const storage = openSqliteStorage(join(dataDir, "parley.sqlite"));
  try {
    const stored = await storage.loadRoom(room);
    const doc = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(doc, update);
    return doc;
  } finally {
    await storage.close();
  }
}
