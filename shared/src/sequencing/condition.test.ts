import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { CONTEXT } from "../test/sequencing.js";
import { Precondition } from "./condition.js";
import { addStep, addStepCondition, removeStepCondition, replaceStepCondition } from "./records.js";
import { readSnapshot } from "./snapshot.js";

const opts = { actor: { name: "Ana", party: "pa" }, context: CONTEXT };
const leaf = (stepId: string) => ({ kind: "step" as const, stepId });

describe("nested conditions", () => {
  it("are edited at every level by path: add, replace, remove", () => {
    const doc = new Y.Doc();
    for (const id of ["a", "b", "c", "d"]) {
      expect(addStep(doc, { id, actorPartyId: "pa", action: `act ${id}` }, opts).ok).toBe(true);
    }
    expect(addStep(doc, { id: "s", actorPartyId: "pb", action: "lifts" }, opts).ok).toBe(true);
    expect(addStepCondition(doc, "s", [], leaf("a"), opts).ok).toBe(true);
    expect(addStepCondition(doc, "s", [], { kind: "any-of", of: [leaf("b")] }, opts).ok).toBe(true);
    expect(addStepCondition(doc, "s", [1], { kind: "none-of", of: [leaf("c")] }, opts).ok).toBe(
      true,
    );
    expect(replaceStepCondition(doc, "s", [1, 1, 0], leaf("d"), opts).ok).toBe(true);
    const step = () => readSnapshot(doc).steps.find((s) => s.id === "s")!;
    expect(step().preconditions).toEqual({
      kind: "all-of",
      of: [leaf("a"), { kind: "any-of", of: [leaf("b"), { kind: "none-of", of: [leaf("d")] }] }],
    });
    expect(removeStepCondition(doc, "s", [1, 1, 0], opts).ok).toBe(true);
    expect(step().preconditions).toEqual({
      kind: "all-of",
      of: [leaf("a"), { kind: "any-of", of: [leaf("b")] }],
    });
    const missing = removeStepCondition(doc, "s", [5], opts);
    expect(missing.ok === false && missing.error.code).toBe("notFound");
    expect(removeStepCondition(doc, "s", [], opts).ok).toBe(true);
    expect(step().preconditions).toBe(null);
  });

  it("refuses hostile trees without recursing: too deep, too wide, too many nodes", () => {
    let deep: unknown = leaf("a");
    for (let i = 0; i < 100_000; i++) deep = { kind: "all-of", of: [deep] };
    expect(Precondition.safeParse(deep).success).toBe(false);
    const wide = { kind: "any-of", of: Array.from({ length: 51 }, () => leaf("a")) };
    expect(Precondition.safeParse(wide).success).toBe(false);
    const many = {
      kind: "all-of",
      of: Array.from({ length: 10 }, () => ({
        kind: "any-of",
        of: Array.from({ length: 40 }, () => leaf("a")),
      })),
    };
    expect(Precondition.safeParse(many).success).toBe(false);
    const doc = new Y.Doc();
    const r = addStep(doc, { actorPartyId: "pa", action: "x", preconditions: deep as never }, opts);
    expect(r.ok).toBe(false);
  });
});
