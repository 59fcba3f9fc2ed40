import { describe, expect, it } from "vitest";
import type { BracketResolution } from "../model/bracket.js";
import {
  type BracketState,
  checkFrameworkChanges,
  type FrameworkState,
  mayChangeSettings,
  mayManageParties,
  mayRecordPosition,
  mayResolveBracket,
  partiesRecordedOn,
  partiesWithoutSupport,
} from "./frameworkPolicy.js";

const drafterA = { role: "drafter", party: "p-a" } as const;
const mediator = { role: "mediator", party: null } as const;

function bracket(
  bracketId: string,
  options: Array<{ id: string; by?: string | null; sup?: string[]; opp?: string[] }>,
  parent: string | null = null,
): BracketState {
  return {
    bracketId,
    parent,
    options: options.map((o) => ({
      optionId: o.id,
      proposedBy: o.by ?? null,
      supportedBy: o.sup ?? [],
      opposedBy: o.opp ?? [],
    })),
  };
}

function state(
  brackets: BracketState[],
  parties: Record<string, unknown> = {},
  resolutions: Record<string, unknown> = {},
): FrameworkState {
  return {
    brackets: new Map(brackets.map((b) => [b.bracketId, b])),
    parties: new Map(Object.entries(parties)),
    resolutions: new Map(Object.entries(resolutions)),
  };
}

function resolution(
  bracketId: string,
  optionId: string,
  by: { name: string; party: string | null },
  extra: Partial<BracketResolution> = {},
): BracketResolution {
  return {
    bracketId,
    optionId,
    text: "x",
    proposedBy: null,
    options: [
      { optionId: "o-1", text: "shall", proposedBy: "p-a", supportedBy: [], opposedBy: [] },
      { optionId: "o-2", text: "should", proposedBy: "p-b", supportedBy: ["p-b"], opposedBy: [] },
    ],
    termId: null,
    by,
    at: "2026-12-06T05:00:00.000Z",
    ...extra,
  };
}

const contested = bracket("b-1", [
  { id: "o-1", by: "p-a" },
  { id: "o-2", by: "p-b", sup: ["p-b"] },
]);
const dana = { name: "Dana", party: "p-a" };

