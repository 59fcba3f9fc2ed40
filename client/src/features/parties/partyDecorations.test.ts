// @vitest-environment node
import type { Party } from "@parley/shared/model/party";
import { describe, expect, it } from "vitest";
import { optionDecorationAttrs } from "./partyDecorations.js";

const fp: Party = {
  id: "party-a",
  name: "First Party",
  shortName: "FP",
  colour: "#1f5fa8",
  kind: "state",
  role: "party",
  removedAt: null,
};
const sp: Party = {
  ...fp,
  id: "party-b",
  name: "Second Party",
  shortName: "SP",
  colour: "#b3412b",
};

describe("bracket option decorations", () => {
  it("tints an option in its proposer's colour and lists supporters and opponents", () => {
    const attrs = optionDecorationAttrs(
      { proposedBy: "party-a", supportedBy: ["party-b"], opposedBy: [] },
      [fp, sp],
    );
    expect(attrs.style).toBe("--party: #1f5fa8");
    expect(attrs["data-proposer"]).toBe("FP");
    expect(attrs.title).toBe("Proposed by FP\nSupported by SP");
  });

  it("says when nobody proposed it", () => {
    const attrs = optionDecorationAttrs({ proposedBy: null }, [fp]);
    expect(attrs.title).toBe("Proposed by no party");
    expect(attrs.style).toBeUndefined();
  });

  it("marks an unknown proposer and malformed lists as invalid", () => {
    const unknown = optionDecorationAttrs({ proposedBy: "p-zz", opposedBy: "everyone" }, [fp]);
    expect(unknown.class).toBe("bracket-option-invalid");
    expect(unknown.title).toContain('Proposed by unknown party "p-zz"');
    expect(unknown.title).toContain('Opposed by invalid opponents: "everyone"');
    const malformed = optionDecorationAttrs({ proposedBy: 42 }, [fp]);
    expect(malformed["data-proposer"]).toBe("invalid");
    expect(malformed.title).toBe("Proposed by: invalid proposer: 42");
  });
});
