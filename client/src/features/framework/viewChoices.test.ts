// @vitest-environment node
import type { Party } from "@parley/shared/model/party";
import { describe, expect, it } from "vitest";
import { effectiveView, viewChoices } from "./viewChoices.js";

const party = (id: string, shortName: string): Party => ({
  id,
  name: shortName,
  shortName,
  colour: "#000000",
  kind: "state",
  role: "party",
  removedAt: null,
});

describe("view choices", () => {
  it("offers the text with brackets, clean, and one view per party", () => {
    expect(viewChoices([party("a", "FP"), party("b", "SP")])).toEqual([
      { value: "brackets", label: "With brackets (editing)" },
      { value: "clean", label: "Clean text" },
      { value: "party:a", label: "As FP would have it" },
      { value: "party:b", label: "As SP would have it" },
    ]);
  });

  it("falls back to the editable text for unknown views and parties no longer there", () => {
    const parties = [party("a", "FP")];
    expect(effectiveView("clean", parties)).toBe("clean");
    expect(effectiveView("party:a", parties)).toBe("party:a");
    expect(effectiveView("party:b", parties)).toBe("brackets");
    expect(effectiveView("party:", parties)).toBe("brackets");
    expect(effectiveView("sideways", parties)).toBe("brackets");
  });
});
