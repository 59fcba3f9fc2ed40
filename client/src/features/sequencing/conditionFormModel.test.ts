// @vitest-environment node
import {
  addStep,
  type Precondition,
  readSnapshot,
  StepInput,
} from "@parley/shared/sequencing/index";
import { describe, expect, it } from "vitest";
import { frameworkDoc, must, writeOptions } from "../../test/sequencingDoc.js";
import {
  addSubGroup,
  conditionToGroup,
  describeGroup,
  emptyGroup,
  groupAt,
  groupToCondition,
  MAX_GROUP_DEPTH,
  removeGroup,
  updateGroup,
} from "./conditionFormModel.js";
import { describeRefusal } from "./refusal.js";
import { emptyStepForm, formToStepInput } from "./stepFormModel.js";

const step = (stepId: string): Precondition => ({ kind: "step", stepId });

describe("condition groups", () => {
  it("converts a three-level tree to groups and back with every leaf in place", () => {
    const tree: Precondition = {
      kind: "all-of",
      of: [
        step("a"),
        { kind: "milestone", milestoneId: "m" },
        {
          kind: "any-of",
          of: [
            { kind: "verification", mechanismId: "v", stepIds: ["a", "b"] },
            { kind: "all-of", of: [step("c"), step("d")] },
          ],
        },
      ],
    };
    const group = conditionToGroup(tree);
    expect(group.mode).toBe("all-of");
    expect(group.steps).toEqual(["a"]);
    expect(groupAt(group, [0])?.reports).toEqual([{ mechanismId: "v", stepIds: ["a", "b"] }]);
    expect(groupAt(group, [0, 0])?.steps).toEqual(["c", "d"]);
    expect(groupToCondition(group)).toEqual(tree);
  });

  it("a single condition is stored alone, and nothing at all as null", () => {
    expect(conditionToGroup(step("a"))).toEqual({ ...emptyGroup(), steps: ["a"] });
    expect(groupToCondition({ ...emptyGroup("any-of"), steps: ["a"] })).toEqual(step("a"));
    expect(groupToCondition(emptyGroup())).toBeNull();
    expect(conditionToGroup(null)).toEqual(emptyGroup());
  });

  it("edits a sub-condition two levels down: adds, changes its kind, fills it, removes it", () => {
    let root = conditionToGroup({ kind: "all-of", of: [step("a"), step("b")] });
    root = addSubGroup(root, [], "any-of");
    root = addSubGroup(root, [0], "any-of");
    root = updateGroup(root, [0, 0], (g) => ({ ...g, mode: "all-of", steps: ["c", "d"] }));
    root = updateGroup(root, [0], (g) => ({ ...g, milestones: ["m"] }));
    expect(groupToCondition(root)).toEqual({
      kind: "all-of",
      of: [
        step("a"),
        step("b"),
        {
          kind: "any-of",
          of: [
            { kind: "milestone", milestoneId: "m" },
            { kind: "all-of", of: [step("c"), step("d")] },
          ],
        },
      ],
    });
    root = removeGroup(root, [0, 0]);
    expect(groupToCondition(root)).toEqual({
      kind: "all-of",
      of: [step("a"), step("b"), { kind: "any-of", of: [{ kind: "milestone", milestoneId: "m" }] }],
    });
    // Removing the top group empties it.
    expect(groupToCondition(removeGroup(root, []))).toBeNull();
  });

  it("drops empty sub-conditions and reports without a mechanism", () => {
    let root = { ...emptyGroup(), steps: ["a"] };
    root = addSubGroup(root, [], "any-of");
    root = { ...root, reports: [{ mechanismId: "", stepIds: ["a"] }] };
    expect(groupToCondition(root)).toEqual(step("a"));
  });

  it("an unknown path changes nothing, and nesting stops at the schema's depth", () => {
    const root = conditionToGroup({ kind: "all-of", of: [step("a"), step("b")] });
    expect(updateGroup(root, [3], (g) => ({ ...g, steps: ["x"] }))).toBe(root);
    expect(groupAt(root, [0, 1])).toBeNull();
    let deep = emptyGroup();
    const path: number[] = [];
    for (let i = 0; i < 20; i++) {
      deep = addSubGroup(deep, path, "any-of");
      if (groupAt(deep, [...path, 0])) path.push(0);
    }
    expect(path).toHaveLength(MAX_GROUP_DEPTH - 1);
    deep = updateGroup(deep, path, (g) => ({ ...g, steps: ["a"] }));
    // The deepest tree the editor builds is still accepted by the shared schema.
    const tree = groupToCondition(deep);
    expect(
      StepInput.safeParse({ actorPartyId: "pa", action: "x", preconditions: tree }).success,
    ).toBe(true);
  });

  it("describes a group for its legend", () => {
    expect(describeGroup(emptyGroup("any-of"))).toBe("any of: nothing yet");
    expect(describeGroup({ ...emptyGroup(), steps: ["a", "b"], groups: [emptyGroup()] })).toBe(
      "all of: 2 steps, 1 sub-condition",
    );
  });

  it("a nested condition naming a removed step is refused by the accessor, nothing stored", () => {
    const doc = frameworkDoc();
    const o = writeOptions(doc);
    const a = must(addStep(doc, { actorPartyId: "pa", action: "a" }, o));
    let condition = { ...emptyGroup(), steps: [a.id] };
    condition = addSubGroup(condition, [], "any-of");
    condition = updateGroup(condition, [0], (g) => ({ ...g, steps: ["gone"] }));
    const result = addStep(
      doc,
      formToStepInput(emptyStepForm({ actor: "party:pb", action: "b", condition })),
      o,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(describeRefusal(result.error)).toContain('unknown step "gone"');
    expect(readSnapshot(doc).steps).toHaveLength(1);
  });
});
