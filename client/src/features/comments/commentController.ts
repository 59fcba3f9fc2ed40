/**
 * The bridge between the editor (created once per session) and the comments margin (React): the
 * `CommentUi` extension calls the controller; the margin registers what to do and pushes what to
 * highlight. No React here.
 *
 * The extension draws the highlights as decorations (open threads that pass the filter; the
 * focused one stronger; the span being commented on while the composer is open), focuses a
 * thread when its highlighted text is clicked, and binds Mod-Alt-M to "comment on the selection".
 */
import { collectAnchors } from "@parley/shared/comments/anchors";
import { COMMENT_MARK, THREAD_ID_ATTR } from "@parley/shared/comments/markNames";
import { Extension } from "@tiptap/core";
import type { EditorState, Transaction } from "@tiptap/pm/state";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";

export interface HighlightState {
  /** Threads whose anchors are highlighted. */
  visible: ReadonlySet<string>;
  focused: string | null;
  /** The span being commented on (composer open). */
  pending: { from: number; to: number } | null;
}

interface PluginState extends HighlightState {
  decorations: DecorationSet;
}

export const commentUiKey = new PluginKey<PluginState>("parley-comment-ui");

function decorationsFor(state: EditorState, h: HighlightState): DecorationSet {
  const decorations: Decoration[] = [];
  for (const anchor of collectAnchors(state.doc)) {
    if (!h.visible.has(anchor.threadId)) continue;
    const focused = anchor.threadId === h.focused;
    for (const span of anchor.spans) {
      decorations.push(
        Decoration.inline(span.from, span.to, {
          class: focused ? "comment-highlight is-focused" : "comment-highlight",
          "data-thread-highlight": anchor.threadId,
        }),
      );
    }
  }
  const pending = h.pending;
  if (pending && pending.from < pending.to && pending.to <= state.doc.content.size) {
    decorations.push(Decoration.inline(pending.from, pending.to, { class: "comment-pending" }));
  }
  return DecorationSet.create(state.doc, decorations);
}

export class CommentController {
  /** Mod-Alt-M or the margin's button: comment on the current selection. */
  onRequestComment: () => void = () => {};
  /** A click on highlighted text. */
  onThreadClick: (threadId: string) => void = () => {};

  readonly extension = Extension.create({
    name: "commentUi",
    addKeyboardShortcuts: () => ({
      "Mod-Alt-m": () => {
        this.onRequestComment();
        return true;
      },
    }),
    addProseMirrorPlugins: () => [
      new Plugin<PluginState>({
        key: commentUiKey,
        state: {
          init: (_, state) => {
            const h: HighlightState = { visible: new Set(), focused: null, pending: null };
            return { ...h, decorations: decorationsFor(state, h) };
          },
          apply: (tr: Transaction, value, _old, state) => {
            const meta = tr.getMeta(commentUiKey) as Partial<HighlightState> | undefined;
            if (!meta && !tr.docChanged) return value;
            const h: HighlightState = {
              visible: meta?.visible ?? value.visible,
              focused: meta?.focused !== undefined ? meta.focused : value.focused,
              pending: meta?.pending !== undefined ? meta.pending : value.pending,
            };
            return { ...h, decorations: decorationsFor(state, h) };
          },
        },
        props: {
          decorations: (state) => commentUiKey.getState(state)?.decorations,
          handleClick: (view, pos) => {
            const plugin = commentUiKey.getState(view.state);
            const node = view.state.doc.nodeAt(pos);
            if (!plugin || !node) return false;
            const ids = node.marks
              .filter((m) => m.type.name === COMMENT_MARK)
              .map((m) => String(m.attrs[THREAD_ID_ATTR]))
              .filter((id) => plugin.visible.has(id));
            if (ids.length === 0) return false;
            // With overlapping threads, a second click on the same text moves to the next one.
            const index = ids.indexOf(plugin.focused ?? "");
            this.onThreadClick(ids[(index + 1) % ids.length] ?? ids[0]!);
            return false;
          },
        },
      }),
    ],
  });
}

/** Pushes what to highlight into the editor (only what changed). */
export function setHighlights(
  view: { state: EditorState; dispatch: (tr: Transaction) => void },
  next: Partial<HighlightState>,
): void {
  const current = commentUiKey.getState(view.state);
  if (!current) return;
  const changed: Partial<HighlightState> = {};
  if (next.visible && !sameSet(next.visible, current.visible)) changed.visible = next.visible;
  if (next.focused !== undefined && next.focused !== current.focused)
    changed.focused = next.focused;
  if (
    next.pending !== undefined &&
    (next.pending?.from !== current.pending?.from || next.pending?.to !== current.pending?.to)
  ) {
    changed.pending = next.pending;
  }
  if (Object.keys(changed).length === 0) return;
  view.dispatch(view.state.tr.setMeta(commentUiKey, changed).setMeta("addToHistory", false));
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}
