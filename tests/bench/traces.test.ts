import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  replayConcurrent,
  replaySequential,
  syntheticConcurrent,
  syntheticSequential,
  TEXT_FIELD,
} from "./traces.js";

describe("trace replay", () => {
  it("replays a sequential trace to its end content", () => {
    const trace = syntheticSequential(3000, 1);
    const doc = new Y.Doc();
    replaySequential(doc, trace.txns);
    expect(doc.getText(TEXT_FIELD).toString()).toBe(trace.endContent);
  });

  it("replays a concurrent trace, merged along its parents, to its end content", () => {
    const trace = syntheticConcurrent(800, 2);
    const merged = new Y.Doc();
    const agents = new Set<number>();
    replayConcurrent(trace, (agent, update) => {
      agents.add(agent);
      Y.applyUpdate(merged, update);
    });
    expect(agents).toEqual(new Set([0, 1]));
    expect(merged.getText(TEXT_FIELD).toString()).toBe(trace.endContent);
  });

  it("replays a hand-made two-branch trace with positions relative to each branch", () => {
    // "ab" typed by agent 0; agent 1 forks after "a" and types "X" before it; a merge appends "!"
    const trace = {
      name: "tiny",
      numAgents: 2,
      endContent: "Xab!",
      txns: [
        { parents: [], agent: 0, patches: [[0, 0, "a"]] as [number, number, string][] },
        { parents: [0], agent: 0, patches: [[1, 0, "b"]] as [number, number, string][] },
        { parents: [0], agent: 1, patches: [[0, 0, "X"]] as [number, number, string][] },
        { parents: [1, 2], agent: 0, patches: [[3, 0, "!"]] as [number, number, string][] },
      ],
    };
    const merged = new Y.Doc();
    replayConcurrent(trace, (_agent, update) => Y.applyUpdate(merged, update));
    expect(merged.getText(TEXT_FIELD).toString()).toBe(trace.endContent);
  });
});
