import { documentExtensions } from "@parley/shared/schema/extensions";
import { getSchema } from "@tiptap/core";
import { EditorState } from "@tiptap/pm/state";
import { describe, expect, it, vi } from "vitest";
import { fakeFrameClockPerTest } from "../test/frameClock.js";
import { transactionReads } from "./useEditorFrameState.js";

// The clock is Vitest's: frames and intervals advance only when the test says so.
fakeFrameClockPerTest();

const state = EditorState.create({ schema: getSchema(documentExtensions()) });
const local = () => state.tr.insertText("typed", 1);
const remote = () => state.tr.insertText("theirs", 1).setMeta("y-sync$", { isChangeOrigin: true });
const caret = () => state.tr.setMeta("yjs-cursor$", { awarenessUpdated: true });

describe("reads after transactions (toolbar and commands under many remote writers)", () => {
  it("follow other people's edits at most every remoteIntervalMs, and this person's in the next frame", () => {
    let reads = 0;
    const task = transactionReads(() => reads++, { minIntervalMs: 0, remoteIntervalMs: 250 });
    task.after(remote());
    vi.advanceTimersToNextFrame();
    expect(reads).toBe(1);
    // a stream of remote edits and caret moves: read once more, after the interval
    for (let i = 0; i < 6; i++) {
      task.after(i % 2 === 0 ? remote() : caret());
      vi.advanceTimersToNextFrame();
    }
    expect(reads).toBe(1);
    // this person types meanwhile: read in the next frame all the same
    task.after(local());
    vi.advanceTimersToNextFrame();
    expect(reads).toBe(2);
    // the remote reads' interval ends on the shared grid (oncePerFrame): at most one more interval
    vi.advanceTimersByTime(500);
    vi.advanceTimersToNextFrame();
    expect(reads).toBe(3);
    task.cancel();
  });

  it("read every frame for every transaction when no remote interval is set", () => {
    let reads = 0;
    const task = transactionReads(() => reads++, { minIntervalMs: 0, remoteIntervalMs: 0 });
    for (let i = 0; i < 3; i++) {
      task.after(i % 2 === 0 ? remote() : local());
      vi.advanceTimersToNextFrame();
    }
    expect(reads).toBe(3);
    task.cancel();
  });
});
