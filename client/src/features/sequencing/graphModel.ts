/**
 * The sequencing graph as plain data: which steps and milestones to draw (all, or one proposal's),
 * in which column (phases, with milestones in the gaps between them), which edges connect them
 * (dependencies, milestones, verification reports, simultaneity), and which of them a check flags
 * (cycle edges, problem badges) or the person highlighted. Pure: layout and React come after.
 *
 * Edges always run from what comes first to what waits for it (prerequisite → dependent), so the
 * graph reads left to right in time; an edge that runs backwards is part of a cycle.
 */
import {
  definitionSpan,
  describeResolution,
  describeSpan,
  isZeroSpan,
  type MilestoneDefinition,
  preconditionLeaves,
  reversalVerb,
  type SequencingProblem,
  type Severity,
  type Span,
  type Step,
  stepActors,
  summarizeStep,
  timeRefSpan,
} from "@parley/shared/sequencing/index";
import { actorsShort } from "./choices.js";
import { partyColour } from "./frameworkContext.js";
import type { SequencingState } from "./sequencingStore.js";

export type GraphItemRef = { kind: "step" | "milestone"; id: string };

export interface PhaseColumn {
  /** The phase label, or null for the steps without a phase. */
  phase: string | null;
  label: string;
  partition: number;
  stepIds: string[];
}

export interface StepGraphNode {
  kind: "step";
  id: string;
  partition: number;
  phase: string | null;
  actorName: string;
  actorShortName: string;
  colour: string;
  action: string;
  /** "taken on Implementation Day + 30 days", null without a time. */
  timing: string | null;
  deadline: string | null;
  verifiedBy: string[];
  reversible: boolean;
  /** The drafters' number ("4", "S4"), or null. */
  number: string | null;
  /** Several actors acting jointly. */
  joint: boolean;
  /** A body (not a negotiating party) among the actors. */
  byBody: boolean;
  /** The side of the lead party ("E3/EU+3"), or null. */
  side: string | null;
  /** "until Termination Day (sunset)", "for 10 years", "no end"; null when not said. */
  end: string | null;
  /** "in whole or in part", "up to 300 tonnes"; null for the whole step. */
  extent: string | null;
  publicAct: boolean;
  /** "suspended by Snapback (in part)": the reversals that name this step. */
  reversedBy: string[];
  /** Worst severity of the problems involving this step. */
  severity: Severity | null;
  highlighted: boolean;
  dimmed: boolean;
}

export interface MilestoneGraphNode {
  kind: "milestone";
  id: string;
  partition: number;
  name: string;
  /** "2026-01-16", "depends on event “IAEA report”", "cannot be computed: …". */
  when: string;
  definition: MilestoneDefinition["kind"];
  severity: Severity | null;
  highlighted: boolean;
  dimmed: boolean;
}

export type GraphNode = StepGraphNode | MilestoneGraphNode;

export type EdgeKind =
  /** The target step waits for the source step (a precondition). */
  | "depends"
  /** The target waits for a verification report of the source step. */
  | "verification"
  /** The target step waits for (or is timed from) the source milestone; or a milestone is defined from another. */
  | "milestone"
  /** Claimed to happen at the same time (drawn, not laid out). */
  | "simultaneous"
  /** A notification milestone starts the reversal of the target step (drawn, not laid out). */
  | "reversal"
  /** The target milestone ends the source step: a sunset (drawn, not laid out). */
  | "ends";

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  kind: EdgeKind;
  /** Only an alternative (`any-of` of several): the target could go ahead on another branch. */
  alternative: boolean;
  /** "Provided … has not happened": the target waits for the source NOT to happen. */
  negated: boolean;
  label: string | null;
  /** Severity of the dependency cycle this edge is part of, or null. */
  cycle: Severity | null;
  highlighted: boolean;
}

