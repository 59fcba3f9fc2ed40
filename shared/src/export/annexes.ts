/**
 * The annexes: the sequencing steps (Annex I), the verification mechanisms (Annex II), when
 * there are any the guarantees (with what they reverse) and the milestones (each Day, its
 * definition in words and its computed date), as plain tables of text every renderer can draw.
 * The word "Annex" can be set ("Appendix", "Schedule").
 */
import { describeSpan } from "../sequencing/calendar.js";
import { describeReporting } from "../sequencing/checks/reporting.js";
import type { BodyRef } from "../sequencing/common.js";
import { indexContext, type SequencingContext } from "../sequencing/context.js";
import {
  computeMilestones,
  describeDefinition,
  describeResolution,
  type MilestoneResolution,
  resolveTimeRef,
} from "../sequencing/milestones.js";
import { joinAnd, type Names, names } from "../sequencing/names.js";
import { type Reversal, reversalVerb } from "../sequencing/reversal.js";
import { indexSnapshot, type SequencingSnapshot } from "../sequencing/snapshot.js";
import type { Precondition, Step } from "../sequencing/step.js";
import { stepSummarizer } from "../sequencing/summary.js";
import type { Annex } from "./model.js";
import { ANNEX_PREFIX_DEFAULT } from "./options.js";

const ROMAN = ["I", "II", "III", "IV", "V", "VI"];

export interface AnnexSource {
  sequencing: SequencingSnapshot;
  context: SequencingContext;
  /** termId → "Art. 3.2". */
  termLabels: ReadonlyMap<string, string>;
}

const NO_DATE = "\uffff";

/** A step's reading date: the day it is taken, else its deadline, else the day it takes effect. */
function stepDay(s: Step, resolutions: ReadonlyMap<string, MilestoneResolution>): string {
  for (const t of [s.takenAt, s.deadline, s.effectiveAt]) {
    if (!t) continue;
    const r = resolveTimeRef(t, resolutions);
    if (r.status === "date") return r.date;
    if (r.status === "bounded" && r.noEarlierThan) return r.noEarlierThan;
  }
  return NO_DATE;
}

const natural = (a: string, b: string) => a.localeCompare(b, "en", { numeric: true });

/**
 * Steps in reading order. Phases in chronological order — by the earliest day a step of the
 * phase is taken (computed from its milestones), phases with no computable day after, by name —
 * and steps without a phase last. Within a phase: the drafters' numbers first (in natural
 * order: S2 before S10), then by day, then by actor and action. Never by random ids.
 */
export function orderSteps(source: AnnexSource): Step[] {
  const resolutions = computeMilestones(source.sequencing);
  const idx = indexSnapshot(source.sequencing);
  const n = names(idx, indexContext(source.context));
  const days = new Map(source.sequencing.steps.map((s) => [s.id, stepDay(s, resolutions)]));
  const phaseDay = new Map<string, string>();
  for (const s of source.sequencing.steps) {
    if (s.phase === null) continue;
    const d = days.get(s.id) ?? NO_DATE;
    const known = phaseDay.get(s.phase);
    if (known === undefined || d < known) phaseDay.set(s.phase, d);
  }
  const actor = new Map(source.sequencing.steps.map((s) => [s.id, n.actors(s)]));
  return [...source.sequencing.steps].sort((a, b) => {
    if (a.phase !== b.phase) {
      if (a.phase === null) return 1;
      if (b.phase === null) return -1;
      return (
        (phaseDay.get(a.phase) ?? NO_DATE).localeCompare(phaseDay.get(b.phase) ?? NO_DATE) ||
        natural(a.phase, b.phase)
      );
    }
    if (a.number !== null || b.number !== null) {
      if (a.number === null) return 1;
      if (b.number === null) return -1;
      const byNumber = natural(a.number, b.number);
      if (byNumber !== 0) return byNumber;
    }
    return (
      (days.get(a.id) ?? NO_DATE).localeCompare(days.get(b.id) ?? NO_DATE) ||
      (actor.get(a.id) ?? "").localeCompare(actor.get(b.id) ?? "") ||
      a.action.localeCompare(b.action) ||
      a.id.localeCompare(b.id)
    );
  });
}

