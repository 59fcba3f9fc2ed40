// @vitest-environment node
import { describe, expect, it } from "vitest";
import { testComparison } from "./testComparison.js";
import {
  readComparison,
  readRestoreAnswer,
  readVersionList,
  readVersionSummary,
} from "./versionWire.js";

const ROW = {
  id: "v-abc123",
  frameworkId: "fw-aaaaaa",
  name: "Rev. 1",
  note: "after Doha",
  kind: "manual",
  by: { name: "Amira", party: "party-a", member: "m-amira", role: "drafter" },
  at: "2026-12-06T08:00:00.000Z",
  size: 4096,
  storedBytes: 1200,
};

describe("readVersionList", () => {
  it("reads the list's rows: name, author, time, size and kind", () => {
    expect(readVersionList({ versions: [ROW] })).toEqual([
      {
        id: "v-abc123",
        frameworkId: "fw-aaaaaa",
        name: "Rev. 1",
        note: "after Doha",
        kind: "manual",
        by: { name: "Amira", party: "party-a", member: "m-amira", role: "drafter" },
        at: "2026-12-06T08:00:00.000Z",
        size: 4096,
        storedBytes: 1200,
      },
    ]);
    expect(readVersionList([])).toEqual([]);
  });

  it("refuses the whole list when one row is malformed", () => {
    expect(readVersionList({ versions: [ROW, { ...ROW, kind: "rollback" }] })).toBeNull();
    expect(readVersionList({ versions: [{ ...ROW, by: { party: "p" } }] })).toBeNull();
    expect(readVersionList({ versions: [{ ...ROW, size: "big" }] })).toBeNull();
    expect(readVersionList({ versions: "none" })).toBeNull();
  });

  it("reads a created version bare or under `version`", () => {
    expect(readVersionSummary({ version: ROW })?.name).toBe("Rev. 1");
    expect(readVersionSummary(ROW)?.name).toBe("Rev. 1");
  });

  it("reads a restore's answer: the version saved before it, and whether anything changed", () => {
    const saved = { ...ROW, kind: "beforeRestore", name: "Before restoring Rev. 1" };
    expect(readRestoreAnswer({ saved, changed: true })).toMatchObject({
      saved: { kind: "beforeRestore" },
      changed: true,
    });
    expect(readRestoreAnswer({ saved, changed: "yes" })).toBeNull();
  });
});

describe("readComparison", () => {
  it("reads the shared comparison, bare or under `comparison`", () => {
    const comparison = testComparison();
    const wire = JSON.parse(JSON.stringify(comparison)) as unknown;
    expect(readComparison(wire)).toEqual(comparison);
    expect(readComparison({ from: "v-1", to: "now", comparison: wire })).toEqual(comparison);
  });

  it("refuses a body without the summary or the lists", () => {
    const wire = JSON.parse(JSON.stringify(testComparison())) as Record<string, unknown>;
    expect(readComparison({ ...wire, summary: 3 })).toBeNull();
    expect(readComparison({ ...wire, droppedOptions: null })).toBeNull();
  });
});
