/** React binding of the sequencing store: re-renders once per change of the framework's sequencing. */
import { useSyncExternalStore } from "react";
import type * as Y from "yjs";
import { type SequencingState, sequencingStoreFor } from "./sequencingStore.js";

export function useSequencing(doc: Y.Doc): SequencingState {
  const store = sequencingStoreFor(doc);
  return useSyncExternalStore(store.subscribe, store.getState);
}
