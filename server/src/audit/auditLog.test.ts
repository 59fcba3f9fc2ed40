import { describe, expect, it } from "vitest";
import { silentLogger } from "../core/types.js";
import type { AuditRecord } from "../storage/documentStorage.js";
import { AUDIT_TEXT_LIMITS, AuditLog, capText } from "./auditLog.js";

function auditLog() {
  const written: AuditRecord[] = [];
  const log = new AuditLog({
    storage: {
      appendAudit: async (rows) => {
        written.push(...rows);
      },
    },
    run: (task) => task(),
    logger: silentLogger,
    flushMs: 60_000,
    now: () => new Date("2026-11-26T12:00:00Z"),
  });
  return { log, written };
}

const principal = {
  inviteId: "inv-1",
  frameworkId: "fw",
  name: "Amal",
  party: "north",
  role: "drafter",
  member: "i-inv-1",
  personal: true,
} as const;

describe("AuditLog", () => {
  it("coalesces one connection's events of a kind into one row with count and bytes", async () => {
    const { log, written } = auditLog();
    for (const bytes of [10, 20, 30]) {
      log.record({
        frameworkId: "fw",
        action: "updated",
        room: "fw",
        principal,
        connection: 1,
        bytes,
      });
    }
    log.record({
      frameworkId: "fw",
      action: "updated",
      room: "fw",
      principal,
      connection: 2,
      bytes: 5,
    });
    await log.flush();
    expect(written.map((row) => [row.count, row.bytes])).toEqual([
      [3, 60],
      [1, 5],
    ]);
    expect(written[0]).toMatchObject({
      at: "2026-11-26T12:00:00.000Z",
      user: "Amal",
      party: "north",
      role: "drafter",
      inviteId: "inv-1",
    });
  });

  it("keeps events with different details, rooms or a missing detail apart", async () => {
    const { log, written } = auditLog();
    log.record({ frameworkId: "fw", action: "refused", room: "fw", connection: 1, detail: "a" });
    log.record({ frameworkId: "fw", action: "refused", room: "fw", connection: 1, detail: "b" });
    log.record({ frameworkId: "fw", action: "refused", room: "fw", connection: 1, detail: "" });
    log.record({ frameworkId: "fw", action: "refused", room: "fw", connection: 1 });
    log.record({ frameworkId: "fw", action: "refused", room: "fw/discussion", connection: 1 });
    await log.flush();
    expect(written).toHaveLength(5);
    expect(written.every((row) => row.count === 1)).toBe(true);
  });

  it("audit text is capped: long room names, names, parties and details are cut", async () => {
    const { log, written } = auditLog();
    log.record({
      frameworkId: "fw",
      action: "refused",
      room: "r".repeat(5000),
      principal: { ...principal, name: "ن".repeat(5000), party: "p".repeat(5000) },
      detail: `connection refused (4403): origin ${"o".repeat(100_000)} is not allowed`,
    });
    await log.flush();
    const row = written[0];
    expect(row?.room?.length).toBe(AUDIT_TEXT_LIMITS.room);
    expect(row?.user?.length).toBe(AUDIT_TEXT_LIMITS.user);
    expect(row?.party?.length).toBe(AUDIT_TEXT_LIMITS.party);
    expect(row?.detail?.length).toBe(AUDIT_TEXT_LIMITS.detail);
    expect(row?.detail?.endsWith("…")).toBe(true);
  });

  it("capText never cuts a surrogate pair", () => {
    expect(capText("short", 10)).toBe("short");
    expect(capText("abcdef", 4)).toBe("abc…");
    expect(capText("ab😀cdef", 4)).toBe("ab…");
  });
});
