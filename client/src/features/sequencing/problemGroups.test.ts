// @vitest-environment node
import {
  addMechanism,
  addStep,
  checkAll,
  readSnapshot,
  type SequencingProblem,
} from "@parley/shared/sequencing/index";
import { describe, expect, it } from "vitest";
import { frameworkDoc, must, writeOptions } from "../../test/sequencingDoc.js";
import { groupProblems } from "./ProblemsList.js";

const problem = (
  key: string,
  code: SequencingProblem["code"],
  severity: SequencingProblem["severity"],
): SequencingProblem => ({ key, code, severity, message: key, involved: [] });

describe("problems grouped by check", () => {
  it("puts the checks with errors first and keeps each check's problems in order", () => {
    const groups = groupProblems([
      problem("w1", "one-sided-phase", "warning"),
      problem("w2", "unverified-trigger", "warning"),
      problem("e1", "dependency-cycle", "error"),
      problem("w3", "one-sided-phase", "warning"),
    ]);
    expect(groups.map((g) => [g.code, g.problems.map((p) => p.key)])).toEqual([
      ["dependency-cycle", ["e1"]],
      ["one-sided-phase", ["w1", "w3"]],
      ["unverified-trigger", ["w2"]],
    ]);
    expect(groupProblems([])).toEqual([]);
  });

  it("one unverified step that three steps wait for is one warning in one group", () => {
    const doc = frameworkDoc();
    const o = writeOptions(doc);
    const cap = must(addStep(doc, { actorPartyId: "pa", action: "caps" }, o));
    for (const action of ["lifts a", "lifts b", "lifts c"]) {
      must(
        addStep(
          doc,
          { actorPartyId: "pb", action, preconditions: { kind: "step", stepId: cap.id } },
          o,
        ),
      );
    }
    const context = o.context;
    const unverified = () =>
      groupProblems(checkAll(readSnapshot(doc), context)).filter(
        (g) => g.code === "unverified-trigger",
      );
    expect(unverified()).toHaveLength(1);
    expect(unverified()[0]!.problems).toHaveLength(1);
    must(
      addMechanism(
        doc,
        {
          name: "Agency",
          body: { kind: "named", name: "Agency" },
          verifies: "the cap",
          confirmsStepIds: [cap.id],
        },
        o,
      ),
    );
    expect(unverified()).toEqual([]);
  });
});
