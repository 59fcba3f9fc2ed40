// @vitest-environment node
import { describe, expect, it } from "vitest";
import { EDITOR_SHORTCUTS, keyLabel, SHORTCUTS } from "./shortcutList.js";

describe("shortcuts", () => {
  it("reads key names as people write them, with Mac symbols on a Mac", () => {
    expect(keyLabel("Mod-Alt-n", false)).toBe("Ctrl+Alt+N");
    expect(keyLabel("Mod-Alt-n", true)).toBe("⌘+⌥+N");
    expect(keyLabel("Mod-/", false)).toBe("Ctrl+/");
    expect(keyLabel("Shift-Enter", false)).toBe("Shift+Enter");
  });

  it("gives each action its own key, none taken by the editor's standard keys", () => {
    const ours = Object.values(SHORTCUTS).map((s) => s.key.toLowerCase());
    expect(new Set(ours).size).toBe(ours.length);
    for (const standard of EDITOR_SHORTCUTS) expect(ours).not.toContain(standard.key.toLowerCase());
  });
});
