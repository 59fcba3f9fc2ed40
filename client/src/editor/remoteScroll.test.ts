import { documentExtensions } from "@parley/shared/schema/extensions";
import { getSchema } from "@tiptap/core";
import { EditorState, type Transaction } from "@tiptap/pm/state";
import type { EditorView } from "@tiptap/pm/view";
import { describe, expect, it } from "vitest";
import { RemoteScrollOncePerFrame } from "./remoteScroll.js";

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/** An editor state with the plugin, and a stand-in view that records what is dispatched. */
function setup() {
  const schema = getSchema(documentExtensions());
  const plugin = RemoteScrollOncePerFrame.config.addProseMirrorPlugins?.call(
    // the extension's plugins do not read `this`
    {} as never,
  )?.[0];
  if (!plugin) throw new Error("no plugin");
  let state = EditorState.create({ schema, plugins: [plugin] });
  const dispatched: Transaction[] = [];
  const view = {
    get state() {
      return state;
    },
    isDestroyed: false,
    dispatch(tr: Transaction) {
      dispatched.push(tr);
      state = state.apply(tr);
    },
  } as unknown as EditorView;
  const apply = (tr: Transaction) => {
    state = state.apply(tr);
  };
  const scroll = () => plugin.props.handleScrollToSelection?.call(plugin, view) ?? false;
  return { apply, scroll, dispatched, state: () => state };
}

describe("scrolling to the caret after remote updates", () => {
  it("happens once in the next frame for a burst of remote updates", async () => {
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
