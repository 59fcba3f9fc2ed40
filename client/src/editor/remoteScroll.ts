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
 */
import { Extension } from "@tiptap/core";
import { Plugin, PluginKey, type Transaction } from "@tiptap/pm/state";

/** y-tiptap's sync plugin key (`ySyncPluginKey`, "y-sync"), as ProseMirror names it in metadata. */
const Y_SYNC_META = "y-sync$";

function isRemote(tr: Transaction): boolean {
  const meta: unknown = tr.getMeta(Y_SYNC_META);
  return typeof meta === "object" && meta !== null && "isChangeOrigin" in meta
    ? meta.isChangeOrigin === true
    : false;
}

const remoteScrollKey = new PluginKey<boolean>("parleyRemoteScroll");

export const RemoteScrollOncePerFrame = Extension.create({
  name: "remoteScrollOncePerFrame",
  addProseMirrorPlugins() {
    let pending: number | null = null;
    return [
      new Plugin<boolean>({
        key: remoteScrollKey,
        state: {
          init: () => false,
          // the last state came from a remote update (or a transaction appended to one)
          apply: (tr) => {
            const root: unknown = tr.getMeta("appendedTransaction");
            return isRemote(tr) || (root instanceof Object && isRemote(root as Transaction));
          },
        },
        props: {
          handleScrollToSelection(view) {
            if (
              !remoteScrollKey.getState(view.state) ||
              typeof requestAnimationFrame !== "function"
            )
              return false;
            if (pending === null) {
              pending = requestAnimationFrame(() => {
                pending = null;
                if (view.isDestroyed) return;
                view.dispatch(view.state.tr.scrollIntoView().setMeta("addToHistory", false));
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
