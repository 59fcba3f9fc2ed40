// @vitest-environment node
import { describe, expect, it } from "vitest";
import { formatSize, versionInputError, versionPermissions } from "./versionRows.js";

describe("versionPermissions", () => {
  it("saves from drafter up; restores and deletes as mediator only; nothing unconfirmed", () => {
    expect(versionPermissions(null)).toEqual({
      canSave: false,
      canRestore: false,
      canDelete: false,
    });
    expect(versionPermissions("observer").canSave).toBe(false);
    expect(versionPermissions("commenter")).toEqual({
      canSave: false,
      canRestore: false,
      canDelete: false,
    });
    expect(versionPermissions("drafter")).toEqual({
      canSave: true,
      canRestore: false,
      canDelete: false,
    });
    expect(versionPermissions("mediator")).toEqual({
      canSave: true,
      canRestore: true,
      canDelete: true,
    });
  });
});

describe("formatSize", () => {
  it("reads bytes, kilobytes and megabytes", () => {
    expect(formatSize(812)).toBe("812 B");
    expect(formatSize(12_400)).toBe("12.4 KB");
    expect(formatSize(3_100_000)).toBe("3.1 MB");
    expect(formatSize(-1)).toBe("—");
  });
});

describe("versionInputError", () => {
  it("needs a name of at most 200 characters and a note of at most 2000", () => {
    expect(versionInputError("  ", "")).toMatch(/name/);
    expect(versionInputError("x".repeat(201), "")).toMatch(/too long/);
    expect(versionInputError("Rev. 2", "n".repeat(2001))).toMatch(/note is too long/);
    expect(versionInputError("Rev. 2", "")).toBeNull();
  });
});
