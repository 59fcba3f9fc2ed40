import { documentExtensions } from "@parley/shared/schema/extensions";
import { getSchema } from "@tiptap/core";
import { EditorState } from "@tiptap/pm/state";
import { EditorView } from "@tiptap/pm/view";
import { afterEach, describe, expect, it, vi } from "vitest";
import { onSkippedChange, skippedBlockAt } from "./skippedBlocks.js";

const schema = getSchema(documentExtensions());

function view(): EditorView {
  const doc = schema.node("doc", null, [
    schema.node("paragraph", null, [schema.text("shown")]),
    schema.node("paragraph", null, [schema.text("out of view")]),
  ]);
  const mount = document.createElement("div");
  document.body.append(mount);
  return new EditorView(mount, { state: EditorState.create({ doc }) });
}

/** Positions inside the first and the second paragraph. */
const IN_FIRST = 2;
const IN_SECOND = 10;

describe("skippedBlockAt", () => {
  afterEach(() => {
    vi.restoreAllMocks();
    document.body.replaceChildren();
  });

  it("finds nothing skipped where the browser cannot tell (no checkVisibility)", () => {
    const v = view();
    expect(skippedBlockAt(v, IN_SECOND)).toBeNull();
  });

  it("gives the top-level block the browser skips, and nothing for a rendered one", () => {
    const v = view();
    const second = v.dom.children[1] as HTMLElement;
    const checkVisibility = vi.fn(function (this: Element, options?: CheckVisibilityOptions) {
      expect(options?.contentVisibilityAuto).toBe(true);
      return !second.contains(this);
    });
    Object.defineProperty(Element.prototype, "checkVisibility", {
      value: checkVisibility,
      configurable: true,
    });
    try {
      expect(skippedBlockAt(v, IN_SECOND)).toBe(second);
      expect(skippedBlockAt(v, IN_FIRST)).toBeNull();
      expect(checkVisibility).toHaveBeenCalled();
    } finally {
      delete (Element.prototype as Partial<Element>).checkVisibility;
    }
  });
});

describe("onSkippedChange", () => {
  it("hears a block of the text being skipped or shown (the event does not bubble), until undone", () => {
    const v = view();
    const listener = vi.fn();
    const undo = onSkippedChange(v.dom, listener);
    const block = v.dom.children[1] as HTMLElement;
    block.dispatchEvent(new Event("contentvisibilityautostatechange", { bubbles: false }));
    expect(listener).toHaveBeenCalledTimes(1);
    undo();
    block.dispatchEvent(new Event("contentvisibilityautostatechange", { bubbles: false }));
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
