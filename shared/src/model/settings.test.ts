import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { snapshotFramework } from "../access/frameworkSnapshot.js";
import { settingsMap } from "./maps.js";
import { setTrackAllChanges, trackAllChanges } from "./settings.js";

describe("track all changes", () => {
  it("is off by default, and only a mediator switches it", () => {
    const doc = new Y.Doc();
    expect(trackAllChanges(doc)).toBe(false);
    const refused = setTrackAllChanges(doc, true, { actor: { role: "drafter" } });
    expect(refused.ok).toBe(false);
    expect(settingsMap(doc).size).toBe(0);
    expect(setTrackAllChanges(doc, true, { actor: { role: "mediator" } })).toEqual({
      ok: true,
      value: { trackAllChanges: true },
    });
    expect(trackAllChanges(doc)).toBe(true);
    expect(snapshotFramework(doc).settings?.get("trackAllChanges")).toBe(true);
  });

  it("reads anything but `true` as off", () => {
    const doc = new Y.Doc();
    settingsMap(doc).set("trackAllChanges", "yes");
    expect(trackAllChanges(doc)).toBe(false);
  });
});
