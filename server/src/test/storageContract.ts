/**
 * The one contract every `DocumentStorage` backend must pass. A backend's test file calls
 * `describeStorageContract` with a factory; the PostgreSQL backend will run the same suite.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type {
  AuditRecord,
  DocumentStorage,
  FrameworkRecord,
  InviteRecord,
} from "../storage/documentStorage.js";

export interface StorageFactory {
  /** A fresh, empty storage. */
  create(): Promise<DocumentStorage>;
  /** Opens the same underlying data again after `close()` (durability across restarts). */
  reopen(): Promise<DocumentStorage>;
  /** Removes whatever `create` made. */
  cleanup(): Promise<void>;
}

function record(id: string, title = "Framework", at = "2026-01-01T00:00:00.000Z"): FrameworkRecord {
  return { id, title, createdAt: at, updatedAt: at };
}

function invite(
  id: string,
  frameworkId: string,
  overrides: Partial<InviteRecord> = {},
): InviteRecord {
  return {
    id,
    frameworkId,
    role: "commenter",
    party: "p-north",
    name: "Amal",
    createdAt: "2026-01-01T00:00:00.000Z",
    expiresAt: "2026-02-01T00:00:00.000Z",
    revokedAt: null,
    ...overrides,
  };
}

function auditRow(frameworkId: string, detail: string): AuditRecord {
  return {
    frameworkId,
    at: "2026-01-05T00:00:00.000Z",
    action: "refused",
    room: `${frameworkId}/discussion`,
    inviteId: "inv-000001",
    user: "Amal",
    party: "p-north",
    role: "observer",
    bytes: 42,
    count: 3,
    detail,
  };
}

function textUpdate(doc: Y.Doc, text: string): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.getText("t").insert(doc.getText("t").length, text);
  return Y.encodeStateAsUpdate(doc, before);
}

function textOf(snapshot: Uint8Array | null, updates: Uint8Array[]): string {
  const doc = new Y.Doc();
  if (snapshot) Y.applyUpdate(doc, snapshot);
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc.getText("t").toString();
}

