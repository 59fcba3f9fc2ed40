/**
 * `AccessEvents` on a real PostgreSQL schema: revocations and deletions are read back once each,
 * including one whose transaction took its id first but committed last (an "id > last id" reader
 * would skip it for ever).
 */

import type { Role } from "@parley/shared/access/roles";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { silentLogger } from "../core/types.js";
import type { InviteRecord } from "../storage/documentStorage.js";
import { openPgStorage, type PgStorage } from "../storage/pgStorage.js";
import { createTestSchema, type TestSchema } from "../test/pgTestDatabase.js";
import { type AccessEvent, AccessEvents } from "./accessEvents.js";

const AT = "2026-02-02T00:00:00.000Z";

function invite(id: string, frameworkId: string, role: Role = "mediator"): InviteRecord {
  return {
    id,
    frameworkId,
    role,
    party: null,
    name: null,
    createdAt: AT,
    expiresAt: "2099-01-01T00:00:00.000Z",
    revokedAt: null,
  };
}

describe("access events read back from PostgreSQL", () => {
  let schema: TestSchema;
  let storage: PgStorage;
  beforeAll(async () => {
    schema = await createTestSchema();
    storage = await openPgStorage({ url: schema.url, schema: schema.schema, max: 4 });
    for (const id of ["fw-one", "fw-two"]) {
      await storage.createFramework(
        { id, title: id, createdAt: AT, updatedAt: AT },
        Y.encodeStateAsUpdate(new Y.Doc()),
      );
    }
    for (const id of ["inv-a", "inv-b"]) await storage.createInvite(invite(id, "fw-one"));
  });
  afterAll(async () => {
    await storage?.close();
    await schema?.drop();
  });

  it("hands over each revocation and deletion once, even one committed after a later one", async () => {
    const seen: AccessEvent[] = [];
    const events = new AccessEvents({
      pool: storage.pool,
      intervalMs: 3_600_000,
      logger: silentLogger,
      handle: (event) => seen.push(event),
    });
    await events.start();
    try {
      // A revocation whose transaction takes its event id, then waits to commit...
      const slow = await storage.pool.connect();
      try {
        await slow.query("BEGIN");
        await slow.query("UPDATE invites SET revoked_at = $1 WHERE id = 'inv-a'", [AT]);
        // ...while a later one commits (its id is higher).
        await storage.revokeInvite("inv-b", AT);
        await events.poll();
        expect(seen).toEqual([{ kind: "inviteRevoked", inviteId: "inv-b" }]);
        await slow.query("COMMIT");
      } finally {
        slow.release();
      }
      await events.poll();
      expect(seen.slice(1)).toEqual([{ kind: "inviteRevoked", inviteId: "inv-a" }]);

      // Revoking again records nothing; a deletion is one event; reading again hands over nothing.
      await storage.revokeInvite("inv-b", AT);
      expect(await storage.deleteFramework("fw-two")).toBe(true);
      await events.poll();
      await events.poll();
      expect(seen.slice(2)).toEqual([{ kind: "frameworkDeleted", frameworkId: "fw-two" }]);
    } finally {
      await events.stop();
    }
  });
});
