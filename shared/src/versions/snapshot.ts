/**
 * A framework as it stands, as plain JSON: what a version is compared by. Terms in order with
 * their numbers, text, status, stances and threads; brackets open in the text and brackets
 * resolved since (from the resolution log); the sequencing records; the parties.
 *
 * Read from the framework room and, when given, the discussion room. The text is read from a
 * private copy of the framework doc (converting Yjs to ProseMirror JSON may delete content the
 * schema cannot hold, so never on the doc it is given). Never throws on bad stored data: invalid
 * values are marked, unidentified terms and brackets counted.
 */
import type { JSONContent } from "@tiptap/core";
import * as Y from "yjs";
import { collectAnchorsFromJson } from "../comments/anchors.js";
import { readThreads } from "../comments/records.js";
import { frameworkJson } from "../export/fromYDoc.js";
import type { Actor } from "../model/actor.js";
import { readBracketAttrs, readOptionAttrs, readResolutions } from "../model/bracket.js";
import { listTerms, plainText, walkJson } from "../model/documentJson.js";
import { listAllParties, type Party } from "../model/party.js";
import { readStances } from "../model/stance.js";
import { effectiveStatus, readTermStatuses } from "../model/term.js";
import type { Stance, TermStatus } from "../model/vocabulary.js";
import { ATTR, NODE } from "../schema/nodeNames.js";
import { readSnapshot, type SequencingSnapshot } from "../sequencing/snapshot.js";

/** Bumped when the shape changes, so stored snapshots can be told apart. */
export const SNAPSHOT_FORMAT = 1;

export interface SnapshotStance {
  stance: Stance | "invalid";
  condition: string | null;
  by: Actor | null;
  at: string | null;
}

export interface SnapshotTerm {
  termId: string;
  /** 0-based place among the identified terms, in document order. */
  position: number;
  /** Display number (`Art. 3.2`), section and index within it. */
  label: string;
  section: number;
  index: number;
  /** The category, or `invalid` for a stored value outside the vocabulary. */
  category: string;
  /** Plain text; brackets read `[option one / option two]`. */
  text: string;
  status: TermStatus | "invalid";
  /** Who set the current status, when recorded. */
  statusBy: Actor | null;
  /** partyId → the party's stance, for the parties that recorded one. */
  stances: Record<string, SnapshotStance>;
  /** Comment threads anchored in the term, and how many of them are open. */
  threads: number;
  openThreads: number;
}

export interface SnapshotOption {
  optionId: string;
  text: string;
  proposedBy: string | null;
  supportedBy: string[];
  opposedBy: string[];
}

export interface SnapshotResolution {
  optionId: string;
  text: string;
  by: Actor;
  at: string;
}

export interface SnapshotBracket {
  bracketId: string;
  /** The term it stands in (for a resolved bracket: the term recorded at resolution). */
  termId: string | null;
  /** `open`: in the text; `resolved`: replaced by one option (recorded in the resolution log). */
  state: "open" | "resolved";
  options: SnapshotOption[];
  resolution: SnapshotResolution | null;
}

export interface FrameworkSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  parties: Party[];
  terms: SnapshotTerm[];
  brackets: SnapshotBracket[];
  sequencing: SequencingSnapshot;
  /** Terms and brackets without a usable or unique id: they cannot be matched across versions. */
  unidentified: { terms: number; brackets: number };
}

/** The snapshot of a framework room (and its discussion room, when given). */
export function frameworkSnapshotOf(framework: Y.Doc, discussion: Y.Doc | null): FrameworkSnapshot {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(framework));
  const json = frameworkJson(copy);
  copy.destroy();
  const statuses = readTermStatuses(framework);
  const stances = discussion
    ? stancesByTerm(discussion)
    : new Map<string, Record<string, SnapshotStance>>();
  const threads = threadCounts(json, discussion);
  const terms: SnapshotTerm[] = [];
  const seen = new Set<string>();
  let unidentifiedTerms = 0;
  for (const place of listTerms(json)) {
    if (place.termId === null || seen.has(place.termId)) {
      unidentifiedTerms++;
      continue;
    }
    seen.add(place.termId);
    const record = statuses.get(place.termId);
    const status = effectiveStatus(record);
    const counts = threads.get(place.termId);
    terms.push({
      termId: place.termId,
      position: terms.length,
      label: place.label,
      section: place.section,
      index: place.index,
      category: place.category.valid ? place.category.value : "invalid",
      text: place.text,
      status: status.valid ? status.value : "invalid",
      statusBy: record?.valid ? record.value.by : null,
      stances: stances.get(place.termId) ?? {},
      threads: counts?.total ?? 0,
      openThreads: counts?.open ?? 0,
    });
  }
  const brackets = readBrackets(json, framework);
  return {
    format: SNAPSHOT_FORMAT,
    parties: listAllParties(framework),
    terms,
    brackets: brackets.list,
    sequencing: readSnapshot(framework),
    unidentified: { terms: unidentifiedTerms, brackets: brackets.unidentified },
  };
}

