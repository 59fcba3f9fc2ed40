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
import { perBlock } from "@parley/shared/schema/perBlock";
import type { Editor, JSONContent } from "@tiptap/core";
import type { Node as PMNode } from "@tiptap/pm/model";
import type * as Y from "yjs";
import { type FrameTask, oncePerFrame, PANEL_INTERVAL_MS } from "../../collab/oncePerFrame.js";

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

type TextPart = Pick<FrameworkSnapshot, "json" | "terms" | "labels">;

function textPart(json: JSONContent): TextPart {
  const terms = listTerms(json);
  return { json, terms, labels: labelsOf(terms) };
}

function sameTerm(a: TermPlace, b: TermPlace): boolean {
  return (
    a.termId === b.termId &&
    a.section === b.section &&
    a.index === b.index &&
    a.label === b.label &&
    a.openBrackets === b.openBrackets &&
    a.text === b.text &&
    JSON.stringify(a.category) === JSON.stringify(b.category)
  );
}

function sameLabels(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [id, label] of a) if (b.get(id) !== label) return false;
  return true;
}

/**
 * The text part after an edit, keeping the identity of `terms` and `labels` when they read the
 * same: typing inside a term changes the JSON, not the numbering panels and margins show.
 */
export function nextTextPart(previous: TextPart, json: JSONContent): TextPart {
  const next = textPart(json);
  const sameTerms =
    next.terms.length === previous.terms.length &&
    next.terms.every((t, i) => sameTerm(t, previous.terms[i]!));
  return {
    json,
    terms: sameTerms ? previous.terms : next.terms,
    labels: sameLabels(next.labels, previous.labels) ? previous.labels : next.labels,
  };
}

/**
 * The document as JSON, reusing the JSON of top-level blocks that are the same node objects as
 * before: ProseMirror keeps unchanged blocks through this person's edits, and the Yjs binding
 * (y-tiptap 3.3) through a remote update, so an edit serializes the blocks it changed again.
 */
export class DocJsonCache {
  private readonly blocks = perBlock((block) => block.toJSON() as JSONContent);

  read(doc: PMNode): JSONContent {
    const content: JSONContent[] = [];
    this.blocks(doc, (json) => content.push(json));
    const json: JSONContent = { type: doc.type.name };
    if (content.length > 0) json.content = content;
    return json;
  }
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
  private readonly docJson = new DocJsonCache();
  private readonly readText: FrameTask;

  constructor(
    readonly framework: Y.Doc,
    readonly discussion: Y.Doc,
    readonly editor: Editor,
  ) {
    this.snapshot = {
      ...textPart(this.docJson.read(editor.state.doc)),
      ...partiesPart(framework),
      statuses: readTermStatuses(framework),
      resolutions: readResolutions(framework),
      stances: readStances(discussion),
    };
    // The text is read at most once per animation frame: many remote edits (and an edit with its
    // id repair) arriving within one frame are read once, before the frame is painted; while
    // edits stream in, a few times per second (each read serializes the remote-rebuilt blocks
    // again, and re-renders what shows the JSON: see `oncePerFrame`).
    this.readText = oncePerFrame(
      () => {
        if (this.editor.isDestroyed) return;
        this.update(nextTextPart(this.snapshot, this.docJson.read(this.editor.state.doc)));
      },
      { minIntervalMs: PANEL_INTERVAL_MS },
    );
    const onTransaction = ({ transaction }: { transaction: { docChanged: boolean } }) => {
      if (transaction.docChanged) this.readText.schedule();
    };
    editor.on("transaction", onTransaction);
    this.cleanups.push(() => {
      editor.off("transaction", onTransaction);
      this.readText.cancel();
    });

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
