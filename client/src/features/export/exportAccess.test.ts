// @vitest-environment node
import { describe, expect, it } from "vitest";
import { isApplePlatform, isExportShortcut, mayExport, shortcutLabel } from "./exportAccess.js";

const access = (role: "observer" | "commenter" | "drafter" | "mediator") => ({
  frameworkId: "fw",
  inviteId: "inv",
  role,
  party: null,
  name: null,
  member: "s-inv",
  personal: false,
  expiresAt: "2026-12-01T00:00:00.000Z",
});

describe("who may export", () => {
  it("needs a held token", () => {
    expect(mayExport(null)).toBe(false);
  });

  it("offers it to every role that may read the framework, observer and up", () => {
    for (const role of ["observer", "commenter", "drafter", "mediator"] as const) {
      expect(mayExport({ token: "t", access: access(role) })).toBe(true);
    }
  });

  it("offers it while the server has not yet said what the token grants", () => {
    expect(mayExport({ token: "t", access: null })).toBe(true);
  });
});

const key = (overrides: Partial<Parameters<typeof isExportShortcut>[0]>) => ({
  key: "E",
  code: "KeyE",
  ctrlKey: false,
  metaKey: false,
  shiftKey: true,
  altKey: false,
  ...overrides,
});

describe("Mod+Shift+E", () => {
  it("is Ctrl+Shift+E off Apple platforms and Cmd+Shift+E on them", () => {
    expect(isExportShortcut(key({ ctrlKey: true }), false)).toBe(true);
    expect(isExportShortcut(key({ metaKey: true }), false)).toBe(false);
    expect(isExportShortcut(key({ metaKey: true }), true)).toBe(true);
    expect(isExportShortcut(key({ ctrlKey: true }), true)).toBe(false);
  });

  it("needs Shift, refuses Alt, and reads the key when the code is not given", () => {
    expect(isExportShortcut(key({ ctrlKey: true, shiftKey: false }), false)).toBe(false);
    expect(isExportShortcut(key({ ctrlKey: true, altKey: true }), false)).toBe(false);
    expect(isExportShortcut(key({ ctrlKey: true, key: "e", code: undefined }), false)).toBe(true);
    expect(isExportShortcut(key({ ctrlKey: true, key: "K", code: "KeyK" }), false)).toBe(false);
  });

  it("knows Apple platforms and writes the shortcut for each", () => {
    expect(isApplePlatform("MacIntel")).toBe(true);
    expect(isApplePlatform("iPhone")).toBe(true);
    expect(isApplePlatform("Linux x86_64")).toBe(false);
    expect(shortcutLabel(false)).toEqual({ text: "Ctrl+Shift+E", aria: "Control+Shift+E" });
    expect(shortcutLabel(true).aria).toBe("Meta+Shift+E");
  });
});
