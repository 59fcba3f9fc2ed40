/**
 * The find panel's highlights in the editor: a ProseMirror plugin that holds the query and the
 * current match, recomputes the matches when the text changes (anyone's edit), and draws them as
 * decorations (the current one stronger). The panel (React) sets the query and the current match
 * with `setFind` and reads the matches back with `findState`.
 */
import { Extension } from "@tiptap/core";
import type { EditorState, Transaction } from "@tiptap/pm/state";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { type DocMatch, findInDoc } from "./docMatches.js";

export interface FindState {
  query: string;
  matches: DocMatch[];
  /** Index of the current match in `matches`, or -1 (none current, e.g. a comment is). */
  current: number;
}

interface PluginState extends FindState {
  decorations: DecorationSet;
}

const findKey = new PluginKey<PluginState>("parley-find");

const EMPTY: FindState = { query: "", matches: [], current: -1 };

function build(state: EditorState, query: string, current: number): PluginState {
  const matches = query === "" ? [] : findInDoc(state.doc, query);
  const index = current >= matches.length ? matches.length - 1 : current;
  const decorations = DecorationSet.create(
    state.doc,
    matches.map((m, i) =>
      Decoration.inline(m.from, m.to, {
        class: i === index ? "find-match is-current" : "find-match",
      }),
    ),
  );
  return { query, matches, current: index, decorations };
}

export const FindHighlight = Extension.create({
  name: "findHighlight",
  addProseMirrorPlugins: () => [
    new Plugin<PluginState>({
      key: findKey,
      state: {
        init: () => ({ ...EMPTY, decorations: DecorationSet.empty }),
        apply: (tr: Transaction, value, _old, state) => {
          const meta = tr.getMeta(findKey) as Partial<FindState> | undefined;
          if (!meta && (!tr.docChanged || value.query === "")) return value;
          return build(state, meta?.query ?? value.query, meta?.current ?? value.current);
        },
      },
      props: { decorations: (state) => findKey.getState(state)?.decorations },
    }),
  ],
});

/** The query, matches and current match in the editor (empty when the plugin is absent). */
export function findState(state: EditorState): FindState {
  const plugin = findKey.getState(state);
  return plugin ? { query: plugin.query, matches: plugin.matches, current: plugin.current } : EMPTY;
}

/** Sets the query and/or the current match. */
export function setFind(
  view: { state: EditorState; dispatch: (tr: Transaction) => void },
  next: { query?: string; current?: number },
): void {
  view.dispatch(view.state.tr.setMeta(findKey, next).setMeta("addToHistory", false));
}