export function describeStorageContract(name: string, factory: StorageFactory): void {
  describe(`DocumentStorage contract: ${name}`, () => {
    let storage: DocumentStorage;
    beforeEach(async () => {
      storage = await factory.create();
    });
    afterEach(async () => {
      await storage.close();
      await factory.cleanup();
    });

    it("loads an unknown room as empty", async () => {
      expect(await storage.loadRoom("nothing-here")).toEqual({ snapshot: null, updates: [] });
    });

    it("creates a framework with its initial snapshot and reads it back", async () => {
      const doc = new Y.Doc();
      doc.getText("t").insert(0, "initial");
      await storage.createFramework(record("fw-aaaaaa", "Ceasefire"), Y.encodeStateAsUpdate(doc));
      expect(await storage.getFramework("fw-aaaaaa")).toEqual(record("fw-aaaaaa", "Ceasefire"));
      const loaded = await storage.loadRoom("fw-aaaaaa");
      expect(textOf(loaded.snapshot, loaded.updates)).toBe("initial");
    });

    it("refuses a second framework with the same id", async () => {
      await storage.createFramework(record("fw-aaaaaa"), Y.encodeStateAsUpdate(new Y.Doc()));
      await expect(
        storage.createFramework(record("fw-aaaaaa"), Y.encodeStateAsUpdate(new Y.Doc())),
      ).rejects.toThrow();
    });

    it("appends updates of several rooms in order and moves updatedAt", async () => {
      await storage.createFramework(record("fw-aaaaaa"), Y.encodeStateAsUpdate(new Y.Doc()));
      await storage.createFramework(record("fw-bbbbbb"), Y.encodeStateAsUpdate(new Y.Doc()));
      const a = new Y.Doc();
      const b = new Y.Doc();
      const at = "2026-02-02T00:00:00.000Z";
      await storage.appendUpdates(
        [
          { room: "fw-aaaaaa", frameworkId: "fw-aaaaaa", update: textUpdate(a, "one ") },
          { room: "fw-bbbbbb/discussion", frameworkId: "fw-bbbbbb", update: textUpdate(b, "x") },
          { room: "fw-aaaaaa", frameworkId: "fw-aaaaaa", update: textUpdate(a, "two") },
        ],
        at,
      );
      const loadedA = await storage.loadRoom("fw-aaaaaa");
      expect(loadedA.updates).toHaveLength(2);
      expect(textOf(loadedA.snapshot, loadedA.updates)).toBe("one two");
      const loadedB = await storage.loadRoom("fw-bbbbbb/discussion");
      expect(textOf(loadedB.snapshot, loadedB.updates)).toBe("x");
      expect((await storage.getFramework("fw-aaaaaa"))?.updatedAt).toBe(at);
      expect((await storage.getFramework("fw-bbbbbb"))?.updatedAt).toBe(at);
    });

    it("compacts a room into one snapshot with an empty log", async () => {
      await storage.createFramework(record("fw-aaaaaa"), Y.encodeStateAsUpdate(new Y.Doc()));
      const doc = new Y.Doc();
      const updates = ["a", "b", "c"].map((text) => ({
        room: "fw-aaaaaa",
        frameworkId: "fw-aaaaaa",
        update: textUpdate(doc, text),
      }));
      await storage.appendUpdates(updates, "2026-02-02T00:00:00.000Z");
      await storage.compactRoom("fw-aaaaaa", "fw-aaaaaa", Y.encodeStateAsUpdate(doc));
      const loaded = await storage.loadRoom("fw-aaaaaa");
      expect(loaded.updates).toEqual([]);
      expect(textOf(loaded.snapshot, loaded.updates)).toBe("abc");
    });

    it("lists frameworks most recently updated first, renames and deletes", async () => {
      await storage.createFramework(
        record("fw-old000", "Old", "2026-01-01T00:00:00.000Z"),
        Y.encodeStateAsUpdate(new Y.Doc()),
      );
      await storage.createFramework(
        record("fw-new000", "New", "2026-01-02T00:00:00.000Z"),
        Y.encodeStateAsUpdate(new Y.Doc()),
      );
      expect((await storage.listFrameworks()).map((f) => f.id)).toEqual(["fw-new000", "fw-old000"]);
      const renamed = await storage.renameFramework(
        "fw-old000",
        "Renamed",
        "2026-01-03T00:00:00.000Z",
      );
      expect(renamed).toMatchObject({ id: "fw-old000", title: "Renamed" });
      expect((await storage.listFrameworks()).map((f) => f.id)).toEqual(["fw-old000", "fw-new000"]);
      expect(
        await storage.renameFramework("fw-missing", "X", "2026-01-03T00:00:00.000Z"),
      ).toBeNull();

      await storage.appendUpdates(
        [
          {
            room: "fw-old000/discussion",
            frameworkId: "fw-old000",
            update: textUpdate(new Y.Doc(), "d"),
          },
          // A room whose name starts like the deleted framework's stays.
          {
            room: "fw-old0001/discussion",
            frameworkId: "fw-old0001",
            update: textUpdate(new Y.Doc(), "kept"),
          },
        ],
        "2026-01-04T00:00:00.000Z",
      );
      expect(await storage.deleteFramework("fw-old000")).toBe(true);
      expect(await storage.deleteFramework("fw-old000")).toBe(false);
      expect(await storage.getFramework("fw-old000")).toBeNull();
      expect(await storage.loadRoom("fw-old000")).toEqual({ snapshot: null, updates: [] });
      expect(await storage.loadRoom("fw-old000/discussion")).toEqual({
        snapshot: null,
        updates: [],
      });
      expect(await storage.getFramework("fw-new000")).not.toBeNull();
      expect((await storage.loadRoom("fw-old0001/discussion")).updates).toHaveLength(1);
    });

    it("deletes one room without touching the others", async () => {
      const doc = new Y.Doc();
      await storage.appendUpdates(
        [
          { room: "fw-aaaaaa/private/p1", frameworkId: "fw-aaaaaa", update: textUpdate(doc, "p") },
          { room: "fw-aaaaaa/discussion", frameworkId: "fw-aaaaaa", update: textUpdate(doc, "d") },
        ],
        "2026-01-04T00:00:00.000Z",
      );
      await storage.deleteRoom("fw-aaaaaa/private/p1");
      expect((await storage.loadRoom("fw-aaaaaa/private/p1")).updates).toEqual([]);
      expect((await storage.loadRoom("fw-aaaaaa/discussion")).updates).toHaveLength(1);
    });

    it("creates a framework together with its creator's invite", async () => {
      const creator = invite("inv-creator", "fw-aaaaaa", { role: "mediator", party: null });
      await storage.createFramework(
        record("fw-aaaaaa"),
        Y.encodeStateAsUpdate(new Y.Doc()),
        creator,
      );
      expect(await storage.getInvite("inv-creator")).toEqual(creator);
    });

    it("stores, lists (newest first) and revokes invites; revoking twice keeps the first time", async () => {
      await storage.createFramework(record("fw-aaaaaa"), Y.encodeStateAsUpdate(new Y.Doc()));
      await storage.createFramework(record("fw-bbbbbb"), Y.encodeStateAsUpdate(new Y.Doc()));
      const older = invite("inv-older1", "fw-aaaaaa");
      const newer = invite("inv-newer1", "fw-aaaaaa", {
        role: "observer",
        party: null,
        name: null,
        createdAt: "2026-01-02T00:00:00.000Z",
      });
      await storage.createInvite(older);
      await storage.createInvite(newer);
      await storage.createInvite(invite("inv-other1", "fw-bbbbbb"));
      expect(await storage.getInvite("inv-older1")).toEqual(older);
      expect(await storage.getInvite("inv-missing")).toBeNull();
      expect((await storage.listInvites("fw-aaaaaa")).map((i) => i.id)).toEqual([
        "inv-newer1",
        "inv-older1",
      ]);
      await expect(storage.createInvite(older)).rejects.toThrow();
      await expect(storage.createInvite(invite("inv-orphan", "fw-missing"))).rejects.toThrow();

      const revoked = await storage.revokeInvite("inv-older1", "2026-01-03T00:00:00.000Z");
      expect(revoked?.revokedAt).toBe("2026-01-03T00:00:00.000Z");
      const again = await storage.revokeInvite("inv-older1", "2026-01-09T00:00:00.000Z");
      expect(again?.revokedAt).toBe("2026-01-03T00:00:00.000Z");
      expect(await storage.revokeInvite("inv-missing", "2026-01-03T00:00:00.000Z")).toBeNull();
      expect((await storage.getInvite("inv-newer1"))?.revokedAt).toBeNull();
    });

    it("appends audit rows and lists them newest first, paged with before/limit", async () => {
      await storage.createFramework(record("fw-aaaaaa"), Y.encodeStateAsUpdate(new Y.Doc()));
      await storage.createFramework(record("fw-bbbbbb"), Y.encodeStateAsUpdate(new Y.Doc()));
      await storage.appendAudit([
        auditRow("fw-aaaaaa", "one"),
        auditRow("fw-bbbbbb", "elsewhere"),
        auditRow("fw-aaaaaa", "two"),
      ]);
      await storage.appendAudit([auditRow("fw-aaaaaa", "three")]);
      const all = await storage.listAudit("fw-aaaaaa", { limit: 10, before: null });
      expect(all.map((row) => row.detail)).toEqual(["three", "two", "one"]);
      expect(all[0]).toMatchObject({ ...auditRow("fw-aaaaaa", "three") });
      expect(all[0]!.seq).toBeGreaterThan(all[1]!.seq);
      const firstPage = await storage.listAudit("fw-aaaaaa", { limit: 2, before: null });
      expect(firstPage.map((row) => row.detail)).toEqual(["three", "two"]);
      const secondPage = await storage.listAudit("fw-aaaaaa", {
        limit: 2,
        before: firstPage.at(-1)!.seq,
      });
      expect(secondPage.map((row) => row.detail)).toEqual(["one"]);
    });

    it("deleting a framework removes its invites and audit log, not others'", async () => {
      await storage.createFramework(record("fw-aaaaaa"), Y.encodeStateAsUpdate(new Y.Doc()));
      await storage.createFramework(record("fw-bbbbbb"), Y.encodeStateAsUpdate(new Y.Doc()));
      await storage.createInvite(invite("inv-aaaaaa", "fw-aaaaaa"));
      await storage.createInvite(invite("inv-bbbbbb", "fw-bbbbbb"));
      await storage.appendAudit([auditRow("fw-aaaaaa", "a"), auditRow("fw-bbbbbb", "b")]);
      await storage.deleteFramework("fw-aaaaaa");
      expect(await storage.getInvite("inv-aaaaaa")).toBeNull();
      expect(await storage.listAudit("fw-aaaaaa", { limit: 10, before: null })).toEqual([]);
      expect(await storage.getInvite("inv-bbbbbb")).not.toBeNull();
      expect(await storage.listAudit("fw-bbbbbb", { limit: 10, before: null })).toHaveLength(1);
    });

    it("keeps everything across close and reopen", async () => {
      const doc = new Y.Doc();
      await storage.createFramework(record("fw-aaaaaa"), Y.encodeStateAsUpdate(doc));
      await storage.appendUpdates(
        [{ room: "fw-aaaaaa", frameworkId: "fw-aaaaaa", update: textUpdate(doc, "kept") }],
        "2026-02-02T00:00:00.000Z",
      );
      await storage.close();
      storage = await factory.reopen();
      const loaded = await storage.loadRoom("fw-aaaaaa");
      expect(textOf(loaded.snapshot, loaded.updates)).toBe("kept");
      expect(await storage.getFramework("fw-aaaaaa")).toMatchObject({ title: "Framework" });
    });

    it("stores client id bindings with the updates, first binding wins, kept across compaction, reopen; gone with the room", async () => {
      await storage.createFramework(record("fw-aaaaaa"), Y.encodeStateAsUpdate(new Y.Doc()));
      await storage.createFramework(record("fw-bbbbbb"), Y.encodeStateAsUpdate(new Y.Doc()));
      const doc = new Y.Doc();
      const at = "2026-02-02T00:00:00.000Z";
      const binding = (room: string, frameworkId: string, client: number, principal: string) => ({
        room,
        frameworkId,
        client,
        principal,
      });
      expect(await storage.loadClientBindings("fw-aaaaaa")).toEqual([]);
      await storage.appendUpdates(
        [{ room: "fw-aaaaaa", frameworkId: "fw-aaaaaa", update: textUpdate(doc, "a") }],
        at,
        [
          binding("fw-aaaaaa", "fw-aaaaaa", 7, "inv-drafter:Dana"),
          binding("fw-aaaaaa/discussion", "fw-aaaaaa", 9, "inv-mediator:Mo"),
          binding("fw-bbbbbb", "fw-bbbbbb", 7, "inv-other:"),
        ],
      );
      // A later binding of the same id in the same room does not replace the first.
      await storage.appendUpdates(
        [{ room: "fw-aaaaaa", frameworkId: "fw-aaaaaa", update: textUpdate(doc, "b") }],
        at,
        [
          binding("fw-aaaaaa", "fw-aaaaaa", 7, "inv-commenter:Eve"),
          binding("fw-aaaaaa", "fw-aaaaaa", 3, "inv-commenter:Eve"),
        ],
      );
      const expected = [
        { client: 3, principal: "inv-commenter:Eve" },
        { client: 7, principal: "inv-drafter:Dana" },
      ];
      expect(await storage.loadClientBindings("fw-aaaaaa")).toEqual(expected);
      await storage.compactRoom("fw-aaaaaa", "fw-aaaaaa", Y.encodeStateAsUpdate(doc));
      expect(await storage.loadClientBindings("fw-aaaaaa")).toEqual(expected);
      await storage.close();
      storage = await factory.reopen();
      expect(await storage.loadClientBindings("fw-aaaaaa")).toEqual(expected);
      expect(await storage.loadClientBindings("fw-aaaaaa/discussion")).toEqual([
        { client: 9, principal: "inv-mediator:Mo" },
      ]);
      await storage.deleteRoom("fw-aaaaaa/discussion");
      expect(await storage.loadClientBindings("fw-aaaaaa/discussion")).toEqual([]);
      await storage.deleteFramework("fw-aaaaaa");
      expect(await storage.loadClientBindings("fw-aaaaaa")).toEqual([]);
      expect(await storage.loadClientBindings("fw-bbbbbb")).toEqual([
        { client: 7, principal: "inv-other:" },
      ]);
    });

    it("stores deletion rows with the updates, in order, kept across compaction and reopen; gone with the room and the framework", async () => {
      await storage.createFramework(record("fw-aaaaaa"), Y.encodeStateAsUpdate(new Y.Doc()));
      await storage.createFramework(record("fw-bbbbbb"), Y.encodeStateAsUpdate(new Y.Doc()));
      const doc = new Y.Doc();
      const at = "2026-02-02T00:00:00.000Z";
      const row = (room: string, frameworkId: string, principal: string, clock: number) => ({
        room,
        frameworkId,
        principal,
        ranges: [[7, clock, 2] as const],
      });
      expect(await storage.loadDeletions("fw-aaaaaa")).toEqual([]);
      await storage.appendUpdates(
        [{ room: "fw-aaaaaa", frameworkId: "fw-aaaaaa", update: textUpdate(doc, "a") }],
        at,
        [],
        [
          row("fw-aaaaaa", "fw-aaaaaa", "m-dana", 0),
          row("fw-aaaaaa", "fw-aaaaaa", "m-eve", 4),
          row("fw-aaaaaa/discussion", "fw-aaaaaa", "m-mo", 1),
          row("fw-bbbbbb", "fw-bbbbbb", "m-other", 0),
        ],
      );
      const expected = [
        { principal: "m-dana", ranges: [[7, 0, 2]] },
        { principal: "m-eve", ranges: [[7, 4, 2]] },
      ];
      expect(await storage.loadDeletions("fw-aaaaaa")).toEqual(expected);
      await storage.compactRoom("fw-aaaaaa", "fw-aaaaaa", Y.encodeStateAsUpdate(doc));
      expect(await storage.loadDeletions("fw-aaaaaa")).toEqual(expected);
      await storage.close();
      storage = await factory.reopen();
      expect(await storage.loadDeletions("fw-aaaaaa")).toEqual(expected);
      await storage.deleteRoom("fw-aaaaaa/discussion");
      expect(await storage.loadDeletions("fw-aaaaaa/discussion")).toEqual([]);
      await storage.deleteFramework("fw-aaaaaa");
      expect(await storage.loadDeletions("fw-aaaaaa")).toEqual([]);
      expect(await storage.loadDeletions("fw-bbbbbb")).toHaveLength(1);
    });

    it("keeps invites and the audit log across close and reopen", async () => {
      await storage.createFramework(record("fw-aaaaaa"), Y.encodeStateAsUpdate(new Y.Doc()));
      await storage.createInvite(invite("inv-kept01", "fw-aaaaaa"));
      await storage.revokeInvite("inv-kept01", "2026-01-03T00:00:00.000Z");
      await storage.appendAudit([auditRow("fw-aaaaaa", "kept")]);
      await storage.close();
      storage = await factory.reopen();
      expect((await storage.getInvite("inv-kept01"))?.revokedAt).toBe("2026-01-03T00:00:00.000Z");
      const rows = await storage.listAudit("fw-aaaaaa", { limit: 10, before: null });
      expect(rows.map((row) => row.detail)).toEqual(["kept"]);
    });
  });
}
