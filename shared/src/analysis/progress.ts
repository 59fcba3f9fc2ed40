/**
 * Progress of a framework: terms by status and by category, open brackets, and the share of terms
 * agreed. "Nothing is agreed until everything is agreed": `everythingAgreed` is true only when
 * every live term (all but withdrawn ones) is `agreed` and no bracket is open; until then agreed
 * terms are provisional, and `shareAgreed` is the measure of the distance left.
 *
 * Pure: build the inputs with `listTerms(editor.getJSON())` and `readTermStatuses(frameworkDoc)`.
 */

import type { JSONContent } from "@tiptap/core";
import type { Checked } from "../model/attr.js";
import type { TermPlace } from "../model/documentJson.js";
import { countBrackets } from "../model/documentJson.js";
import { effectiveStatus, type TermStatusRecord } from "../model/term.js";
import {
  TERM_CATEGORIES,
  TERM_STATUSES,
  type TermCategory,
  type TermStatus,
} from "../model/vocabulary.js";

export type StatusCounts = Record<TermStatus | "invalid", number>;

export interface Progress {
  terms: number;
  byStatus: StatusCounts;
  /** category → status counts (invalid categories count under `invalid`). */
  byCategory: Record<TermCategory | "invalid", StatusCounts>;
  /** Open brackets in the whole text (nested ones included; outside terms too). */
  openBrackets: number;
  /** Open brackets inside terms, by termId. */
  openBracketsByTerm: Record<string, number>;
  /** Terms that count towards agreement: all but withdrawn ones. */
  liveTerms: number;
  /** agreed / liveTerms (0 when there are no live terms). */
  shareAgreed: number;
  /** agreed or agreed ad referendum / liveTerms. */
  shareAgreedAdReferendum: number;
  everythingAgreed: boolean;
}

function emptyCounts(): StatusCounts {
  const counts = { invalid: 0 } as StatusCounts;
  for (const s of TERM_STATUSES) counts[s] = 0;
  return counts;
}

export function computeProgress(input: {
  doc: JSONContent;
  terms: readonly TermPlace[];
  statuses: ReadonlyMap<string, Checked<TermStatusRecord>>;
}): Progress {
  const byStatus = emptyCounts();
  const byCategory = { invalid: emptyCounts() } as Record<TermCategory | "invalid", StatusCounts>;
  for (const c of TERM_CATEGORIES) byCategory[c] = emptyCounts();
  const openBracketsByTerm: Record<string, number> = {};
  let terms = 0;
  let withdrawn = 0;
  let agreed = 0;
  let adRef = 0;
  for (const term of input.terms) {
    terms++;
    const status = effectiveStatus(term.termId === null ? null : input.statuses.get(term.termId));
    const key: TermStatus | "invalid" = status.valid ? status.value : "invalid";
    const category: TermCategory | "invalid" = term.category.valid
      ? term.category.value
      : "invalid";
    byStatus[key]++;
    byCategory[category][key]++;
    if (key === "withdrawn") withdrawn++;
    if (key === "agreed") agreed++;
    if (key === "agreed" || key === "agreedAdReferendum") adRef++;
    if (term.termId !== null) openBracketsByTerm[term.termId] = term.openBrackets;
  }
  const openBrackets = countBrackets(input.doc);
  const liveTerms = terms - withdrawn;
  return {
    terms,
    byStatus,
    byCategory,
    openBrackets,
    openBracketsByTerm,
    liveTerms,
    shareAgreed: liveTerms === 0 ? 0 : agreed / liveTerms,
    shareAgreedAdReferendum: liveTerms === 0 ? 0 : adRef / liveTerms,
    everythingAgreed: liveTerms > 0 && agreed === liveTerms && openBrackets === 0,
  };
}
