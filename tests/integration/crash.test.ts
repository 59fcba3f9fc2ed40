/**
 * Durability against a killed process: the server runs as a child process; it is SIGKILLed in the
 * middle of a burst of edits and restarted on the same port and data directory.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { openSqliteStorage } from "@parley/server/storage/sqliteStorage";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  appendParagraph,
  connectClient,
  type SyncClient,
  textOf,
  waitForDocs,
  waitForSynced,
} from "../helpers/syncClient.js";
import {
  createFramework,
  makeDataDir,
  type SpawnedServer,
  spawnServer,
} from "../helpers/testServer.js";

const BURST = 80;
const KILL_AFTER_RECEIVED = 25;

let dataDir = "";
const servers: SpawnedServer[] = [];
const clients: SyncClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of servers.splice(0)) {
    if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill("SIGKILL");
    await s.exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

function markersIn(doc: Y.Doc): string[] {
  return textOf(doc).match(/w\d+\b/g) ?? [];
}

function yieldTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

async function storedText(room: string): Promise<string> {
  const storage = openSqliteStorage(join(dataDir, "parley.sqlite"));
  const stored = await storage.loadRoom(room);
  await storage.close();
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const update of stored.updates) Y.applyUpdate(doc, update);
  return textOf(doc);
}

describe("crash safety", () => {
  it("kill -9 during a burst loses nothing any client had received", async () => {
    dataDir = makeDataDir();
    const first = await spawnServer({ DATA_DIR: dataDir });
    servers.push(first);
    const { id, token } = await createFramework(first.url, "Crash");
    const writer = connectClient(first.syncUrl, id, { token });
    const observer = connectClient(first.syncUrl, id, { token });
    clients.push(writer, observer);
    await Promise.all([waitForSynced(writer.provider), waitForSynced(observer.provider)]);

    let receivedBeforeKill: string[] = [];
    const killed = new Promise<void>((resolve) => {
      const onUpdate = () => {
        const received = markersIn(observer.doc);
        if (received.length < KILL_AFTER_RECEIVED) return;
        observer.doc.off("update", onUpdate);
        receivedBeforeKill = received;
        first.child.kill("SIGKILL");
        resolve();
      };
      observer.doc.on("update", onUpdate);
    });

    // The writer types a numbered burst, one edit per event-loop turn, through the kill.
    for (let i = 0; i < BURST; i++) {
      appendParagraph(writer.doc, `w${i}`);
      await yieldTurn();
      if (i === BURST / 2) await killed;
    }
    expect((await first.exited).signal).toBe("SIGKILL");
    expect(receivedBeforeKill.length).toBeGreaterThanOrEqual(KILL_AFTER_RECEIVED);

    // Everything the observer had received is in storage, before any client can resend it.
    const stored = await storedText(id);
    for (const marker of receivedBeforeKill) expect(stored).toContain(`>${marker}<`);

    // Restart on the same port and data; both clients reconnect by themselves.
    const second = await spawnServer({ DATA_DIR: dataDir, PORT: first.port });
    servers.push(second);
    const all = Array.from({ length: BURST }, (_, i) => `w${i}`);
    await waitForDocs(
      [observer.doc],
      () => all.every((marker) => markersIn(observer.doc).includes(marker)),
      "the writer's later edits to reach the observer after reconnecting",
    );
    const fresh = connectClient(second.syncUrl, id, { token });
    clients.push(fresh);
    await waitForSynced(fresh.provider);
    await waitForDocs([fresh.doc], () => markersIn(fresh.doc).length === BURST, "a fresh client");
    expect(new Set(markersIn(fresh.doc))).toEqual(new Set(all));
  });

  it("SIGTERM flushes received edits and exits 0", async () => {
    dataDir = makeDataDir();
    const first = await spawnServer({ DATA_DIR: dataDir });
    servers.push(first);
    const { id, token } = await createFramework(first.url, "Shutdown");
    const writer = connectClient(first.syncUrl, id, { token });
    await waitForSynced(writer.provider);
    const updatesBefore = await updatesTotal(first.url);
    for (let i = 0; i < 30; i++) appendParagraph(writer.doc, `w${i}`);
    // Once the server has accepted the edits (not necessarily written them), stop it.
    await expect.poll(() => updatesTotal(first.url)).toBeGreaterThanOrEqual(updatesBefore + 30);
    first.child.kill("SIGTERM");
    expect(await first.exited).toEqual({ code: 0, signal: null });
    expect(first.logs.some((line) => line.msg === "server closed")).toBe(true);
    writer.destroy();
    clients.splice(0);

    const second = await spawnServer({ DATA_DIR: dataDir });
    servers.push(second);
    const reader = connectClient(second.syncUrl, id, { token });
    clients.push(reader);
    await waitForSynced(reader.provider);
    expect(markersIn(reader.doc)).toEqual(Array.from({ length: 30 }, (_, i) => `w${i}`));
  });
});

async function updatesTotal(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const match = text.match(/^parley_updates_total (\d+)$/m);
  return match ? Number(match[1]) : 0;
}
