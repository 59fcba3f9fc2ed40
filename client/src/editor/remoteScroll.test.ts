import { documentExtensions } from "@parley/shared/schema/extensions";
import { getSchema } from "@tiptap/core";
import { EditorState, type Transaction } from "@tiptap/pm/state";
import { EditorView } from "@tiptap/pm/view";
import { describe, expect, it } from "vitest";
import { RemoteScrollOncePerFrame } from "./remoteScroll.js";

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/**
 * An editor state with the plugin, and a stand-in view that records what is dispatched and, with
 * `ownScroll`, has ProseMirror's internal `scrollToSelection` (which asks the plugin first).
 */
function setup(ownScroll = false) {
  const schema = getSchema(documentExtensions());
  const plugin = RemoteScrollOncePerFrame.config.addProseMirrorPlugins?.call(
    // the extension's plugins do not read `this`
    {} as never,
  )?.[0];
  if (!plugin) throw new Error("no plugin");
  let state = EditorState.create({ schema, plugins: [plugin] });
  const dispatched: Transaction[] = [];
  /** What ProseMirror's own scroll did each time: scrolled, or left it to the plugin. */
  const ownScrolls: Array<"scrolled" | "intercepted"> = [];
  const view = {
    get state() {
      return state;
    },
    isDestroyed: false,
    dispatch(tr: Transaction) {
      dispatched.push(tr);
      state = state.apply(tr);
    },
    ...(ownScroll
      ? {
          scrollToSelection() {
            const intercepted = plugin.props.handleScrollToSelection?.call(plugin, view) ?? false;
            ownScrolls.push(intercepted ? "intercepted" : "scrolled");
          },
        }
      : {}),
  } as unknown as EditorView;
  const apply = (tr: Transaction) => {
    state = state.apply(tr);
  };
  const scroll = () => plugin.props.handleScrollToSelection?.call(plugin, view) ?? false;
  return { apply, scroll, dispatched, ownScrolls, state: () => state };
}

describe("scrolling to the caret after remote updates", () => {
  it("happens once in the next frame for a burst of remote updates, through ProseMirror's own scroll and without a transaction", async () => {
    const { apply, scroll, dispatched, ownScrolls, state } = setup(true);
    for (let i = 0; i < 3; i++) {
      apply(state().tr.insertText("x", 1).setMeta("y-sync$", { isChangeOrigin: true }));
      expect(scroll()).toBe(true);
    }
    expect(ownScrolls).toEqual([]);
    await frame();
    expect(ownScrolls).toEqual(["scrolled"]);
    expect(dispatched).toHaveLength(0);
  });

  it("the installed ProseMirror view has the scroll it calls", () => {
    const schema = getSchema(documentExtensions());
    const view = new EditorView(document.createElement("div"), {
      state: EditorState.create({ schema }),
    });
    expect(typeof (view as unknown as { scrollToSelection?: unknown }).scrollToSelection).toBe(
      "function",
    );
    view.destroy();
  });

  it("falls back to one scrolling transaction in the next frame where the view lacks that scroll", async () => {
    const { apply, scroll, dispatched, state } = setup();
    for (let i = 0; i < 3; i++) {
      apply(state().tr.insertText("x", 1).setMeta("y-sync$", { isChangeOrigin: true }));
      expect(scroll()).toBe(true);
    }
    expect(dispatched).toHaveLength(0);
    await frame();
    expect(dispatched).toHaveLength(1);
    expect(dispatched[0]?.scrolledIntoView).toBe(true);
    // that scroll itself is left to ProseMirror
    expect(scroll()).toBe(false);
  });

  it("is left to ProseMirror, at once, for this person's own edits", async () => {
    const { apply, scroll, dispatched, state } = setup();
    apply(state().tr.insertText("typed", 1).scrollIntoView());
    expect(scroll()).toBe(false);
    await frame();
    expect(dispatched).toHaveLength(0);
  });
});
