/**
 * The collaboration binding (y-tiptap) asks ProseMirror to scroll the local caret into view with
 * every remote update while the caret is on screen, so that text arriving above it does not push
 * it away. Each such scroll measures the caret (`coordsAtPos`), which forces a style and layout
 * pass right after the update changed the DOM: with 20 people typing, dozens of forced layouts a
 * second, the largest single cost in the page's profile under remote writers.
 *
 * Here the scroll requested by remote updates is done once per animation frame instead, before
 * that frame is painted (where the layout is computed anyway). Scrolls for this person's own
 * edits and selections are untouched.
 *
 * The frame's scroll is ProseMirror's own (`EditorView.scrollToSelection`, the method a
 * transaction's `scrollIntoView` ends in), called directly: a transaction for it would run every
 * plugin and editor listener once more per frame (7 % of the page's busy time with 20 writers on
 * 300 paragraphs). The method is internal to prosemirror-view, so a view without it falls back to
 * the transaction (`remoteScroll.test.ts` checks that the installed view has it).
 */
import { Extension } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { isRemoteTransaction } from "./remoteTransaction.js";

const remoteScrollKey = new PluginKey<boolean>("parleyRemoteScroll");

/** ProseMirror's internal scroll to the selection (present in prosemirror-view 1.x). */
interface ScrollingView {
  scrollToSelection?: () => void;
}

export const RemoteScrollOncePerFrame = Extension.create({
  name: "remoteScrollOncePerFrame",
  addProseMirrorPlugins() {
    let pending: number | null = null;
    /** While this plugin scrolls through ProseMirror's own method, it does not intercept. */
    let scrolling = false;
    return [
      new Plugin<boolean>({
        key: remoteScrollKey,
        state: {
          init: () => false,
          // the last state came from a remote update (or a transaction appended to one)
          apply: (tr) => isRemoteTransaction(tr),
        },
        props: {
          handleScrollToSelection(view) {
            if (
              scrolling ||
              !remoteScrollKey.getState(view.state) ||
              typeof requestAnimationFrame !== "function"
            )
              return false;
            if (pending === null) {
              pending = requestAnimationFrame(() => {
                pending = null;
                if (view.isDestroyed) return;
                const scroller = view as unknown as ScrollingView;
                if (typeof scroller.scrollToSelection !== "function") {
                  view.dispatch(view.state.tr.scrollIntoView().setMeta("addToHistory", false));
                  return;
                }
                scrolling = true;
                try {
                  scroller.scrollToSelection();
                } finally {
                  scrolling = false;
                }
              });
            }
            return true;
          },
        },
        view: () => ({
          destroy() {
            if (pending !== null) cancelAnimationFrame(pending);
            pending = null;
          },
        }),
      }),
    ];
  },
});