describe("party-scoped framework rules", () => {
  it("lets only mediators manage parties, and only a party (or a mediator) record its positions", () => {
    expect(mayManageParties(mediator)).toBe(true);
    expect(mayManageParties(drafterA)).toBe(false);
    expect(mayRecordPosition(drafterA, "p-a")).toBe(true);
    expect(mayRecordPosition(drafterA, "p-b")).toBe(false);
    expect(mayRecordPosition(mediator, "p-b")).toBe(true);
    expect(mayRecordPosition({ role: "commenter", party: "p-a" }, "p-a")).toBe(false);
  });

  it("counts every party that proposed, supported or opposed an option as recorded on the bracket", () => {
    const b = bracket("b", [
      { id: "o-1", by: "p-a", opp: ["p-c"] },
      { id: "o-2", sup: ["p-b"] },
    ]);
    expect([...partiesRecordedOn(b)].sort()).toEqual(["p-a", "p-b", "p-c"]);
  });

  it("lets a drafter resolve only when every other recorded party supports the chosen option", () => {
    // p-b supports o-2; p-a is the drafter's own party.
    expect(mayResolveBracket(drafterA, contested, "o-2").allowed).toBe(true);
    const refusal = mayResolveBracket(drafterA, contested, "o-1");
    expect(refusal).toMatchObject({ allowed: false });
    expect(!refusal.allowed && refusal.reason).toContain("p-b does not support");
    // Removing it outright chooses nothing: refused while another party is recorded.
    expect(mayResolveBracket(drafterA, contested, null).allowed).toBe(false);
    expect(
      mayResolveBracket(drafterA, bracket("b", [{ id: "o-1", by: "p-a" }]), null).allowed,
    ).toBe(true);
    expect(mayResolveBracket(mediator, contested, "o-1").allowed).toBe(true);
    expect(mayResolveBracket({ role: "commenter", party: "p-b" }, contested, "o-2").allowed).toBe(
      false,
    );
  });

  it("refuses a drafter any change to the parties map", () => {
    const before = state([], { "p-a": { name: "A" } });
    expect(
      checkFrameworkChanges(drafterA, before, state([], { "p-a": { name: "A2" } })),
    ).toMatchObject({
      allowed: false,
    });
    expect(checkFrameworkChanges(drafterA, before, state([], {})).allowed).toBe(false);
    expect(
      checkFrameworkChanges(drafterA, before, state([], { "p-a": { name: "A" } })).allowed,
    ).toBe(true);
    expect(checkFrameworkChanges(mediator, before, state([], {})).allowed).toBe(true);
  });

  it("refuses a drafter recording another party's position, on an existing or a new option", () => {
    const before = state([contested]);
    const own = bracket("b-1", [
      { id: "o-1", by: "p-a", sup: ["p-a"] },
      { id: "o-2", by: "p-b", sup: ["p-b"] },
    ]);
    expect(checkFrameworkChanges(drafterA, before, state([own])).allowed).toBe(true);
    const forged = bracket("b-1", [
      { id: "o-1", by: "p-a", sup: ["p-b"] },
      { id: "o-2", by: "p-b" },
    ]);
    expect(checkFrameworkChanges(drafterA, before, state([forged]))).toMatchObject({
      allowed: false,
    });
    const added = bracket("b-1", [
      ...forged.options.map((o) => ({ id: o.optionId })),
      { id: "o-3", opp: ["p-b"] },
    ]);
    expect(
      checkFrameworkChanges(
        drafterA,
        state([bracket("b-1", [{ id: "o-1" }, { id: "o-2" }])]),
        state([added]),
      ).allowed,
    ).toBe(false);
  });

  it("lets only a mediator mark a position as recorded on a party's behalf", () => {
    const mark = { by: { name: "Mo", party: null }, at: "2026-12-06T06:00:00.000Z" };
    const withMarks = (marks: Record<string, unknown>) => ({
      ...state([]),
      marks: new Map(Object.entries(marks)),
    });
    expect(
      checkFrameworkChanges(mediator, withMarks({}), withMarks({ "o-1:p-b": mark })).allowed,
    ).toBe(true);
    expect(
      checkFrameworkChanges(drafterA, withMarks({}), withMarks({ "o-1:p-a": mark })).allowed,
    ).toBe(false);
    // A party's drafter recording its own position removes the mediator's mark for it; not another's.
    expect(
      checkFrameworkChanges(drafterA, withMarks({ "o-1:p-a": mark }), withMarks({})).allowed,
    ).toBe(true);
    expect(
      checkFrameworkChanges(drafterA, withMarks({ "o-1:p-b": mark }), withMarks({})).allowed,
    ).toBe(false);
  });

  it("refuses a drafter resolving a contested bracket, and accepts a supported resolution", () => {
    const before = state([contested]);
    const refused = checkFrameworkChanges(
      drafterA,
      before,
      state([], {}, { "b-1": resolution("b-1", "o-1", dana) }),
    );
    expect(refused).toMatchObject({ allowed: false });
    const supported = checkFrameworkChanges(
      drafterA,
      before,
      state([], {}, { "b-1": resolution("b-1", "o-2", dana) }),
    );
    expect(supported.allowed).toBe(true);
    // Deleting the bracket without a record, or recording as someone else: refused.
    expect(checkFrameworkChanges(drafterA, before, state([])).allowed).toBe(false);
    const asOther = resolution("b-1", "o-2", { name: "Bo", party: "p-b" });
    expect(checkFrameworkChanges(drafterA, before, state([], {}, { "b-1": asOther })).allowed).toBe(
      false,
    );
    expect(checkFrameworkChanges(mediator, before, state([])).allowed).toBe(true);
  });

  it("lets nested brackets go with the resolved bracket they were in, when their parties agree", () => {
    const outer = bracket("b-out", [{ id: "o-1" }, { id: "o-2" }]);
    const inner = bracket("b-in", [{ id: "o-3", by: "p-a" }, { id: "o-4" }], "b-out");
    const after = state([], {}, { "b-out": resolution("b-out", "o-1", dana) });
    expect(checkFrameworkChanges(drafterA, state([outer, inner]), after).allowed).toBe(true);
  });

  it("counts the parties of brackets nested in the options that would be dropped (what the UI offers)", () => {
    const outer: BracketState = {
      bracketId: "b-out",
      parent: null,
      options: [
        { optionId: "o-1", proposedBy: null, supportedBy: [], opposedBy: [] },
        {
          optionId: "o-2",
          proposedBy: null,
          supportedBy: [],
          opposedBy: [],
          nestedParties: ["p-b"],
        },
      ],
    };
    expect(partiesWithoutSupport(outer, "o-1", "p-a")).toEqual(["p-b"]);
    expect(mayResolveBracket(drafterA, outer, "o-1").allowed).toBe(false);
    // Choosing the option that holds the nested bracket keeps it in the text.
    expect(mayResolveBracket(drafterA, outer, "o-2").allowed).toBe(true);
  });

  it("refuses a drafter settling a contested nested bracket by resolving the agreed one around it", () => {
    const outer = bracket("b-out", [{ id: "o-1" }, { id: "o-2" }]);
    const inner = bracket("b-in", [{ id: "o-3", by: "p-b" }, { id: "o-4" }], "b-out");
    const after = state([], {}, { "b-out": resolution("b-out", "o-1", dana) });
    const refusal = checkFrameworkChanges(drafterA, state([outer, inner]), after);
    expect(refusal.allowed).toBe(false);
    expect(refusal.allowed ? "" : refusal.reason).toContain("b-in, nested in b-out, is contested");
    // Once p-b supports the chosen option of the enclosing bracket, the inner one may go with it.
    const agreed = bracket("b-out", [{ id: "o-1", sup: ["p-b"] }, { id: "o-2" }]);
    expect(checkFrameworkChanges(drafterA, state([agreed, inner]), after).allowed).toBe(true);
    expect(checkFrameworkChanges(mediator, state([outer, inner]), after).allowed).toBe(true);
  });

  it("lets a drafter reopen a resolution (positions as recorded) but not rewrite or delete it", () => {
    const record = resolution("b-1", "o-2", { name: "Mo", party: null });
    const before = state([], {}, { "b-1": record });
    const reopenedBracket = bracket("b-1", [
      { id: "o-1", by: "p-a" },
      { id: "o-2", by: "p-b", sup: ["p-b"] },
    ]);
    const reopened = { ...record, reopened: { by: dana, at: "2026-12-06T06:00:00.000Z" } };
    expect(
      checkFrameworkChanges(drafterA, before, state([reopenedBracket], {}, { "b-1": reopened }))
        .allowed,
    ).toBe(true);
    const rewritten = { ...reopened, text: "forged" };
    expect(
      checkFrameworkChanges(drafterA, before, state([reopenedBracket], {}, { "b-1": rewritten }))
        .allowed,
    ).toBe(false);
    // A reappearing option may not carry positions the record did not keep.
    const extra = bracket("b-1", [
      { id: "o-1", by: "p-a", sup: ["p-c"] },
      { id: "o-2", by: "p-b", sup: ["p-b"] },
    ]);
    expect(
      checkFrameworkChanges(drafterA, before, state([extra], {}, { "b-1": reopened })).allowed,
    ).toBe(false);
    expect(checkFrameworkChanges(drafterA, before, state([], {}, {})).allowed).toBe(false);
  });

  it("requires a new resolution of a reopened bracket to keep the earlier ones", () => {
    const first = resolution(
      "b-1",
      "o-2",
      { name: "Mo", party: null },
      {
        reopened: { by: dana, at: "2026-12-06T06:00:00.000Z" },
      },
    );
    const before = state([contested], {}, { "b-1": first });
    const kept = resolution("b-1", "o-2", dana, { earlier: [first] });
    expect(checkFrameworkChanges(drafterA, before, state([], {}, { "b-1": kept })).allowed).toBe(
      true,
    );
    const erased = resolution("b-1", "o-2", dana);
    expect(checkFrameworkChanges(drafterA, before, state([], {}, { "b-1": erased })).allowed).toBe(
      false,
    );
  });

  it("lets only a mediator change the framework settings", () => {
    const off = { ...state([]), settings: new Map<string, unknown>() };
    const on = { ...state([]), settings: new Map<string, unknown>([["trackAllChanges", true]]) };
    expect(checkFrameworkChanges(drafterA, off, on)).toEqual({
      allowed: false,
      reason: "only a mediator may change the framework settings (trackAllChanges)",
    });
    expect(checkFrameworkChanges(drafterA, on, off).allowed).toBe(false);
    expect(checkFrameworkChanges(mediator, off, on).allowed).toBe(true);
    expect(mayChangeSettings(mediator)).toBe(true);
    expect(mayChangeSettings(drafterA)).toBe(false);
  });
});
