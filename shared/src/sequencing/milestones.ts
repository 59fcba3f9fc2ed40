/**
 * Milestone computation: each milestone resolves to a date where that is computable (fixed dates,
 * offset chains, earlier-of / later-of of computable milestones), to a bound where only one side
 * of an earlier-of / later-of is computable ("no later than 2034-10-18, earlier if the broader
 * conclusion comes first"), to "depends on event X" where an event decides, and to "cannot be
 * computed" for cyclic definitions and references to deleted milestones.
 */
import { formatDate } from "../format/dates.js";
import { type CalendarSpan, dayNumber, dayString, describeOffset, shiftDay } from "./calendar.js";
import { type TimeRef, timeRefSpan } from "./common.js";
import { elementaryCycles } from "./graph.js";
import {
  definitionSpan,
  type Milestone,
  type MilestoneDefinition,
  milestoneBaseIds,
} from "./milestone.js";
import type { SequencingSnapshot } from "./snapshot.js";

export type MilestoneResolution =
  /** Known day, `YYYY-MM-DD`. */
  | { status: "date"; date: string }
  /**
   * Depends on events (the ids of the event milestones in `waitsFor`), but bounded on one or
   * both sides by computable dates (earlier-of / later-of where only one side is computable).
   */
  | {
      status: "bounded";
      noEarlierThan: string | null;
      noLaterThan: string | null;
      waitsFor: string[];
      /** Whether the bound comes from an earlier-of (the date or the events, whichever first) or a later-of. */
      rule?: "earlier-of" | "later-of";
    }
  /** Depends on events only (ids of the event milestones in `waitsFor`). */
  | { status: "event"; waitsFor: string[] }
  /** On a cyclic definition (`onCycle`) or defined from one; `cycle` is the milestone ids. */
  | { status: "cyclic"; cycle: string[]; onCycle: boolean }
  /** Defined from a milestone that does not exist (deleted, possibly concurrently). */
  | { status: "dangling"; missingId: string };

interface Span {
  lo: number | null;
  hi: number | null;
  waits: string[];
  rule?: "earlier-of" | "later-of";
}

function toResolution(s: Span): MilestoneResolution {
  if (s.lo !== null && s.lo === s.hi) return { status: "date", date: dayString(s.lo) };
  const waitsFor = [...new Set(s.waits)].sort();
  if (s.lo === null && s.hi === null) return { status: "event", waitsFor };
  return {
    status: "bounded",
    noEarlierThan: s.lo === null ? null : dayString(s.lo),
    noLaterThan: s.hi === null ? null : dayString(s.hi),
    waitsFor,
    ...(s.rule ? { rule: s.rule } : {}),
  };
}

function toSpan(r: MilestoneResolution): Span | null {
  switch (r.status) {
    case "date":
      return { lo: dayNumber(r.date), hi: dayNumber(r.date), waits: [] };
    case "event":
      return { lo: null, hi: null, waits: r.waitsFor };
    case "bounded":
      return {
        lo: r.noEarlierThan === null ? null : dayNumber(r.noEarlierThan),
        hi: r.noLaterThan === null ? null : dayNumber(r.noLaterThan),
        waits: r.waitsFor,
        ...(r.rule ? { rule: r.rule } : {}),
      };
    default:
      return null;
  }
}

const shift = (v: number | null, span: CalendarSpan, before: boolean) =>
  v === null ? null : shiftDay(v, span, before);
/** Min where null means "unknown, could be any day": the min is unknown if either is, for a lower bound. */
const minLo = (a: number | null, b: number | null) =>
  a === null || b === null ? null : Math.min(a, b);
const minHi = (a: number | null, b: number | null) =>
  a === null ? b : b === null ? a : Math.min(a, b);
const maxLo = (a: number | null, b: number | null) =>
  a === null ? b : b === null ? a : Math.max(a, b);
const maxHi = (a: number | null, b: number | null) =>
  a === null || b === null ? null : Math.max(a, b);

/** Resolves every milestone of the snapshot, keyed by milestone id. */
export function computeMilestones(snapshot: SequencingSnapshot): Map<string, MilestoneResolution> {
  const byId = new Map(snapshot.milestones.map((m) => [m.id, m]));
  const result = new Map<string, MilestoneResolution>();
  const { cycles } = milestoneCycles(snapshot);
  for (const cycle of cycles) {
    for (const id of cycle)
      if (!result.has(id)) result.set(id, { status: "cyclic", cycle, onCycle: true });
  }
  const resolve = (id: string, visiting: Set<string>): MilestoneResolution => {
    const done = result.get(id);
    if (done) return done;
    const m = byId.get(id);
    if (!m) return { status: "dangling", missingId: id };
    if (visiting.has(id)) return { status: "cyclic", cycle: [...visiting], onCycle: true };
    visiting.add(id);
    const r = resolveDefinition(m, (base) => resolve(base, visiting));
    visiting.delete(id);
    result.set(id, r);
    return r;
  };
  for (const m of snapshot.milestones) resolve(m.id, new Set());
  return result;
}

function resolveDefinition(
  m: Milestone,
  resolve: (id: string) => MilestoneResolution,
): MilestoneResolution {
  const def = m.definition;
  switch (def.kind) {
    case "fixed":
      return { status: "date", date: def.date };
    case "event":
      return { status: "event", waitsFor: [m.id] };
    case "offset": {
      const base = resolve(def.fromMilestoneId);
      const span = toSpan(base);
      if (!span) return inherit(base);
      const by = definitionSpan(def);
      return toResolution({
        ...span,
        lo: shift(span.lo, by, def.before === true),
        hi: shift(span.hi, by, def.before === true),
      });
    }
    case "earlier-of":
    case "later-of": {
      const a = resolve(def.firstId);
      const b = resolve(def.secondId);
      const sa = toSpan(a);
      const sb = toSpan(b);
      if (!sa) return inherit(a);
      if (!sb) return inherit(b);
      const earlier = def.kind === "earlier-of";
      return toResolution({
        lo: earlier ? minLo(sa.lo, sb.lo) : maxLo(sa.lo, sb.lo),
        hi: earlier ? minHi(sa.hi, sb.hi) : maxHi(sa.hi, sb.hi),
        waits: [...sa.waits, ...sb.waits],
        rule: def.kind,
      });
    }
  }
}

