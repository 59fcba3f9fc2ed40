import { afterEach, describe, expect, it, vi } from "vitest";
import type { AuditEvent } from "../core/auditSink.js";
import { RefusalAudit } from "./refusalAudit.js";

afterEach(() => {
  vi.useRealTimers();
});

function refusalAudit(windowMs = 60_000) {
  const recorded: AuditEvent[] = [];
  const refusals = new RefusalAudit({
    audit: { record: (event) => recorded.push(event) },
    windowMs,
    rowsPerSource: 5,
    rowsPerFramework: 50,
  });
  return { refusals, recorded };
}

const refusal = (detail: string, frameworkId = "fw"): AuditEvent => ({
  frameworkId,
  action: "refused",
  room: frameworkId,
  detail,
});

describe("RefusalAudit", () => {
  it("records the first refusals of a source, then one counted row for the rest of the window", () => {
    const { refusals, recorded } = refusalAudit();
    for (let i = 0; i < 500; i++) refusals.refused(refusal(`attempt ${i}`), "1.2.3.4");
    expect(recorded).toHaveLength(5);
    refusals.close();
    expect(recorded).toHaveLength(6);
    const summary = recorded[5];
    expect(summary?.count).toBe(495);
    expect(summary?.detail).toContain("495 more connection attempts refused within 60 s");
    expect(summary?.detail).toContain("from 1.2.3.4");
    expect(summary?.detail).toContain("last: attempt 499");
  });

  it("bounds the rows of a framework however many sources knock", () => {
    const { refusals, recorded } = refusalAudit();
    for (let i = 0; i < 2000; i++)
      refusals.refused(refusal("no token"), `10.0.${i >> 8}.${i & 255}`);
    expect(recorded).toHaveLength(50);
    refusals.close();
    expect(recorded).toHaveLength(51);
    expect(recorded[50]?.count).toBe(1950);
    expect(recorded[50]?.detail).toContain("from 1950 sources");
  });

  it("counts each framework and each window on its own", () => {
    vi.useFakeTimers();
    const { refusals, recorded } = refusalAudit(1000);
    for (let i = 0; i < 7; i++) refusals.refused(refusal("a", "fw-a"), "1.2.3.4");
    refusals.refused(refusal("b", "fw-b"), "1.2.3.4");
    expect(recorded.map((event) => event.frameworkId)).toEqual([
      ...new Array(5).fill("fw-a"),
      "fw-b",
    ]);
    vi.advanceTimersByTime(1000);
    expect(recorded).toHaveLength(7);
    expect(recorded[6]).toMatchObject({ frameworkId: "fw-a", count: 2 });
    refusals.refused(refusal("again", "fw-a"), "1.2.3.4");
    expect(recorded[7]).toMatchObject({ frameworkId: "fw-a", detail: "again" });
  });

  it("a lower per-kind allowance records a kind once per window", () => {
    const { refusals, recorded } = refusalAudit();
    for (let i = 0; i < 10; i++) refusals.refused(refusal("too many"), "1.2.3.4 (too many)", 1);
    expect(recorded).toHaveLength(1);
  });
});
