// @vitest-environment node
import type { StanceCell } from "@parley/shared/analysis/stanceMatrix";
import type { Party } from "@parley/shared/model/party";
import { describe, expect, it } from "vitest";
import {
  actorLabel,
  formatWhen,
  invalidLabel,
  onBehalfLabel,
  partyNameOf,
  percent,
  stanceCellTitle,
} from "./presentation.js";

const fp: Party = {
  id: "party-a",
  name: "First Party",
  shortName: "FP",
  colour: "#1f5fa8",
  kind: "state",
  role: "party",
  removedAt: null,
};
const gone: Party = {
  ...fp,
  id: "party-x",
  name: "Gone",
  shortName: "GO",
  removedAt: "2026-01-01T00:00:00.000Z",
};

describe("presentation", () => {
  it("names a party by short name, marks removed and unknown ones", () => {
    expect(partyNameOf("party-a", [fp])).toBe("FP");
    expect(partyNameOf("party-x", [fp, gone])).toBe("GO (removed)");
    expect(partyNameOf("nobody", [fp])).toBe('unknown party "nobody"');
    expect(partyNameOf(null, [fp])).toBe("no party");
  });

  it("labels an actor with their party's short name when they act for one", () => {
    expect(actorLabel({ name: "Amira", party: "party-a" }, [fp])).toBe("Amira (FP)");
    expect(actorLabel({ name: "Amira", party: null }, [fp])).toBe("Amira");
    expect(actorLabel({ name: "Amira", party: "p-zz" }, [fp])).toBe("Amira (p-zz)");
  });

  it("shows a bad stored value as such", () => {
    expect(invalidLabel("bogus")).toBe('invalid: "bogus"');
    expect(invalidLabel(undefined)).toBe("invalid: missing");
  });

  it("formats times, and keeps text that is not a time", () => {
    expect(formatWhen("not a date")).toBe("not a date");
    expect(formatWhen("2026-11-26T13:40:00.000Z", "en-GB")).toMatch(/26 Nov/);
  });

  it("clamps percentages", () => {
    expect(percent(1 / 3)).toBe("33 %");
    expect(percent(2)).toBe("100 %");
    expect(percent(Number.NaN)).toBe("0 %");
  });

  it("puts the condition and who recorded a stance in the cell's hover text", () => {
    const cell: StanceCell = {
      kind: "stance",
      stance: "acceptsWithConditions",
      condition: "after verification",
      by: { name: "Kofi", party: "party-a" },
      at: "2026-11-26T13:40:00.000Z",
    };
    const title = stanceCellTitle(fp, cell, [fp], "en-GB");
    expect(title).toContain("First Party: Accepts with conditions");
    expect(title).toContain("Condition: after verification");
    expect(title).toContain("Recorded by Kofi (FP), 26 Nov");
    expect(
      stanceCellTitle(fp, { kind: "invalid", raw: 1, message: "invalid stance: 1" }, [fp]),
    ).toBe("First Party: invalid stance: 1");
  });
  it("marks a record written for a party by someone outside it", () => {
    const party = { id: "p-b", shortName: "B" };
    expect(onBehalfLabel({ name: "Mo", party: null }, party, [])).toBe(
      "recorded by the mediator for B",
    );
    expect(onBehalfLabel({ name: "Mo", party: "p-m", role: "mediator" }, party, [])).toBe(
      "recorded by the mediator for B",
    );
    expect(onBehalfLabel({ name: "Ana", party: "p-a" }, party, [])).toBe(
      "recorded by Ana (p-a) for B",
    );
    expect(onBehalfLabel({ name: "Bo", party: "p-b" }, party, [])).toBeNull();
  });
});
