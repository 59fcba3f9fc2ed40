/**
 * A live, cached view of a framework's sequencing: the validated snapshot, the framework context,
 * the computed milestones and the problems of every check. Recomputed once per Yjs transaction
 * that touches the sequencing maps, the parties or the set of terms (local or remote), so every
 * view (graph, problems list, step references in the text) reads the same state. No React here:
 * `useSequencing` subscribes with `useSyncExternalStore`.
 */
import { partiesMap } from "@parley/shared/model/maps";
import { DOCUMENT_FIELD } from "@parley/shared/protocol";
import {
  checkAll,
  computeMilestones,
  type MilestoneResolution,
  readSnapshot,
  type SequencingContext,
  type SequencingProblem,
  type SequencingSnapshot,
  subscribeSequencing,
} from "@parley/shared/sequencing/index";
import type * as Y from "yjs";
import {
  type FrameworkContext,
  readFrameworkContext,
  sameContext,
  toSequencingContext,
} from "./frameworkContext.js";

export interface SequencingState {
  snapshot: SequencingSnapshot;
  context: FrameworkContext;
  sequencingContext: SequencingContext;
  resolutions: Map<string, MilestoneResolution>;
  problems: SequencingProblem[];
}

export function computeState(
  snapshot: SequencingSnapshot,
  context: FrameworkContext,
): SequencingState {
  const sequencingContext = toSequencingContext(context);
  return {
    snapshot,
    context,
    sequencingContext,
    resolutions: computeMilestones(snapshot),
    problems: checkAll(snapshot, sequencingContext),
  };
}

export class SequencingStore {
  private state: SequencingState;
  private readonly listeners = new Set<() => void>();
  private readonly stop: () => void;

  constructor(readonly doc: Y.Doc) {
    this.state = computeState(readSnapshot(doc), readFrameworkContext(doc));
    const unsubscribe = subscribeSequencing(doc, () => this.refresh(true));
    const parties: object = partiesMap(doc);
    const text: object = doc.getXmlFragment(DOCUMENT_FIELD);
    // Parties and terms change the context (names, colours, dangling references).
    const onTransaction = (tr: Y.Transaction) => {
      const changed = (types: Map<object, unknown>, type: object) => types.has(type);
      if (changed(tr.changed, parties) || changed(tr.changedParentTypes, text)) this.refresh(false);
    };
    doc.on("afterTransaction", onTransaction);
    this.stop = () => {
      unsubscribe();
      doc.off("afterTransaction", onTransaction);
    };
  }

  getState = (): SequencingState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  destroy(): void {
    this.stop();
    this.listeners.clear();
  }

  private refresh(recordsChanged: boolean): void {
    const context = readFrameworkContext(this.doc);
    const contextChanged = !sameContext(context, this.state.context);
    if (!recordsChanged && !contextChanged) return;
    const snapshot = recordsChanged ? readSnapshot(this.doc) : this.state.snapshot;
    this.state = computeState(snapshot, contextChanged ? context : this.state.context);
    for (const listener of this.listeners) listener();
  }
}

const stores = new WeakMap<Y.Doc, SequencingStore>();

/** The one store of a Y.Doc (the graph, the forms and every step reference share it). */
export function sequencingStoreFor(doc: Y.Doc): SequencingStore {
  let store = stores.get(doc);
  if (!store) {
    store = new SequencingStore(doc);
    stores.set(doc, store);
    doc.on("destroy", () => {
      store?.destroy();
      stores.delete(doc);
    });
  }
  return store;
}