/**
 * The number of each step in the annexes: the drafters' number when set ("4" reads "S4"; "A.2"
 * stays "A.2"), otherwise S1, S2, … in reading order, skipping numbers the drafters took.
 */
export function stepNumbering(
  source: AnnexSource,
  ordered = orderSteps(source),
): Map<string, string> {
  const label = (number: string) => (/^\d+$/.test(number) ? `S${number}` : number);
  const taken = new Set(ordered.flatMap((s) => (s.number === null ? [] : [label(s.number)])));
  const out = new Map<string, string>();
  let next = 1;
  for (const s of ordered) {
    if (s.number !== null) {
      out.set(s.id, label(s.number));
      continue;
    }
    while (taken.has(`S${next}`)) next += 1;
    out.set(s.id, `S${next}`);
    taken.add(`S${next}`);
  }
  return out;
}

/**
 * A list of steps by number, in reading order, with runs of three or more consecutive steps
 * shortened: "steps S4–S14", "step S2", "steps S1, S3 and S5".
 */
export function stepList(
  ids: readonly string[],
  position: ReadonlyMap<string, number>,
  numbers: ReadonlyMap<string, string>,
  noun = true,
): string {
  const known = [...new Set(ids)].filter((id) => position.has(id));
  const missing = ids.length - known.length;
  known.sort((a, b) => position.get(a)! - position.get(b)!);
  const parts: string[] = [];
  let i = 0;
  while (i < known.length) {
    let j = i;
    while (j + 1 < known.length && position.get(known[j + 1]!)! === position.get(known[j]!)! + 1)
      j++;
    const first = numbers.get(known[i]!)!;
    const last = numbers.get(known[j]!)!;
    if (j - i >= 2) parts.push(`${first}–${last}`);
    else for (let k = i; k <= j; k++) parts.push(numbers.get(known[k]!)!);
    i = j + 1;
  }
  if (missing > 0) parts.push(missing === 1 ? "a deleted step" : `${missing} deleted steps`);
  const single = parts.length === 1 && known.length === 1;
  if (parts.length === 0) return noun ? "no steps" : "—";
  return noun ? `${single ? "step" : "steps"} ${joinAnd(parts)}` : joinAnd(parts);
}

/**
 * The context of a non-paper: every party renamed "Party A", "Party B", … in the order given, so
 * the annexes keep who does what apart without saying who anyone is. Named bodies ("The Agency")
 * are not parties and keep their names.
 */
export function withoutPartyNames(context: SequencingContext): SequencingContext {
  return {
    ...context,
    parties: context.parties.map((p, i) => ({ ...p, name: `Party ${pseudonym(i)}` })),
  };
}

/** A, B, …, Z, AA, AB, … */
function pseudonym(index: number): string {
  const letter = String.fromCharCode(65 + (index % 26));
  return index < 26 ? letter : `${pseudonym(Math.floor(index / 26) - 1)}${letter}`;
}

function bodyName(body: BodyRef, source: AnnexSource): string {
  if (body.kind === "named") return body.name;
  if (body.kind === "body") {
    return source.sequencing.bodies.find((b) => b.id === body.bodyId)?.name ?? body.bodyId;
  }
  return source.context.parties.find((p) => p.id === body.partyId)?.name ?? body.partyId;
}

export interface AnnexOptions {
  /** The word before each annex's number: "Annex" (default), "Appendix", "Schedule". */
  prefix?: string;
}

/** "Annex I", "Appendix II": the label of the annex at `index` (0-based). */
export function annexLabel(index: number, prefix = ANNEX_PREFIX_DEFAULT): string {
  return `${prefix} ${ROMAN[index] ?? String(index + 1)}`;
}

