/**
 * The stance matrix: terms × parties, each cell the party's stance on the term (with its
 * condition), each row summarised. Pure: build the inputs with `listTerms(editor.getJSON())`,
 * `listParties(frameworkDoc)` and `readStances(discussionDoc)`.
 *
 * Row summary, in order of precedence:
 * - `blocked`: at least one party rejects the term;
 * - `incomplete`: no rejection, but a party has not stated a stance (or its stored stance is
 *   invalid);
 * - `conditions`: everyone accepts, at least one with conditions (a compromise is in reach);
 * - `allAccept`: every party accepts outright.
 * A term with no voting party at all is `incomplete`.
 */
import type { Checked } from "../model/attr.js";
import type { TermPlace } from "../model/documentJson.js";
import type { Party, PartyRole } from "../model/party.js";
import type { StanceRecord, StoredStance } from "../model/stance.js";
import type { Stance, TermCategory } from "../model/vocabulary.js";

export type StanceCell =
  | {
      kind: "stance";
      stance: Stance;
      condition: string | null;
      by: StanceRecord["by"] | null;
      at: string | null;
    }
  | { kind: "invalid"; raw: unknown; message: string };

export type RowSummary = "allAccept" | "conditions" | "blocked" | "incomplete";

export interface StanceRow {
  termId: string;
  label: string;
  category: Checked<TermCategory>;
  text: string;
  /** partyId → cell, for every column party. */
  cells: Record<string, StanceCell>;
  summary: RowSummary;
}

export interface StanceMatrix {
  /** Column parties, in the order given. */
  parties: Party[];
  rows: StanceRow[];
  totals: Record<RowSummary, number>;
}

/** Roles whose stance counts by default: the negotiating parties and the guarantors. */
export const DEFAULT_STANCE_ROLES: readonly PartyRole[] = ["party", "guarantor"];

const NOT_STATED: StanceCell = {
  kind: "stance",
  stance: "notStated",
  condition: null,
  by: null,
  at: null,
};

export function summariseRow(cells: readonly StanceCell[]): RowSummary {
  if (cells.length === 0) return "incomplete";
  if (cells.some((c) => c.kind === "stance" && c.stance === "rejects")) return "blocked";
  if (cells.some((c) => c.kind === "invalid" || c.stance === "notStated")) return "incomplete";
  if (cells.some((c) => c.kind === "stance" && c.stance === "acceptsWithConditions"))
    return "conditions";
  return "allAccept";
}

export function buildStanceMatrix(input: {
  terms: readonly TermPlace[];
  parties: readonly Party[];
  stances: readonly StoredStance[];
  /** Which roles get a column (default `DEFAULT_STANCE_ROLES`); removed parties never do. */
  roles?: readonly PartyRole[];
}): StanceMatrix {
  const roles = input.roles ?? DEFAULT_STANCE_ROLES;
  const parties = input.parties.filter((p) => p.removedAt === null && roles.includes(p.role));
  const byKey = new Map<string, StoredStance>();
  for (const s of input.stances) byKey.set(`${s.termId}:${s.partyId}`, s);
  const totals: Record<RowSummary, number> = {
    allAccept: 0,
    conditions: 0,
    blocked: 0,
    incomplete: 0,
  };
  const rows: StanceRow[] = [];
  const seen = new Set<string>();
  for (const term of input.terms) {
    if (term.termId === null || seen.has(term.termId)) continue;
    seen.add(term.termId);
    const cells: Record<string, StanceCell> = {};
    for (const party of parties) {
      const stored = byKey.get(`${term.termId}:${party.id}`);
      if (!stored) cells[party.id] = NOT_STATED;
      else if (stored.record.valid) {
        const r = stored.record.value;
        cells[party.id] = {
          kind: "stance",
          stance: r.stance,
          condition: r.condition,
          by: r.by,
          at: r.at,
        };
      } else {
        cells[party.id] = {
          kind: "invalid",
          raw: stored.record.raw,
          message: stored.record.message,
        };
      }
    }
    const summary = summariseRow(Object.values(cells));
    totals[summary]++;
    rows.push({
      termId: term.termId,
      label: term.label,
      category: term.category,
      text: term.text,
      cells,
      summary,
    });
  }
  return { parties, rows, totals };
}
