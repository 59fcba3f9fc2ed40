/**
 * The annexes: the sequencing steps (Annex I), the verification mechanisms (Annex II) and, when
 * there are any, the guarantees (Annex III), as plain tables of text every renderer can draw.
 */
import type { BodyRef } from "../sequencing/common.js";
import type { SequencingContext } from "../sequencing/context.js";
import { computeMilestones, resolveTimeRef } from "../sequencing/milestones.js";
import type { SequencingSnapshot } from "../sequencing/snapshot.js";
import type { Step } from "../sequencing/step.js";
import { stepSummarizer } from "../sequencing/summary.js";
import type { Annex } from "./model.js";

const ROMAN = ["I", "II", "III", "IV", "V", "VI"];

export interface AnnexSource {
  sequencing: SequencingSnapshot;
  context: SequencingContext;
  /** termId → "Art. 3.2". */
  termLabels: ReadonlyMap<string, string>;
}

function phaseKey(phase: string | null): string {
  return phase ?? "\uffff";
}

/** Steps in reading order: by phase, then by the day they are taken when known, then by party. */
export function orderSteps(source: AnnexSource): Step[] {
  const resolutions = computeMilestones(source.sequencing);
  // Looked up once per step, not once per comparison.
  const names = new Map(source.context.parties.map((p) => [p.id, p.name]));
  const partyName = (id: string) => names.get(id) ?? id;
  const days = new Map<Step, string>();
  const day = (s: Step): string => {
    let found = days.get(s);
    if (found === undefined) {
      const r = s.takenAt ? resolveTimeRef(s.takenAt, resolutions) : null;
      found = r?.status === "date" ? r.date : "\uffff";
      days.set(s, found);
    }
    return found;
  };
  return [...source.sequencing.steps].sort(
    (a, b) =>
      phaseKey(a.phase).localeCompare(phaseKey(b.phase), "en", { numeric: true }) ||
      day(a).localeCompare(day(b)) ||
      partyName(a.actorPartyId ?? "").localeCompare(partyName(b.actorPartyId ?? "")) ||
      a.id.localeCompare(b.id),
  );
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

export function buildAnnexes(source: AnnexSource): Annex[] {
  const ordered = orderSteps(source);
  const stepNumber = new Map(ordered.map((s, i) => [s.id, `S${i + 1}`]));
  const resolutions = computeMilestones(source.sequencing);
  const summarize = stepSummarizer(source.sequencing, source.context, resolutions);
  const stepRows = ordered.map((step) => {
    const summary = summarize(step.id);
    const term = step.termId ? source.termLabels.get(step.termId) : undefined;
    const when = [summary.conditions, summary.timing, summary.deadline].filter(
      (s): s is string => s !== null,
    );
    return [
      stepNumber.get(step.id) ?? "",
      step.phase ?? "—",
      summary.actor,
      term ? `${step.action} (${term})` : step.action,
      when.length > 0 ? when.join("; ") : "—",
      summary.verifiedBy.length > 0 ? summary.verifiedBy.join(", ") : "—",
    ];
  });
  const mechanismRows = source.sequencing.mechanisms.map((m) => [
    m.name,
    bodyName(m.body, source),
    m.verifies,
    m.methods.length > 0 ? m.methods.join("; ") : "—",
    [m.frequency, m.duration].filter(Boolean).join("; ") || "—",
    m.reportsTo.length > 0 ? m.reportsTo.map((b) => bodyName(b, source)).join(", ") : "—",
    m.confirmsStepIds.map((id) => stepNumber.get(id) ?? "(deleted step)").join(", ") || "—",
  ]);
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
    annexes.push({
      title: "Guarantees",
      columns: ["Guarantor", "Beneficiary", "Obligation", "Trigger", "Response", "Nature"],
      widths: [14, 14, 24, 20, 18, 10],
      rows: source.sequencing.guarantees.map((g) => [
        bodyName(g.guarantor, source),
        bodyName(g.beneficiary, source),
        g.obligation,
        g.trigger,
        g.response,
        g.nature === "binding" ? "Binding" : "Political",
      ]),
      emptyNote: "",
    });
  }
  return annexes.map((a, i) => ({ ...a, label: `Annex ${ROMAN[i] ?? String(i + 1)}` }));
}
