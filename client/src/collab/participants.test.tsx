import { act, cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { Awareness } from "y-protocols/awareness";
import * as Y from "yjs";
import { useAwarenessParticipants } from "./hooks.js";
import { oncePerFrame } from "./oncePerFrame.js";
import type { Participant } from "./presence.js";

afterEach(cleanup);

/** A frame has passed: what was scheduled for it has run (and React rendered it). */
async function nextFrame(): Promise<void> {
  await act(() => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())));
}

/** Two people in one room: `mine` is this page's awareness, `peer` another client's state in it. */
function room() {
  const mine = new Awareness(new Y.Doc());
  mine.setLocalStateField("user", { name: "Amira", color: "#1f5fa8" });
  const peerId = mine.clientID + 1;
  const setPeer = (state: Record<string, unknown> | null) => {
    // as y-protocols applies a remote awareness update
    const clock = (mine.meta.get(peerId)?.clock ?? 0) + 1;
    const added = !mine.states.has(peerId);
    if (state === null) mine.states.delete(peerId);
    else mine.states.set(peerId, state);
    mine.meta.set(peerId, { clock, lastUpdated: Date.now() });
    mine.emit("change", [
      { added: added ? [peerId] : [], updated: added ? [] : [peerId], removed: [] },
      "remote",
    ]);
  };
  return { mine, setPeer };
}

function People({
  awareness,
  onRender,
}: {
  awareness: Awareness;
  onRender: (people: Participant[]) => void;
}) {
  const people = useAwarenessParticipants(awareness);
  onRender(people);
  return (
    <ul>
      {people.map((p) => (
        <li key={p.clientId}>{p.name}</li>
      ))}
    </ul>
  );
}

describe("the people in the text (awareness, at most once per frame)", () => {
  it("shows a peer who joins and a new name, and not a new list for a moving caret", async () => {
    const { mine, setPeer } = room();
    const renders: Participant[][] = [];
    render(<People awareness={mine} onRender={(p) => renders.push(p)} />);
    setPeer({ user: { name: "Bruno", color: "#a81f5f" } });
    expect(await screen.findByText("Bruno")).toBeTruthy();

    const shown = renders.at(-1);
    const count = renders.length;
    // the caret moves many times: the people are the same, the workspace is not re-rendered
    for (let i = 0; i < 5; i++)
      setPeer({ user: { name: "Bruno", color: "#a81f5f" }, cursor: { anchor: i, head: i } });
    await nextFrame();
    await nextFrame();
    expect(renders.length).toBe(count);
    expect(renders.at(-1)).toBe(shown);

    setPeer({ user: { name: "Bruno Costa", color: "#a81f5f" }, cursor: null });
    expect(await screen.findByText("Bruno Costa")).toBeTruthy();
    setPeer(null);
    await nextFrame();
    expect(screen.queryByText("Bruno Costa")).toBeNull();
    expect(screen.getByText("Amira")).toBeTruthy();
  });

  it("reads a burst of changes within one frame once, with the last state", async () => {
    const { mine, setPeer } = room();
    const renders: Participant[][] = [];
    render(<People awareness={mine} onRender={(p) => renders.push(p)} />);
    await nextFrame();
    const count = renders.length;
    setPeer({ user: { name: "Chen", color: "#1fa85f" } });
    setPeer({ user: { name: "Chen Wei", color: "#1fa85f" } });
    setPeer({ user: { name: "Chen Wei Li", color: "#1fa85f" } });
    await nextFrame();
    expect(renders.length).toBe(count + 1);
    expect(renders.at(-1)?.map((p) => p.name)).toEqual(["Amira", "Chen Wei Li"]);
  });
});

describe("oncePerFrame", () => {
  it("runs once for many schedules, again after the frame, and not once cancelled", async () => {
    let runs = 0;
    const task = oncePerFrame(() => runs++);
    task.schedule();
    task.schedule();
    await nextFrame();
    expect(runs).toBe(1);
    task.schedule();
    task.flush();
    expect(runs).toBe(2);
    task.schedule();
    task.cancel();
    await nextFrame();
    expect(runs).toBe(2);
  });
});