export interface GraphModel {
  columns: PhaseColumn[];
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface GraphOptions {
  /** Show only this proposal's steps (and the milestones they connect to); null: every step. */
  proposalId: string | null;
  /** The items to highlight (from a problem the person clicked); null: none. */
  highlight: readonly GraphItemRef[] | null;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function worst(problems: readonly SequencingProblem[], kind: string, id: string): Severity | null {
  let out: Severity | null = null;
  for (const p of problems) {
    if (!p.involved.some((i) => i.kind === kind && i.id === id)) continue;
    if (out === null || SEVERITY_RANK[p.severity] < SEVERITY_RANK[out]) out = p.severity;
  }
  return out;
}

/** Phases in reading order: natural sort ("Phase 2" before "Phase 10"), steps without a phase last. */
export function orderPhases(steps: readonly Pick<Step, "phase">[]): (string | null)[] {
  const named = [...new Set(steps.flatMap((s) => (s.phase === null ? [] : [s.phase])))].sort(
    (a, b) => a.localeCompare(b, undefined, { numeric: true, sensitivity: "base" }),
  );
  return steps.some((s) => s.phase === null) ? [...named, null] : named;
}

/** The steps of a proposal (all steps when `proposalId` is null or unknown). */
export function visibleSteps(state: SequencingState, proposalId: string | null): Step[] {
  const proposal = state.snapshot.proposals.find((p) => p.id === proposalId);
  if (!proposal) return state.snapshot.steps;
  const ids = new Set(proposal.stepIds);
  return state.snapshot.steps.filter((s) => ids.has(s.id));
}

/** "+30 d", "+10 y", "−1 m 5 d": a short offset for an edge label; null for none. */
export function offsetLabel(span: Span, before = false): string | null {
  if (isZeroSpan(span)) return null;
  const parts = [
    span.years ? `${span.years} y` : "",
    span.months ? `${span.months} m` : "",
    span.days ? `${span.days} d` : "",
  ].filter(Boolean);
  return `${before ? "−" : "+"}${parts.join(" ")}`;
}

/** Every edge among the records, before filtering by what is visible. */
function allEdges(state: SequencingState): Omit<GraphEdge, "cycle" | "highlighted">[] {
  const { snapshot } = state;
  const mechanismName = new Map(snapshot.mechanisms.map((m) => [m.id, m.name]));
  const out = new Map<string, Omit<GraphEdge, "cycle" | "highlighted">>();
  const add = (
    source: string,
    target: string,
    kind: EdgeKind,
    alternative: boolean,
    label: string | null,
    negated = false,
  ) => {
    const id = `${kind}${negated ? "-not" : ""}:${source}->${target}`;
    const existing = out.get(id);
    // Hard wins over alternative when both exist.
    if (existing) existing.alternative = existing.alternative && alternative;
    else out.set(id, { id, source, target, kind, alternative, negated, label });
  };
  const reversalOf = (source: "guarantee" | "mechanism", id: string) =>
    source === "guarantee"
      ? snapshot.guarantees.find((g) => g.id === id)?.reversal
      : snapshot.mechanisms.find((m) => m.id === id)?.reversal;
  for (const step of snapshot.steps) {
    for (const { leaf, alternative, negated } of preconditionLeaves(step.preconditions)) {
      const unless = negated ? "unless" : null;
      if (leaf.kind === "step") add(leaf.stepId, step.id, "depends", alternative, unless, negated);
      else if (leaf.kind === "milestone") {
        add(leaf.milestoneId, step.id, "milestone", alternative, unless, negated);
      } else if (leaf.kind === "verification") {
        const label = `${negated ? "unless " : ""}verified by ${mechanismName.get(leaf.mechanismId) ?? leaf.mechanismId}`;
        for (const s of leaf.stepIds) add(s, step.id, "verification", alternative, label, negated);
      } else if (leaf.kind === "reversal") {
        // Waiting for a reversal: drawn from the notification that starts it, when named.
        const from = reversalOf(leaf.source, leaf.recordId)?.notificationMilestoneId;
        const label = negated ? "unless reversed" : "if reversed";
        if (from) add(from, step.id, "milestone", alternative, label, negated);
      }
    }
    if (step.end?.kind === "until") add(step.id, step.end.milestoneId, "ends", false, "ends");
    if (step.takenAt && !out.has(`milestone:${step.takenAt.milestoneId}->${step.id}`)) {
      add(
        step.takenAt.milestoneId,
        step.id,
        "milestone",
        false,
        offsetLabel(timeRefSpan(step.takenAt), step.takenAt.before),
      );
    }
    for (const other of step.simultaneousWith) {
      const [a, b] = [step.id, other].sort() as [string, string];
      add(a, b, "simultaneous", false, "simultaneous");
    }
  }
  for (const records of [snapshot.guarantees, snapshot.mechanisms]) {
    for (const r of records) {
      const from = r.reversal?.notificationMilestoneId;
      if (!r.reversal || !from) continue;
      for (const s of r.reversal.steps) {
        const label = `${reversalVerb(r.reversal.effect)}${s.extent === "part" ? " in part" : ""}`;
        add(from, s.stepId, "reversal", false, label);
      }
    }
  }
  for (const m of snapshot.milestones) {
    const def = m.definition;
    if (def.kind === "offset") {
      add(
        def.fromMilestoneId,
        m.id,
        "milestone",
        false,
        offsetLabel(definitionSpan(def), def.before),
      );
    } else if (def.kind === "earlier-of" || def.kind === "later-of") {
      const label = def.kind === "earlier-of" ? "earlier of" : "later of";
      add(def.firstId, m.id, "milestone", def.kind === "earlier-of", label);
      add(def.secondId, m.id, "milestone", def.kind === "earlier-of", label);
    } else if (def.kind === "event" && def.event.type === "verification-report") {
      const label = `verified by ${mechanismName.get(def.event.mechanismId) ?? def.event.mechanismId}`;
      for (const s of def.event.stepIds) add(s, m.id, "verification", false, label);
    }
  }
  return [...out.values()];
}

/**
 * Column (ELK partition) of every node: phase i holds partition 2i+1; a milestone sits in the gap
 * after the last step it waits for, or before the first step that waits for it, or with the
 * milestone it is defined from.
 */
export function assignPartitions(
  steps: readonly Step[],
  milestoneIds: readonly string[],
  edges: readonly Pick<GraphEdge, "source" | "target" | "kind">[],
): { columns: PhaseColumn[]; partition: Map<string, number> } {
  const phases = orderPhases(steps);
  const columns: PhaseColumn[] = phases.map((phase, i) => ({
    phase,
    label: phase ?? "No phase",
    partition: 2 * i + 1,
    stepIds: steps.filter((s) => s.phase === phase).map((s) => s.id),
  }));
  const partition = new Map<string, number>();
  for (const c of columns) for (const id of c.stepIds) partition.set(id, c.partition);
  const milestones = new Set(milestoneIds);
  const laid = edges.filter((e) => orders(e.kind));
  const resolve = (id: string, visiting: Set<string>): number => {
    const known = partition.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return 0;
    visiting.add(id);
    const preds = laid.filter((e) => e.target === id).map((e) => e.source);
    const stepPreds = preds.filter((p) => !milestones.has(p) && partition.has(p));
    let p: number;
    if (stepPreds.length > 0) p = Math.max(...stepPreds.map((s) => partition.get(s)!)) + 1;
    else {
      const basePreds = preds.filter((x) => milestones.has(x));
      if (basePreds.length > 0) p = Math.max(...basePreds.map((b) => resolve(b, visiting)));
      else {
        const succ = laid
          .filter((e) => e.source === id && !milestones.has(e.target) && partition.has(e.target))
          .map((e) => partition.get(e.target)!);
        p = succ.length > 0 ? Math.max(0, Math.min(...succ) - 1) : 0;
      }
    }
    visiting.delete(id);
    partition.set(id, p);
    return p;
  };
  for (const id of milestoneIds) resolve(id, new Set());
  return { columns, partition };
}

/** Whether an edge kind orders the graph (places nodes in time); the others are only drawn. */
export function orders(kind: EdgeKind): boolean {
  return kind !== "simultaneous" && kind !== "reversal" && kind !== "ends";
}

/** Marks the edges that make up each dependency cycle (directly, or through one milestone). */
function markCycles(
  edges: GraphEdge[],
  problems: readonly SequencingProblem[],
  milestones: ReadonlySet<string>,
): void {
  for (const problem of problems) {
    if (problem.code !== "dependency-cycle" || !problem.path) continue;
    const path = problem.path;
    path.forEach((waiter, i) => {
      const waitedFor = path[(i + 1) % path.length]!;
      const direct = edges.filter(
        (e) =>
          e.source === waitedFor &&
          e.target === waiter &&
          (e.kind === "depends" || e.kind === "verification"),
      );
      const via =
        direct.length > 0
          ? []
          : edges.filter(
              (e) =>
                (e.source === waitedFor &&
                  milestones.has(e.target) &&
                  edges.some((f) => f.source === e.target && f.target === waiter)) ||
                (e.target === waiter &&
                  milestones.has(e.source) &&
                  edges.some((f) => f.source === waitedFor && f.target === e.source)),
            );
      for (const e of [...direct, ...via]) {
        if (e.cycle === null || SEVERITY_RANK[problem.severity] < SEVERITY_RANK[e.cycle]) {
          e.cycle = problem.severity;
        }
      }
    });
  }
}

export function buildGraph(state: SequencingState, options: GraphOptions): GraphModel {
  const { snapshot, context, sequencingContext, resolutions, problems } = state;
  const steps = visibleSteps(state, options.proposalId);
  const stepIds = new Set(steps.map((s) => s.id));
  const every = allEdges(state);
  const milestoneById = new Map(snapshot.milestones.map((m) => [m.id, m]));

  // Milestones: all of them for the whole framework; for a proposal, those linked to its steps
  // and the milestones they are defined from.
  let milestoneIds: string[];
  if (options.proposalId === null || !snapshot.proposals.some((p) => p.id === options.proposalId)) {
    milestoneIds = snapshot.milestones.map((m) => m.id);
  } else {
    const keep = new Set<string>();
    for (const e of every) {
      if (stepIds.has(e.target) && milestoneById.has(e.source)) keep.add(e.source);
      if (stepIds.has(e.source) && milestoneById.has(e.target)) keep.add(e.target);
    }
    const stack = [...keep];
    while (stack.length > 0) {
      const id = stack.pop()!;
      for (const e of every) {
        if (e.target === id && milestoneById.has(e.source) && !keep.has(e.source)) {
          keep.add(e.source);
          stack.push(e.source);
        }
      }
    }
    milestoneIds = snapshot.milestones.filter((m) => keep.has(m.id)).map((m) => m.id);
  }
  const present = new Set([...stepIds, ...milestoneIds]);
  const highlighted = new Set((options.highlight ?? []).map((h) => `${h.kind}:${h.id}`));
  const isHighlighted = (kind: string, id: string) => highlighted.has(`${kind}:${id}`);
  const dimming = highlighted.size > 0;

  const edges: GraphEdge[] = every
    .filter((e) => present.has(e.source) && present.has(e.target))
    .map((e) => ({
      ...e,
      cycle: null,
      highlighted:
        (highlighted.has(`step:${e.source}`) || highlighted.has(`milestone:${e.source}`)) &&
        (highlighted.has(`step:${e.target}`) || highlighted.has(`milestone:${e.target}`)),
    }));
  markCycles(edges, problems, new Set(milestoneIds));

  const { columns, partition } = assignPartitions(steps, milestoneIds, edges);
  const milestoneName = (id: string) => milestoneById.get(id)?.name ?? id;
  const nodes: GraphNode[] = [];
  for (const step of steps) {
    const summary = summarizeStep(step.id, snapshot, sequencingContext, resolutions);
    const actors = stepActors(step);
    const lead = actors[0];
    const leadParty = lead?.kind === "party" ? lead.partyId : null;
    const lit = isHighlighted("step", step.id);
    const reversedBy = reversalsOf(state, step.id);
    nodes.push({
      kind: "step",
      id: step.id,
      partition: partition.get(step.id)!,
      phase: step.phase,
      actorName: summary.actor,
      actorShortName: actorsShort(state, step),
      colour: leadParty ? partyColour(context, leadParty) : BODY_COLOUR,
      action: step.action,
      timing: summary.timing,
      deadline: summary.deadline,
      verifiedBy: summary.verifiedBy,
      reversible: step.reversible || reversedBy.length > 0,
      number: step.number,
      joint: actors.length > 1,
      byBody: actors.some((a) => a.kind === "body"),
      side: leadParty
        ? (snapshot.sides.find((x) => x.partyIds.includes(leadParty))?.name ?? null)
        : null,
      end: endLabel(step, milestoneName),
      extent: extentLabel(step),
      publicAct: step.publicAct,
      reversedBy,
      severity: worst(problems, "step", step.id),
      highlighted: lit,
      dimmed: dimming && !lit,
    });
  }
  for (const id of milestoneIds) {
    const m = milestoneById.get(id)!;
    const resolution = resolutions.get(id);
    const lit = isHighlighted("milestone", id);
    nodes.push({
      kind: "milestone",
      id,
      partition: partition.get(id)!,
      name: m.name,
      when: resolution ? describeResolution(resolution, milestoneName) : "",
      definition: m.definition.kind,
      severity: worst(problems, "milestone", id),
      highlighted: lit,
      dimmed: dimming && !lit,
    });
  }
  return { columns, nodes, edges };
}

/** Steps acted by bodies only are drawn in this neutral slate. */
export const BODY_COLOUR = "#475569";

/** "until Termination Day (sunset)", "for 10 years", "no end"; null when not said. */
export function endLabel(
  step: Pick<Step, "end">,
  milestoneName: (id: string) => string,
): string | null {
  const end = step.end;
  if (end === null) return null;
  switch (end.kind) {
    case "none":
      return "no end";
    case "until":
      return `until ${milestoneName(end.milestoneId)}`;
    case "duration":
      return `for ${describeSpan(end.duration)}`;
  }
}

/** "in whole or in part", "up to 300 tonnes"; null for the whole step. */
export function extentLabel(step: Pick<Step, "extent">): string | null {
  const extent = step.extent;
  if (extent === null) return null;
  if (extent.kind === "whole-or-part") return "in whole or in part";
  const amount = extent.amount.toLocaleString("en-GB");
  return `${extent.upTo ? "up to " : ""}${amount} ${extent.unit}`;
}

/** "suspended by Snapback guarantee (in part)": every reversal that names the step. */
export function reversalsOf(state: SequencingState, stepId: string): string[] {
  const out: string[] = [];
  const PAST = { suspend: "suspended", reinstate: "reinstated", terminate: "terminated" } as const;
  const clip = (t: string) => (t.length > 40 ? `${t.slice(0, 39)}…` : t);
  for (const g of state.snapshot.guarantees) {
    const s = g.reversal?.steps.find((x) => x.stepId === stepId);
    if (g.reversal && s)
      out.push(
        `${PAST[g.reversal.effect]} by ${clip(g.obligation)}${s.extent === "part" ? " (in part)" : ""}`,
      );
  }
  for (const m of state.snapshot.mechanisms) {
    const s = m.reversal?.steps.find((x) => x.stepId === stepId);
    if (m.reversal && s)
      out.push(`${PAST[m.reversal.effect]} by ${m.name}${s.extent === "part" ? " (in part)" : ""}`);
  }
  return out;
}