export function buildAnnexes(source: AnnexSource, options: AnnexOptions = {}): Annex[] {
  const ordered = orderSteps(source);
  const stepNumber = stepNumbering(source, ordered);
  const position = new Map(ordered.map((s, i) => [s.id, i]));
  const steps = (ids: readonly string[]) => stepList(ids, position, stepNumber);
  const resolutions = computeMilestones(source.sequencing);
  const idx = indexSnapshot(source.sequencing);
  const n = names(idx, indexContext(source.context));
  const summarize = stepSummarizer(source.sequencing, source.context, resolutions);
  const milestoneName = (id: string) => idx.milestone.get(id)?.name ?? id;
  const condition = (p: Precondition, nested: boolean): string => {
    switch (p.kind) {
      case "step":
        return `${steps([p.stepId])}`;
      case "milestone":
        return milestoneName(p.milestoneId);
      case "verification":
        return p.stepIds.length > 0
          ? `the verification report of ${n.mechanism(p.mechanismId)} on ${steps(p.stepIds)}`
          : `a report of ${n.mechanism(p.mechanismId)}`;
      case "reversal": {
        const name =
          p.source === "mechanism"
            ? n.mechanism(p.recordId)
            : (idx.guarantee.get(p.recordId)?.obligation.slice(0, 60) ?? p.recordId);
        return `the reversal under “${name}”`;
      }
      case "none-of": {
        const inner = p.of.map((c) => condition(c, true)).join(" or ");
        return `provided ${inner} has not happened`;
      }
      default: {
        const joined = p.of
          .map((c) => condition(c, true))
          .join(p.kind === "all-of" ? " and " : " or ");
        return nested && p.of.length > 1 ? `(${joined})` : joined;
      }
    }
  };
  const stepRows = ordered.map((step) => {
    const summary = summarize(step.id);
    const term = step.termId ? source.termLabels.get(step.termId) : undefined;
    const action = [
      term ? `${step.action} (${term})` : step.action,
      summary.extent,
      summary.reversedBy.length > 0
        ? `can be ${summary.reversedBy.join(", ")}`
        : step.reversible
          ? "reversible"
          : null,
    ].filter((s): s is string => s !== null);
    const when = [
      step.preconditions ? `upon ${condition(step.preconditions, false)}` : null,
      summary.timing,
      summary.deadline,
      summary.end,
    ].filter((s): s is string => s !== null);
    return [
      stepNumber.get(step.id) ?? "",
      step.phase ?? "—",
      summary.actor,
      action.join("; "),
      when.length > 0 ? when.join("; ") : "—",
      summary.verifiedBy.length > 0
        ? summary.verifiedBy.join(", ")
        : step.publicAct
          ? "Public act (no verifier needed)"
          : "—",
    ];
  });
  const mechanismRows = source.sequencing.mechanisms.map((m) => [
    m.name,
    bodyName(m.body, source),
    m.verifies,
    m.methods.length > 0 ? m.methods.join("; ") : "—",
    [
      m.reporting ? describeReporting(m.reporting, (id) => milestoneName(id)) : null,
      m.frequency || null,
      m.duration || null,
    ]
      .filter(Boolean)
      .join("; ") || "—",
    m.reportsTo.length > 0 ? m.reportsTo.map((b) => bodyName(b, source)).join(", ") : "—",
    m.confirmsStepIds.length > 0 ? stepList(m.confirmsStepIds, position, stepNumber, false) : "—",
  ]);
  const reversalText = (r: Reversal | null): string => {
    if (!r) return "—";
    const whole = r.steps.filter((s) => s.extent === "whole").map((s) => s.stepId);
    const part = r.steps.filter((s) => s.extent === "part");
    const parts = [
      whole.length > 0 ? `${reversalVerb(r.effect)} ${steps(whole)}` : null,
      part.length > 0
        ? `${reversalVerb(r.effect)} in part ${steps(part.map((s) => s.stepId))}${part.some((s) => s.note) ? ` (${part.flatMap((s) => (s.note ? [s.note] : [])).join("; ")})` : ""}`
        : null,
      r.notificationMilestoneId
        ? `started by ${milestoneName(r.notificationMilestoneId)}`
        : "no notification event named",
      r.stages.length > 0
        ? `stages: ${r.stages.map((st) => `${st.name} (${describeSpan(st.within)})`).join(", ")}`
        : null,
    ].filter((x): x is string => x !== null);
    return capitalize(parts.join("; "));
  };
  const annexes: Omit<Annex, "label">[] = [
    {
      title: "Sequencing of steps",
      columns: ["No.", "Phase", "Party", "Action", "Conditions and timing", "Verified by"],
      widths: [6, 9, 12, 28, 28, 17],
      rows: stepRows,
      emptyNote: "No sequencing steps have been recorded.",
    },
    {
      title: "Verification mechanisms",
      columns: [
        "Mechanism",
        "Verifying body",
        "Verifies",
        "Methods",
        "Frequency and duration",
        "Reports to",
        "Confirms steps",
      ],
      widths: [14, 14, 20, 16, 13, 13, 10],
      rows: mechanismRows,
      emptyNote: "No verification mechanisms have been recorded.",
    },
  ];
  if (source.sequencing.guarantees.length > 0) {
    const withReversal = source.sequencing.guarantees.some((g) => g.reversal !== null);
    annexes.push({
      title: "Guarantees",
      columns: [
        "Guarantor",
        "Beneficiary",
        "Obligation",
        "Trigger",
        "Response",
        "Nature",
        ...(withReversal ? ["Reversal"] : []),
      ],
      widths: withReversal ? [12, 12, 20, 14, 14, 8, 20] : [14, 14, 24, 20, 18, 10],
      rows: source.sequencing.guarantees.map((g) => [
        bodyName(g.guarantor, source),
        bodyName(g.beneficiary, source),
        g.obligation,
        g.trigger,
        g.response,
        g.nature === "binding" ? "Binding" : "Political",
        ...(withReversal ? [reversalText(g.reversal)] : []),
      ]),
      emptyNote: "",
    });
  }
  if (source.sequencing.milestones.length > 0) {
    annexes.push(milestoneAnnex(source, resolutions, steps, n));
  }
  return annexes.map((a, i) => ({ ...a, label: annexLabel(i, options.prefix) }));
}

