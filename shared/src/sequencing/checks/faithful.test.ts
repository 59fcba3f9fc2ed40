/** The checks of sequencing that fits real agreements: sides, reversal, grouped warnings, reports. */
import { describe, expect, it } from "vitest";
import { CONTEXT, mechanism, milestone, STAMP, snapshot, step } from "../../test/sequencing.js";
import type { SequencingContext } from "../context.js";
import type { Guarantee } from "../guarantee.js";
import { checkOneSidedPhases } from "./onesided.js";
import { checkReportTiming } from "./reporting.js";
import { checkReversals } from "./reversal.js";
import { checkSimultaneity } from "./simultaneity.js";
import { checkUnverifiedTriggers } from "./unverified.js";

const reportDay = milestone(
  "impl",
  {
    kind: "event",
    event: { type: "verification-report", mechanismId: "m", stepIds: ["a1", "a2", "a3"] },
  },
  "Implementation Day",
);

describe("unverified trigger through a “taken on” event milestone", () => {
  it("flags a step taken on Implementation Day when a verification link in its chain is removed", () => {
    const verified = snapshot({
      milestones: [reportDay],
      mechanisms: [mechanism("m", ["a1", "a2", "a3"], { name: "IAEA monitoring" })],
      steps: [
        step("a1", "pa"),
        step("a2", "pa"),
        step("a3", "pa"),
        step("b", "pb", {
          action: "lifts sanctions",
          takenAt: { milestoneId: "impl", offsetDays: 0 },
        }),
      ],
    });
    expect(checkUnverifiedTriggers(verified, CONTEXT)).toEqual([]);
    const removed = {
      ...verified,
      mechanisms: [mechanism("m", ["a1", "a3"], { name: "IAEA monitoring" })],
    };
    const problems = checkUnverifiedTriggers(removed, CONTEXT);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toBe(
      "“Party B: lifts sanctions” waits for “Implementation Day”, i.e. for “IAEA monitoring” to verify “Party A: action a2”, but that mechanism does not verify it",
    );
  });

  it("groups the warnings: one removed link makes one warning listing every step that waits for it", () => {
    const waiting = Array.from({ length: 12 }, (_, i) =>
      step(`b${i}`, "pb", { takenAt: { milestoneId: "impl", offsetDays: 0 } }),
    );
    const snap = snapshot({
      milestones: [reportDay],
      mechanisms: [mechanism("m", ["a1", "a3"], { name: "IAEA monitoring" })],
      steps: [step("a1", "pa"), step("a2", "pa"), step("a3", "pa"), ...waiting],
    });
    const problems = checkUnverifiedTriggers(snap, CONTEXT);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.key).toBe("unverified-trigger:m:a2");
    expect(problems[0]?.message).toMatch(
      /^“IAEA monitoring” does not verify “Party A: action a2”, yet 12 steps wait for its report on it: “Party B: action b0” \(through “Implementation Day”\)/,
    );
    expect(problems[0]?.involved.filter((i) => i.kind === "step")).toHaveLength(13);
  });

  it("needs no verifier for a public act, and does not wait for a negated condition", () => {
    const snap = snapshot({
      steps: [
        step("res", "pa", { publicAct: true, action: "adopts a resolution" }),
        step("x", "pa"),
        step("b", "pb", {
          preconditions: {
            kind: "all-of",
            of: [
              { kind: "step", stepId: "res" },
              { kind: "none-of", of: [{ kind: "step", stepId: "x" }] },
            ],
          },
        }),
      ],
    });
    expect(checkUnverifiedTriggers(snap, CONTEXT)).toEqual([]);
  });
});

const MULTI: SequencingContext = {
  parties: [
    { id: "fr", name: "France", role: "party" },
    { id: "de", name: "Germany", role: "party" },
    { id: "uk", name: "United Kingdom", role: "party" },
    { id: "ir", name: "Iran", role: "party" },
  ],
  termIds: [],
};

describe("one-sided phase weighs sides", () => {
  const side = (id: string, name: string, partyIds: string[]) => ({
    id,
    name,
    partyIds,
    changed: STAMP,
  });

  it("does not fire when one member of a side gives and the others rightly give nothing", () => {
    const snap = snapshot({
      sides: [side("e3", "E3", ["fr", "de", "uk"]), side("iran", "Iran side", ["ir"])],
      steps: [step("s1", "fr", { phase: "Phase 1" }), step("s2", "ir", { phase: "Phase 1" })],
    });
    expect(checkOneSidedPhases(snap, MULTI)).toEqual([]);
  });

  it("fires when a whole side gives nothing, naming the sides", () => {
    const snap = snapshot({
      sides: [side("e3", "E3", ["fr", "de", "uk"]), side("iran", "Iran side", ["ir"])],
      steps: [
        step("s1", "fr", { phase: "Phase 1" }),
        step("s2", "pa", {
          phase: "Phase 1",
          actorPartyId: null,
          actors: [
            { kind: "party", partyId: "de" },
            { kind: "party", partyId: "uk" },
          ],
        }),
      ],
    });
    const problems = checkOneSidedPhases(snap, MULTI);
    expect(problems.map((p) => p.message)).toEqual([
      "Phase “Phase 1” is one-sided: E3 gives 2 steps; Iran side gives nothing",
    ]);
  });

  it("without sides, a multilateral phase where several parties give is not one-sided", () => {
    const snap = snapshot({
      steps: [step("s1", "fr", { phase: "P" }), step("s2", "ir", { phase: "P" })],
    });
    expect(checkOneSidedPhases(snap, MULTI)).toEqual([]);
    const lone = snapshot({ steps: [step("s1", "fr", { phase: "P" })] });
    expect(checkOneSidedPhases(lone, MULTI)[0]?.message).toBe(
      "Phase “P” is one-sided: France gives 1 step; Germany, United Kingdom and Iran give nothing",
    );
  });
});

