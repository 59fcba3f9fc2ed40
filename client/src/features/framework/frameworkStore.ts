/**
 * One place that reads the structured parts of an open framework and tells React when they
 * change: the text (as ProseMirror JSON, with the terms and their display numbers), the parties,
 * term statuses and bracket resolutions (framework room) and the stances (discussion room).
 *
 * No React here: `FrameworkContext.tsx` subscribes with `useSyncExternalStore`. Each field keeps
 * its identity until its source changes, so selectors that return a field re-render only then.
 */

import type { Checked } from "@parley/shared/model/attr";
import type { BracketResolution } from "@parley/shared/model/bracket";
import { readResolutions } from "@parley/shared/model/bracket";
import { listTerms, type TermPlace } from "@parley/shared/model/documentJson";
import { partiesMap, resolutionsMap } from "@parley/shared/model/maps";
import {
  listAllParties,
  listParties,
  type Party,
  readStoredParties,
  type StoredParty,
} from "@parley/shared/model/party";
import { observeStances, readStances, type StoredStance } from "@parley/shared/model/stance";
import {
  observeTermStatuses,
  readTermStatuses,
  type TermStatusRecord,
} from "@parley/shared/model/term";
import type { Editor, JSONContent } from "@tiptap/core";
import type * as Y from "yjs";

export interface FrameworkSnapshot {
  /** The framework text as ProseMirror JSON. */
  json: JSONContent;
  /** Terms in document order with their display numbers. */
  terms: TermPlace[];
  /** termId → "Art. 3.2". */
  labels: ReadonlyMap<string, string>;
  /** Parties that take part, by name. */
  parties: Party[];
  /** Every valid party, removed ones included (names in history). */
  allParties: Party[];
  /** Every stored party entry, invalid ones included (shown as such). */
  storedParties: StoredParty[];
  statuses: ReadonlyMap<string, Checked<TermStatusRecord>>;
  stances: StoredStance[];
  resolutions: ReadonlyMap<string, Checked<BracketResolution>>;
}

function labelsOf(terms: readonly TermPlace[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const t of terms) if (t.termId !== null && !out.has(t.termId)) out.set(t.termId, t.label);
  return out;
}

function textPart(json: JSONContent): Pick<FrameworkSnapshot, "json" | "terms" | "labels"> {
  const terms = listTerms(json);
  return { json, terms, labels: labelsOf(terms) };
}

function partiesPart(
  framework: Y.Doc,
): Pick<FrameworkSnapshot, "parties" | "allParties" | "storedParties"> {
  return {
    parties: listParties(framework),
    allParties: listAllParties(framework),
    storedParties: readStoredParties(framework),
  };
}

export class FrameworkStore {
  private snapshot: FrameworkSnapshot;
  private readonly listeners = new Set<() => void>();
  private readonly cleanups: (() => void)[] = [];
  private textPending = false;

  constructor(
    readonly framework: Y.Doc,
    readonly discussion: Y.Doc,
    readonly editor: Editor,
  ) {
    this.snapshot = {
      ...textPart(editor.getJSON()),
      ...partiesPart(framework),
      statuses: readTermStatuses(framework),
      resolutions: readResolutions(framework),
      stances: readStances(discussion),
    };
    const onTransaction = ({ transaction }: { transaction: { docChanged: boolean } }) => {
      if (!transaction.docChanged || this.textPending) return;
      // Several transactions of one turn (an edit and its id repair) are read once.
      this.textPending = true;
      queueMicrotask(() => {
        this.textPending = false;
        if (this.editor.isDestroyed) return;
        this.update(textPart(this.editor.getJSON()));
      });
    };
    editor.on("transaction", onTransaction);
    this.cleanups.push(() => editor.off("transaction", onTransaction));

    // Each part is re-read only when its own map changes: typing in the text changes none of them,
    // so the term blocks do not re-render on every keystroke.
    const parties = partiesMap(framework);
    const onParties = () => this.update(partiesPart(framework));
    parties.observe(onParties);
    this.cleanups.push(() => parties.unobserve(onParties));
    this.cleanups.push(
      observeTermStatuses(framework, () => this.update({ statuses: readTermStatuses(framework) })),
    );
    const resolutions = resolutionsMap(framework);
    const onResolutions = () => this.update({ resolutions: readResolutions(framework) });
    resolutions.observe(onResolutions);
    this.cleanups.push(() => resolutions.unobserve(onResolutions));
    this.cleanups.push(
      observeStances(discussion, () => this.update({ stances: readStances(discussion) })),
    );
  }

  getSnapshot = (): FrameworkSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  destroy(): void {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.listeners.clear();
  }

  private update(patch: Partial<FrameworkSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }
}
