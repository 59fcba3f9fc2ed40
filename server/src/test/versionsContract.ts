/**
 * The versions part of the storage contract: every `DocumentStorage` backend runs it beside
 * `describeStorageContract` (same factory).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type {
  DocumentStorage,
  FrameworkRecord,
  VersionContent,
  VersionRecord,
} from "../storage/documentStorage.js";
import type { StorageFactory } from "./storageContract.js";

function record(id: string): FrameworkRecord {
  const at = "2026-01-01T00:00:00.000Z";
  return { id, title: "Framework", createdAt: at, updatedAt: at };
}

function version(id: string, frameworkId: string, name = id): VersionRecord {
  return {
    id,
    frameworkId,
    name,
    note: "",
    kind: "manual",
    by: { name: "Dana", party: "p-north", member: "i-inv-000001", role: "drafter" },
    at: "2026-01-02T00:00:00.000Z",
    size: 6,
    storedBytes: 6,
  };
}

function content(a: number, b: number): VersionContent {
  return { framework: new Uint8Array([a, a, a]), discussion: new Uint8Array([b, b, b]) };
}

export function describeVersionsContract(name: string, factory: StorageFactory): void {
  describe(`DocumentStorage contract (versions, members): ${name}`, () => {
    let storage: DocumentStorage;
    beforeEach(async () => {
      storage = await factory.create();
      const empty = Y.encodeStateAsUpdate(new Y.Doc());
      await storage.createFramework(record("fw-aaaaaa"), empty);
      await storage.createFramework(record("fw-bbbbbb"), empty);
    });
    afterEach(async () => {
      await storage.close();
      await factory.cleanup();
    });

    it("stores versions, lists them newest first without content, reads one with its bytes", async () => {
      expect(await storage.createVersion(version("v-one", "fw-aaaaaa"), content(1, 2))).toBe(true);
      expect(await storage.createVersion(version("v-two", "fw-aaaaaa"), content(3, 4))).toBe(true);
      await storage.createVersion(version("v-other", "fw-bbbbbb"), content(5, 6));
      const listed = await storage.listVersions("fw-aaaaaa");
      expect(listed.map((v) => v.id)).toEqual(["v-two", "v-one"]);
      expect(listed[0]).toEqual(version("v-two", "fw-aaaaaa"));
      const got = await storage.getVersion("fw-aaaaaa", "v-one");
      expect(got?.by).toEqual(version("v-one", "fw-aaaaaa").by);
      expect([...(got?.content.framework ?? [])]).toEqual([1, 1, 1]);
      expect([...(got?.content.discussion ?? [])]).toEqual([2, 2, 2]);
    });

    it("reads and deletes a version only through its own framework", async () => {
      await storage.createVersion(version("v-one", "fw-aaaaaa"), content(1, 2));
      expect(await storage.getVersion("fw-bbbbbb", "v-one")).toBeNull();
      expect(await storage.deleteVersion("fw-bbbbbb", "v-one")).toBe(false);
      expect(await storage.getVersion("fw-aaaaaa", "v-nope")).toBeNull();
      expect(await storage.deleteVersion("fw-aaaaaa", "v-one")).toBe(true);
      expect(await storage.deleteVersion("fw-aaaaaa", "v-one")).toBe(false);
      expect(await storage.listVersions("fw-aaaaaa")).toEqual([]);
    });

    it("refuses a version of a framework that does not exist", async () => {
      expect(await storage.createVersion(version("v-one", "fw-zzzzzz"), content(1, 2))).toBe(false);
      expect(await storage.listVersions("fw-zzzzzz")).toEqual([]);
    });

    it("deleting a framework deletes its versions and members, not others'", async () => {
      await storage.createVersion(version("v-one", "fw-aaaaaa"), content(1, 2));
      await storage.createVersion(version("v-other", "fw-bbbbbb"), content(5, 6));
      const identity = { name: "Dana", party: "p-north", role: "drafter" as const };
      await storage.appendUpdates([], "2026-01-03T00:00:00.000Z", [
        { room: "fw-aaaaaa", frameworkId: "fw-aaaaaa", client: 1, principal: "m-1", identity },
        { room: "fw-bbbbbb", frameworkId: "fw-bbbbbb", client: 1, principal: "m-2", identity },
      ]);
      expect(await storage.deleteFramework("fw-aaaaaa")).toBe(true);
      expect(await storage.listVersions("fw-aaaaaa")).toEqual([]);
      expect(await storage.getVersion("fw-aaaaaa", "v-one")).toBeNull();
      expect((await storage.loadMembers("fw-aaaaaa")).size).toBe(0);
      expect((await storage.listVersions("fw-bbbbbb")).map((v) => v.id)).toEqual(["v-other"]);
      expect((await storage.loadMembers("fw-bbbbbb")).get("m-2")).toEqual(identity);
    });

    it("keeps each principal's latest identity with the bindings, and versions across reopen", async () => {
      const at = "2026-01-03T00:00:00.000Z";
      await storage.appendUpdates([], at, [
        {
          room: "fw-aaaaaa",
          frameworkId: "fw-aaaaaa",
          client: 1,
          principal: "m-1",
          identity: { name: "Dana", party: "p-north", role: "drafter" },
        },
        { room: "fw-aaaaaa/discussion", frameworkId: "fw-aaaaaa", client: 2, principal: "m-2" },
      ]);
      await storage.appendUpdates([], at, [
        {
          room: "fw-aaaaaa/discussion",
          frameworkId: "fw-aaaaaa",
          client: 3,
          principal: "m-1",
          identity: { name: "Dana", party: "p-north", role: "mediator" },
        },
      ]);
      await storage.createVersion(version("v-one", "fw-aaaaaa"), content(1, 2));
      await storage.close();
      storage = await factory.reopen();
      const members = await storage.loadMembers("fw-aaaaaa");
      expect([...members]).toEqual([["m-1", { name: "Dana", party: "p-north", role: "mediator" }]]);
      expect((await storage.listVersions("fw-aaaaaa")).map((v) => v.id)).toEqual(["v-one"]);
    });
  });
}