describe("reversal", () => {
  const guarantee = (fields: Partial<Guarantee>): Guarantee => ({
    id: "g",
    guarantor: { kind: "named", name: "Security Council" },
    beneficiary: { kind: "party", partyId: "pa" },
    obligation: "reimposes the earlier resolutions",
    trigger: "significant non-performance",
    response: "snapback",
    nature: "binding",
    relatedStepIds: [],
    reversal: null,
    changed: STAMP,
    ...fields,
  });

  it("flags a reversal with no notification event, and is quiet once one is named", () => {
    const snap = snapshot({
      milestones: [
        milestone("notice", {
          kind: "event",
          event: { type: "external", description: "notification" },
        }),
      ],
      steps: [step("s1", "pb", { action: "lifts sanctions" })],
      guarantees: [
        guarantee({
          reversal: {
            effect: "reinstate",
            steps: [{ stepId: "s1", extent: "part", note: "" }],
            notificationMilestoneId: null,
            stages: [],
          },
        }),
      ],
    });
    const problems = checkReversals(snap, CONTEXT);
    expect(problems.map((p) => p.message)).toEqual([
      "Guarantee “reimposes the earlier resolutions” reinstates 1 step (“Party B: lifts sanctions”), but names no notification event that starts it",
    ]);
    const named = {
      ...snap,
      guarantees: [
        guarantee({
          reversal: {
            effect: "reinstate",
            steps: [{ stepId: "s1", extent: "part", note: "" }],
            notificationMilestoneId: "notice",
            stages: [],
          },
        }),
      ],
    };
    expect(checkReversals(named, CONTEXT)).toEqual([]);
  });
});

describe("simultaneity on the right dates", () => {
  it("compares takes effect with takes effect, and names that date", () => {
    const snap = snapshot({
      milestones: [milestone("d", { kind: "fixed", date: "2016-01-16" }, "Implementation Day")],
      steps: [
        step("a", "pa", {
          simultaneousWith: ["b"],
          takenAt: { milestoneId: "d", offsetDays: 0 },
          effectiveAt: { milestoneId: "d", offsetDays: 0, offsetMonths: 1 },
        }),
        step("b", "pb", {
          takenAt: { milestoneId: "d", offsetDays: 0 },
          effectiveAt: { milestoneId: "d", offsetDays: 0 },
        }),
      ],
    });
    const problems = checkSimultaneity(snap, CONTEXT);
    expect(problems.map((p) => p.message)).toEqual([
      "“Party A: action a” and “Party B: action b” are said to be simultaneous, but they take effect on different days: “Party A: action a” on Implementation Day + 1 month and “Party B: action b” on Implementation Day (16 February 2016 and 16 January 2016)",
    ]);
  });
});

describe("reporting periods", () => {
  it("warns when a report that triggers a step is first due after the step's deadline", () => {
    const snap = snapshot({
      milestones: [milestone("adoption", { kind: "fixed", date: "2015-10-18" }, "Adoption Day")],
      mechanisms: [
        mechanism("m", ["a"], {
          name: "Quarterly report",
          reporting: { fromMilestoneId: "adoption", every: { years: 0, months: 3, days: 0 } },
        }),
      ],
      steps: [
        step("a", "pa"),
        step("b", "pb", {
          preconditions: { kind: "verification", mechanismId: "m", stepIds: ["a"] },
          deadline: { milestoneId: "adoption", offsetDays: 60 },
        }),
      ],
    });
    expect(checkReportTiming(snap, CONTEXT).map((p) => p.message)).toEqual([
      "“Party B: action b” must be taken by 17 December 2015, but it waits for a report of “Quarterly report”, first due 18 January 2016 (quarterly from “Adoption Day”)",
    ]);
    const later = {
      ...snap,
      steps: [
        snap.steps[0]!,
        { ...snap.steps[1]!, deadline: { milestoneId: "adoption", offsetDays: 120 } },
      ],
    };
    expect(checkReportTiming(later, CONTEXT)).toEqual([]);
  });
});