function stancesByTerm(discussion: Y.Doc): Map<string, Record<string, SnapshotStance>> {
  const out = new Map<string, Record<string, SnapshotStance>>();
  for (const stored of readStances(discussion)) {
    let row = out.get(stored.termId);
    if (!row) {
      row = {};
      out.set(stored.termId, row);
    }
    row[stored.partyId] = stored.record.valid
      ? {
          stance: stored.record.value.stance,
          condition: stored.record.value.condition,
          by: stored.record.value.by,
          at: stored.record.value.at,
        }
      : { stance: "invalid", condition: null, by: null, at: null };
  }
  return out;
}

/** termId → threads anchored in it (those the discussion room knows, when it is given). */
function threadCounts(
  json: JSONContent,
  discussion: Y.Doc | null,
): Map<string, { total: number; open: number }> {
  const known = discussion
    ? new Map(readThreads(discussion).threads.map((t) => [t.thread.threadId, t.state.resolved]))
    : null;
  const out = new Map<string, { total: number; open: number }>();
  for (const anchor of collectAnchorsFromJson(json)) {
    if (anchor.termId === null) continue;
    const resolved = known ? known.get(anchor.threadId) : false;
    if (resolved === undefined) continue;
    const counts = out.get(anchor.termId) ?? { total: 0, open: 0 };
    counts.total++;
    if (!resolved) counts.open++;
    out.set(anchor.termId, counts);
  }
  return out;
}

function readOption(node: JSONContent): SnapshotOption | null {
  const attrs = readOptionAttrs(node.attrs);
  if (!attrs.optionId.valid) return null;
  return {
    optionId: attrs.optionId.value,
    text: plainText(node),
    proposedBy: attrs.proposedBy.valid ? attrs.proposedBy.value : null,
    supportedBy: attrs.supportedBy.valid ? attrs.supportedBy.value : [],
    opposedBy: attrs.opposedBy.valid ? attrs.opposedBy.value : [],
  };
}

/** Open brackets in document order, then resolved ones (from the log) by id. */
function readBrackets(
  json: JSONContent,
  framework: Y.Doc,
): { list: SnapshotBracket[]; unidentified: number } {
  const list: SnapshotBracket[] = [];
  const open = new Set<string>();
  let unidentified = 0;
  walkJson(json, (node, ancestors) => {
    if (node.type !== NODE.bracket) return true;
    const { bracketId } = readBracketAttrs(node.attrs);
    if (!bracketId.valid || open.has(bracketId.value)) {
      unidentified++;
      return true;
    }
    open.add(bracketId.value);
    const term = [...ancestors].reverse().find((a) => a.type === NODE.term);
    const rawTermId: unknown = term?.attrs?.[ATTR.termId];
    list.push({
      bracketId: bracketId.value,
      termId: typeof rawTermId === "string" ? rawTermId : null,
      state: "open",
      options: (node.content ?? []).flatMap((child) => {
        const option = child.type === NODE.bracketOption ? readOption(child) : null;
        return option ? [option] : [];
      }),
      resolution: null,
    });
    return true;
  });
  const resolved = [...readResolutions(framework)]
    .filter(([id]) => !open.has(id))
    .sort(([x], [y]) => x.localeCompare(y));
  for (const [bracketId, record] of resolved) {
    // A reopened bracket that is no longer in the text was deleted, not resolved.
    if (!record.valid || record.value.reopened) continue;
    const r = record.value;
    list.push({
      bracketId,
      termId: r.termId,
      state: "resolved",
      options: r.options.map((o) => ({
        optionId: o.optionId,
        text: o.text,
        proposedBy: o.proposedBy,
        supportedBy: o.supportedBy ?? [],
        opposedBy: o.opposedBy ?? [],
      })),
      resolution: { optionId: r.optionId, text: r.text, by: r.by, at: r.at },
    });
  }
  return { list, unidentified };
}
