/**
 * React access to an open framework's structured parts: the docs, the acting person, and the
 * `FrameworkStore` snapshot. Node views (terms) render inside the editor through portals, so they
 * see this context too.
 */
import type { Role } from "@parley/shared/access/roles";
import type { Actor } from "@parley/shared/model/actor";
import type { Editor } from "@tiptap/core";
import {
  createContext,
  type ReactNode,
  useContext,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
} from "react";
import { useParams } from "react-router";
import type * as Y from "yjs";
import { heldToken, onTokensChanged } from "../../collab/tokens.js";
import { useEditsDirectly } from "../../editor/useEditsDirectly.js";
import { setDecorationParties } from "../parties/partyDecorations.js";
import { actorFor } from "./actor.js";
import { type FrameworkSnapshot, FrameworkStore } from "./frameworkStore.js";

export interface FrameworkContextValue {
  framework: Y.Doc;
  discussion: Y.Doc;
  editor: Editor;
  actor: Actor;
  /** The role the held token grants, once the server confirmed it; null when not known. */
  role: Role | null;
  store: FrameworkStore;
}

const FrameworkContext = createContext<FrameworkContextValue | null>(null);

interface ProviderProps {
  framework: Y.Doc;
  discussion: Y.Doc;
  editor: Editor;
  actor: Actor;
  /** A version's read-only view: nothing is offered for writing, whatever the token allows. */
  readOnly?: boolean;
  children: ReactNode;
}

export function FrameworkProvider(props: ProviderProps) {
  const { framework, discussion, editor, children } = props;
  const token = useTokenActor(props.actor);
  const { actor } = token;
  const role: Role | null = props.readOnly ? "observer" : token.role;
  const [store, setStore] = useState<FrameworkStore | null>(null);
  // One value while its parts are the same: every term view, chip and panel reads this context,
  // and a new object would re-render all of them whenever the workspace re-renders.
  const value = useMemo(
    () => (store ? { framework, discussion, editor, actor, role, store } : null),
    [framework, discussion, editor, actor, role, store],
  );
  useEffect(() => {
    const opened = new FrameworkStore(framework, discussion, editor);
    setStore(opened);
    return () => {
      setStore(null);
      opened.destroy();
    };
  }, [framework, discussion, editor]);
  if (!value) return null;
  return (
    <FrameworkContext.Provider value={value}>
      <PartyDecorationSync />
      {children}
    </FrameworkContext.Provider>
  );
}

/**
 * The actor as the held access token says (its party, and the name its invite fixes), so that
 * what this person writes is what the server accepts from them; `fallback` without a token.
 */
function useTokenActor(fallback: Actor): { actor: Actor; role: Role | null } {
  const { id = "" } = useParams();
  const key = useSyncExternalStore(onTokensChanged, () => {
    const access = id ? heldToken(id)?.access : null;
    return JSON.stringify({ actor: actorFor(fallback.name, access), role: access?.role ?? null });
  });
  return useMemo(() => JSON.parse(key) as { actor: Actor; role: Role | null }, [key]);
}

/** The open framework; null outside a `FrameworkProvider` (e.g. a read-only view editor). */
export function useOptionalFramework(): FrameworkContextValue | null {
  return useContext(FrameworkContext);
}

export function useFramework(): FrameworkContextValue {
  const value = useContext(FrameworkContext);
  if (!value) throw new Error("useFramework must be used inside <FrameworkProvider>");
  return value;
}

const noStore = {
  subscribe: () => () => {},
  getSnapshot: () => null,
};

/**
 * Whether the framework may be edited directly now (it turns editable after the first sync,
 * read-only by role; in Suggesting mode only the text is edited, as suggestions).
 */
export function useEditable(): boolean {
  const { editor } = useFramework();
  return useEditsDirectly(editor);
}

/** A part of the snapshot; re-renders when the selected value changes (by identity). */
export function useFrameworkSelector<T>(select: (snapshot: FrameworkSnapshot) => T): T {
  const { store } = useFramework();
  return useSyncExternalStore(store.subscribe, () => select(store.getSnapshot()));
}

/** Like `useFrameworkSelector`, or null outside a provider. */
export function useOptionalFrameworkSelector<T>(
  select: (snapshot: FrameworkSnapshot) => T,
): T | null {
  const value = useContext(FrameworkContext);
  const store = value?.store ?? noStore;
  return useSyncExternalStore(store.subscribe, () => {
    const snapshot = store.getSnapshot();
    return snapshot === null ? null : select(snapshot);
  });
}

/** Hands the editor's bracket-option decorations every change of the parties. */
function PartyDecorationSync() {
  const { editor } = useFramework();
  const parties = useFrameworkSelector((s) => s.allParties);
  useEffect(() => {
    if (!editor.isDestroyed) editor.view.dispatch(setDecorationParties(editor.state.tr, parties));
  }, [editor, parties]);
  return null;
}
