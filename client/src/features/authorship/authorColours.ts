/**
 * "Colour by author": tints each stretch of the live text in the colour of the party whose member
 * wrote it, and says who on hover, as ProseMirror inline decorations (nothing is written to the
 * document). Off by default; while off, a transaction costs one property read.
 *
 * While on, the runs are read from the shared text (`authorRuns.ts`) when the view is switched on,
 * when the writers change, and at most once per `REBUILD_MS` after edits; in between, the
 * decorations are only mapped through each change. Who wrote under each client id comes from the
 * server (`GET /authorship`), handed in with `setAuthorColours`.
 */
import type { AuthorshipWriter } from "@parley/shared/versions/api";
import { Extension } from "@tiptap/core";
import type { Node as PMNode } from "@tiptap/pm/model";
import { type EditorState, Plugin, PluginKey, type Transaction } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import type * as Y from "yjs";
import { type PartyLook, partyColour, partyLabel } from "../versions/comparisonView.js";
import { type AuthorRun, authorRuns } from "./authorRuns.js";

/** What the view needs: who wrote under each client id, and the parties' names and colours. */
export interface AuthorLook {
  writers: ReadonlyMap<number, AuthorshipWriter>;
  parties: PartyLook;
}

interface AuthorState {
  look: AuthorLook | null;
  decorations: DecorationSet;
  /** Edits since the last build (the decorations were mapped, not read again). */
  stale: boolean;
  /** Client ids in the text that the writers did not name at the last build. */
  unknown: number;
}

export const authorColoursKey = new PluginKey<AuthorState>("parleyAuthorColours");

/** After edits, the runs are read again at most this often while the view is on. */
export const REBUILD_MS = 400;

const OFF: AuthorState = {
  look: null,
  decorations: DecorationSet.empty,
  stale: false,
  unknown: 0,
};

/** The DOM attributes of one run: the writer's party colour and who wrote it. Pure. */
export function runAttrs(
  writer: AuthorshipWriter | undefined,
  parties: PartyLook,
): Record<string, string> {
  if (!writer) {
    return {
      class: "authored authored-unknown",
      title: "Author not recorded (written by a tool, or not yet saved)",
      "data-author": "",
    };
  }
  const party = partyLabel(parties.names, writer.party);
  const colour =
    (writer.party === null ? undefined : parties.colours.get(writer.party)) ??
    partyColour(writer.party);
  return {
    class: "authored",
    style: `--author: ${colour}`,
    title: `Written by ${writer.name} (${party})`,
    "data-author": writer.name,
    "data-author-party": writer.party ?? "",
  };
}

/** One decoration per run, neighbouring runs of the same person joined. Pure. */
export function runDecorations(
  runs: readonly AuthorRun[],
  look: AuthorLook,
): { decorations: Decoration[]; unknown: number } {
  const decorations: Decoration[] = [];
  const unknown = new Set<number>();
  let open: { from: number; to: number; key: string; writer: AuthorshipWriter | undefined } | null =
    null;
  const close = () => {
    if (open) {
      decorations.push(Decoration.inline(open.from, open.to, runAttrs(open.writer, look.parties)));
    }
  };
  for (const run of runs) {
    const writer = look.writers.get(run.client);
    if (!writer) unknown.add(run.client);
    const key = writer ? `${writer.party ?? ""}\u0000${writer.name}` : "";
    if (open && open.key === key && open.to === run.from) {
      open.to = run.to;
      continue;
    }
    close();
    open = { from: run.from, to: run.to, key, writer };
  }
  close();
  return { decorations, unknown: unknown.size };
}

/** The shared text: the live binding's, else the one the extension was given (a version). */
function fragmentOf(state: EditorState, given: Y.XmlFragment | null): Y.XmlFragment | null {
  const sync = ySyncPluginKey.getState(state) as { type?: Y.XmlFragment } | undefined;
  return sync?.type ?? given;
}

function build(
  fragment: Y.XmlFragment | null,
  doc: PMNode,
  look: AuthorLook,
  previous: AuthorState,
): AuthorState {
  const runs = fragment ? authorRuns(fragment, doc) : null;
  // The trees disagree for a moment: keep the mapped decorations, try again later.
  if (runs === null) return { ...previous, look, stale: true };
  const { decorations, unknown } = runDecorations(runs, look);
  return { look, decorations: DecorationSet.create(doc, decorations), stale: false, unknown };
}

type Meta = { look: AuthorLook | null } | { rebuild: true };

/** Switches the view on with these writers and parties (again when they change), or off (null). */
export function setAuthorColours(tr: Transaction, look: AuthorLook | null): Transaction {
  return tr.setMeta(authorColoursKey, { look } satisfies Meta).setMeta("addToHistory", false);
}

/** How many client ids in the text the writers did not name (0 while off): time to ask again. */
export function unknownWriters(state: EditorState): number {
  return authorColoursKey.getState(state)?.unknown ?? 0;
}

export interface AuthorColoursOptions {
  /**
   * The text's Yjs fragment where the editor has no Yjs binding (a version rendered from its
   * stored state, whose items keep their client ids).
   */
  fragment: Y.XmlFragment | null;
}

export const AuthorColours = Extension.create<AuthorColoursOptions>({
  name: "authorColours",
  addOptions() {
    return { fragment: null };
  },
  addProseMirrorPlugins() {
    const given = this.options.fragment;
    let timer: ReturnType<typeof setTimeout> | null = null;
    return [
      new Plugin<AuthorState>({
        key: authorColoursKey,
        state: {
          init: () => OFF,
          // The shared text's fragment never changes: read from the old state (the new one is
          // still being built).
          apply(tr, value, state) {
            const meta = tr.getMeta(authorColoursKey) as Meta | undefined;
            if (meta && "look" in meta) {
              return meta.look === null
                ? OFF
                : build(fragmentOf(state, given), tr.doc, meta.look, value);
            }
            if (value.look === null) return value;
            if (meta && "rebuild" in meta) {
              return build(fragmentOf(state, given), tr.doc, value.look, value);
            }
            if (!tr.docChanged) return value;
            return {
              ...value,
              decorations: value.decorations.map(tr.mapping, tr.doc),
              stale: true,
            };
          },
        },
        props: {
          decorations: (state) => authorColoursKey.getState(state)?.decorations,
        },
        view: () => ({
          update(view) {
            const current = authorColoursKey.getState(view.state);
            if (!current?.stale || current.look === null || timer !== null) return;
            timer = setTimeout(() => {
              timer = null;
              if (view.isDestroyed) return;
              view.dispatch(
                view.state.tr
                  .setMeta(authorColoursKey, { rebuild: true } satisfies Meta)
                  .setMeta("addToHistory", false),
              );
            }, REBUILD_MS);
          },
          destroy() {
            if (timer !== null) clearTimeout(timer);
            timer = null;
          },
        }),
      }),
    ];
  },
});
