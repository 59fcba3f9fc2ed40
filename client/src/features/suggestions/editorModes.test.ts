import { describe, expect, it } from "vitest";
import { effectiveMode, modeChoices } from "./editorModes.js";

describe("modeChoices", () => {
  it("lets mediators and drafters choose, commenters suggest or view, observers view", () => {
    expect(modeChoices("mediator", true, true).modes).toEqual(["editing", "suggesting", "viewing"]);
    expect(modeChoices("drafter", false, true)).toMatchObject({
      modes: ["editing", "suggesting", "viewing"],
      initial: "editing",
    });
    expect(modeChoices("commenter", false, true)).toMatchObject({
      modes: ["suggesting", "viewing"],
      initial: "viewing",
    });
    expect(modeChoices("observer", false, true).modes).toEqual(["viewing"]);
    expect(modeChoices(null, false, false).modes).toEqual(["viewing"]);
  });

  it("forces a drafter into Suggesting while all changes are tracked, and says why", () => {
    const choices = modeChoices("drafter", true, true);
    expect(choices.modes).toEqual(["suggesting", "viewing"]);
    expect(choices.note).toContain("Track all changes");
    expect(effectiveMode("editing", choices)).toBe("suggesting");
    expect(effectiveMode("viewing", choices)).toBe("viewing");
  });

  it("offers no Suggesting without a member id to sign suggestions with", () => {
    expect(modeChoices("commenter", false, false).modes).toEqual(["viewing"]);
  });
});
