// @vitest-environment node
import { describe, expect, it } from "vitest";
import { memoryStorage } from "../test/memoryStorage.js";
import { forgetFramework, readRecentFrameworks, rememberFramework } from "./recentFrameworks.js";

describe("recent frameworks", () => {
  it("lists the most recently opened first, once each, with the latest title", () => {
    const storage = memoryStorage();
    rememberFramework({ id: "aaaaaa", title: "A" }, storage);
    rememberFramework({ id: "bbbbbb", title: "B" }, storage);
    rememberFramework({ id: "aaaaaa", title: "A (rev. 2)" }, storage);
    expect(readRecentFrameworks(storage).map((r) => [r.id, r.title])).toEqual([
      ["aaaaaa", "A (rev. 2)"],
      ["bbbbbb", "B"],
    ]);
  });

  it("forgets a deleted framework and survives damaged storage", () => {
    const storage = memoryStorage();
    rememberFramework({ id: "aaaaaa", title: "A" }, storage);
    forgetFramework("aaaaaa", storage);
    expect(readRecentFrameworks(storage)).toEqual([]);
    storage.setItem("parley.recentFrameworks", '[{"id":1}, null, "x"]');
    expect(readRecentFrameworks(storage)).toEqual([]);
    storage.setItem("parley.recentFrameworks", "oops");
    expect(readRecentFrameworks(storage)).toEqual([]);
  });

  it("keeps at most 20", () => {
    const storage = memoryStorage();
    for (let i = 0; i < 25; i++) rememberFramework({ id: `id${i}xxxx`, title: `${i}` }, storage);
    expect(readRecentFrameworks(storage)).toHaveLength(20);
    expect(readRecentFrameworks(storage)[0]?.title).toBe("24");
  });
});
