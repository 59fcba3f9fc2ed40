import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { Principal } from "@parley/shared/access/roles";
import { CloseCode } from "@parley/shared/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import type { AuthDecision } from "../access/authorize.js";
import { LiveConnections } from "../access/liveConnections.js";
import { RefusalAudit } from "../audit/refusalAudit.js";
import type { AuditEvent } from "../core/auditSink.js";
import { RoomManager } from "../core/roomManager.js";
import { silentLogger } from "../core/types.js";
import { createServerMetrics } from "../metrics/serverMetrics.js";
import { createMemoryStorage } from "../storage/memoryStorage.js";
import { attachSyncEndpoint, type SyncEndpoint } from "./syncEndpoint.js";

const FRAMEWORK = "abcdefgh12345678";
const principal: Principal = {
  frameworkId: FRAMEWORK,
  inviteId: "invite-1",
  role: "drafter",
  party: null,
  name: null,
  member: "m-1",
  personal: true,
};
const allowed: AuthDecision = {
  ok: true,
  room: { kind: "framework", frameworkId: FRAMEWORK },
  roomKey: FRAMEWORK,
  frameworkId: FRAMEWORK,
  principal,
  expiresAt: new Date(Date.now() + 3_600_000),
};

let server: Server | null = null;
let endpoint: SyncEndpoint | null = null;

afterEach(async () => {
  endpoint?.stopAccepting();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
  endpoint = null;
});

/** The real endpoint on a loopback port, with an access check that answers when told to. */
async function startEndpoint(options: {
  messagesPerSecond: number;
  messageBurst: number;
  live?: LiveConnections;
}) {
  const audited: AuditEvent[] = [];
  let answer: (decision: AuthDecision) => void = () => undefined;
  let markAsked: () => void = () => undefined;
  const asked = new Promise<void>((resolve) => {
    markAsked = resolve;
  });
  const manager = new RoomManager({
    storage: createMemoryStorage(),
    logger: silentLogger,
    metrics: createServerMetrics(),
    unloadGraceMs: 60_000,
    compactionThreshold: 500,
    compactionIdleMs: 60_000,
    maxMessageBytes: 64 * 1024,
    maxBufferedBytes: 1024 * 1024,
  });
  const http = createServer();
  server = http;
  // The server's side of each TCP connection, to know when it has seen a connection close.
  const sockets: Socket[] = [];
  http.on("connection", (socket: Socket) => sockets.push(socket));
  endpoint = attachSyncEndpoint(http, {
    manager,
    authorize: () =>
      new Promise<AuthDecision>((resolve) => {
        answer = resolve;
        markAsked();
      }),
    logger: silentLogger,
    pingIntervalMs: 60_000,
    maxFrameBytes: 1024 * 1024,
    audit: { record: (event) => audited.push(event) },
    live: new LiveConnections(),
    refusals: new RefusalAudit({
      audit: { record: (event) => audited.push(event) },
      windowMs: 60_000,
      rowsPerSource: 5,
      rowsPerFramework: 50,
    }),
    maxConnectionsPerIp: 200,
    maxConnectionsPerToken: 50,
    trustProxy: 0,
    ...options,
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/sync/${FRAMEWORK}?token=t`,
    audited,
    asked,
    answer: (decision: AuthDecision) => answer(decision),
    /** Resolves once the server's side of the first connection is closed, and `ws` has said so. */
    serverSideClosed: async () => {
      const socket = sockets[0];
      if (!socket) throw new Error("no connection");
      if (!socket.closed) await new Promise((resolve) => socket.once("close", resolve));
      await new Promise<void>((resolve) => setImmediate(resolve));
    },
  };
}

describe("sync endpoint", () => {
  it("audits a connection closed for its message rate before its access check finished", async () => {
    const edge = await startEndpoint({ messagesPerSecond: 1, messageBurst: 2 });
    const ws = new WebSocket(edge.url);
    const closed = new Promise<number>((resolve) => ws.once("close", resolve));
    await new Promise<void>((resolve) => ws.once("open", () => resolve()));
    await edge.asked;
    for (let i = 0; i < 5; i++) ws.send(Uint8Array.of(3)); // queryAwareness
    expect(await closed).toBe(CloseCode.rateLimited);
    await edge.serverSideClosed();
    // Only now does the access check answer: the refusal must still be recorded, once.
    edge.answer(allowed);
    await new Promise<void>((resolve) => setImmediate(resolve));
    const refusals = audited(edge.audited);
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatchObject({ frameworkId: FRAMEWORK, room: FRAMEWORK, principal });
  });
});

describe("closing sockets", () => {
  it("a refusal reason longer than a close frame holds closes the socket instead of throwing", async () => {
    const edge = await startEndpoint({ messagesPerSecond: 100, messageBurst: 100 });
    const ws = new WebSocket(edge.url);
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      ws.once("close", (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    await edge.asked;
    edge.answer({
      ok: false,
      code: CloseCode.forbidden,
      reason: `origin http://${"ع".repeat(400)} is not allowed`,
      frameworkId: FRAMEWORK,
      principal: null,
    });
    const { code, reason } = await closed;
    expect(code).toBe(CloseCode.forbidden);
    expect(Buffer.byteLength(reason)).toBeLessThanOrEqual(123);
    expect(reason.startsWith("origin http://ع")).toBe(true);
  });

  it("an exception while acting on the access check closes only that connection (4500)", async () => {
    class ThrowingLive extends LiveConnections {
      override register(): () => void {
        throw new Error("register failed");
      }
    }
    const edge = await startEndpoint({
      messagesPerSecond: 100,
      messageBurst: 100,
      live: new ThrowingLive(),
    });
    const ws = new WebSocket(edge.url);
    const closed = new Promise<number>((resolve) => ws.once("close", resolve));
    await edge.asked;
    edge.answer(allowed);
    expect(await closed).toBe(CloseCode.internalError);
  });
});

function audited(events: readonly AuditEvent[]): AuditEvent[] {
  return events.filter(
    (event) => event.action === "refused" && event.detail?.includes("messages per second"),
  );
}
