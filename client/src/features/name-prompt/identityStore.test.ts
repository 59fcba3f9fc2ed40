// @vitest-environment node
import { describe, expect, it } from "vitest";
import { memoryStorage } from "../../test/memoryStorage.js";
import { loadIdentity, saveIdentity } from "./identityStore.js";

describe("identity store", () => {
  it("has no identity on the first visit", () => {
    expect(loadIdentity(memoryStorage())).toBeNull();
  });

  it("keeps the name and a #rrggbb colour", () => {
    const storage = memoryStorage();
    const saved = saveIdentity("Amira Haddad", null, storage);
    expect(saved.colour).toMatch(/^#[0-9a-f]{6}$/);
    expect(loadIdentity(storage)).toEqual(saved);
  });

  it("keeps the colour when the name changes", () => {
    const storage = memoryStorage();
    const first = saveIdentity("Amira", null, storage);
    const renamed = saveIdentity("Amira Haddad", first, storage);
    expect(renamed).toEqual({ name: "Amira Haddad", colour: first.colour });
  });

  it("ignores damaged or invalid stored values", () => {
    const storage = memoryStorage();
    storage.setItem("parley.identity", "{not json");
    expect(loadIdentity(storage)).toBeNull();
    storage.setItem("parley.identity", JSON.stringify({ name: "   " }));
    expect(loadIdentity(storage)).toBeNull();
    storage.setItem("parley.identity", JSON.stringify({ name: "Kofi", colour: "red" }));
    expect(loadIdentity(storage)?.colour).toMatch(/^#[0-9a-f]{6}$/);
  });
});