const capitalize = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

/**
 * The milestone annex: each defined Day, its definition in words, and its date where it can be
 * computed ("18 October 2015"), or what it depends on. Days in chronological order (computable
 * dates first), then by name.
 */
function milestoneAnnex(
  source: AnnexSource,
  resolutions: ReadonlyMap<string, MilestoneResolution>,
  steps: (ids: readonly string[]) => string,
  n: Names,
): Omit<Annex, "label"> {
  const sortDay = (id: string): string => {
    const r = resolutions.get(id);
    if (r?.status === "date") return r.date;
    if (r?.status === "bounded") return r.noEarlierThan ?? r.noLaterThan ?? NO_DATE;
    return NO_DATE;
  };
  const ordered = [...source.sequencing.milestones].sort(
    (a, b) => sortDay(a.id).localeCompare(sortDay(b.id)) || natural(a.name, b.name),
  );
  return {
    title: "Milestones",
    columns: ["Day", "Definition", "Date"],
    widths: [24, 46, 30],
    rows: ordered.map((m) => {
      const r = resolutions.get(m.id);
      return [
        m.name,
        capitalize(
          describeDefinition(m.definition, {
            milestone: n.milestone,
            mechanism: n.mechanism,
            steps,
          }),
        ),
        r ? capitalize(describeResolution(r, n.milestone)) : "—",
      ];
    }),
    emptyNote: "",
  };
}