function inherit(base: MilestoneResolution): MilestoneResolution {
  return base.status === "cyclic" ? { ...base, onCycle: false } : base;
}

/** Elementary cycles among milestone definitions (offset / earlier-of / later-of bases). */
export function milestoneCycles(snapshot: SequencingSnapshot) {
  const byId = new Map(snapshot.milestones.map((m) => [m.id, m]));
  return elementaryCycles([...byId.keys()], (id) => {
    const m = byId.get(id);
    return m ? milestoneBaseIds(m.definition) : [];
  });
}

/** The resolution of "milestone + offset" (when a step is taken, takes effect, its deadline). */
export function resolveTimeRef(
  ref: TimeRef,
  resolutions: ReadonlyMap<string, MilestoneResolution>,
): MilestoneResolution {
  const base = resolutions.get(ref.milestoneId) ?? {
    status: "dangling",
    missingId: ref.milestoneId,
  };
  const span = toSpan(base);
  if (!span) return base;
  const by = timeRefSpan(ref);
  return toResolution({
    ...span,
    lo: shift(span.lo, by, ref.before === true),
    hi: shift(span.hi, by, ref.before === true),
  });
}

/**
 * A person-readable account of a resolution: "16 January 2026", "depends on event “IAEA report”",
 * "no later than 18 October 2023 (the earlier of 18 October 2023 or “Broader conclusion”)",
 * "no earlier than 18 October 2016 (the later of 18 October 2016 and “Ratification”)",
 * "cannot be computed: cyclic definition (A → B → A)".
 */
export function describeResolution(
  r: MilestoneResolution,
  milestoneName: (id: string) => string,
): string {
  const events = (ids: string[]) => ids.map((id) => `“${milestoneName(id)}”`).join(" and ");
  switch (r.status) {
    case "date":
      return formatDate(r.date);
    case "event":
      return `depends on event ${events(r.waitsFor)}`;
    case "bounded": {
      const quoted = r.waitsFor.map((id) => `“${milestoneName(id)}”`);
      if (r.noEarlierThan && r.noLaterThan) {
        return `between ${formatDate(r.noEarlierThan)} and ${formatDate(r.noLaterThan)}, depending on event ${events(r.waitsFor)}`;
      }
      if (r.noLaterThan) {
        const date = formatDate(r.noLaterThan);
        return `no later than ${date} (${earlierOf([date, ...quoted])})`;
      }
      const date = formatDate(r.noEarlierThan ?? "");
      return `no earlier than ${date} (${laterOf([date, ...quoted])})`;
    }
    case "cyclic": {
      const path = [...r.cycle, r.cycle[0]!].map(milestoneName).join(" → ");
      return r.onCycle
        ? `cannot be computed: cyclic definition (${path})`
        : `cannot be computed: depends on a cyclic definition (${path})`;
    }
    case "dangling":
      return `cannot be computed: refers to a deleted milestone “${r.missingId}”`;
  }
}

function list(items: string[], last: string): string {
  return items.length <= 1
    ? (items[0] ?? "")
    : `${items.slice(0, -1).join(", ")} ${last} ${items[items.length - 1]}`;
}

/** "the earlier of A or B" (", " between more than two: "the earlier of A, B or C"). */
export function earlierOf(items: string[]): string {
  return `the earlier of ${list(items, "or")}`;
}

/** "the later of A and B". */
export function laterOf(items: string[]): string {
  return `the later of ${list(items, "and")}`;
}

/** How a caller names things in a milestone's definition. */
export interface DefinitionNames {
  milestone(id: string): string;
  mechanism(id: string): string;
  /** A list of steps, e.g. "steps S4–S14". */
  steps(ids: readonly string[]): string;
}

/**
 * A milestone's definition in words, for the milestone annex and the forms: "18 October 2015",
 * "Adoption Day + 90 days", "30 days before Transition Day", "the day “IAEA monitoring” reports
 * that it has verified steps S4–S14", "the earlier of “A” or “B”", "the later of “A” and “B”".
 */
export function describeDefinition(def: MilestoneDefinition, n: DefinitionNames): string {
  const quoted = (id: string) => `“${n.milestone(id)}”`;
  switch (def.kind) {
    case "fixed":
      return formatDate(def.date);
    case "offset":
      return describeOffset(quoted(def.fromMilestoneId), definitionSpan(def), def.before === true);
    case "event":
      return def.event.type === "external"
        ? def.event.description
        : def.event.stepIds.length > 0
          ? `the day “${n.mechanism(def.event.mechanismId)}” reports that it has verified ${n.steps(def.event.stepIds)}`
          : `the day “${n.mechanism(def.event.mechanismId)}” reports`;
    case "earlier-of":
      return earlierOf([quoted(def.firstId), quoted(def.secondId)]);
    case "later-of":
      return laterOf([quoted(def.firstId), quoted(def.secondId)]);
  }
}

/** "Implementation Day", "Implementation Day + 1 year", "30 days before Transition Day". */
export function describeTimeRef(t: TimeRef, milestoneName: (id: string) => string): string {
  return describeOffset(milestoneName(t.milestoneId), timeRefSpan(t), t.before === true);
}
