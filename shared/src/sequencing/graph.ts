/**
 * Elementary cycles of a directed graph (Johnson, 1975): every cycle that visits no node twice,
 * each reported exactly once, starting at its smallest node (by string order). Self-loops are
 * cycles of length 1. Used for step dependencies and milestone definitions.
 */

export interface CycleSearch {
  /** Each cycle as its nodes in order; the edge from the last back to the first closes it. */
  cycles: string[][];
  /** True when the search stopped at `limit` cycles (a dense graph can have exponentially many). */
  truncated: boolean;
}

/** Nodes reachable from `start` and back, among nodes for which `allowed` holds (its strongly connected component). */
function componentOf(
  start: string,
  successors: (n: string) => readonly string[],
  allowed: (n: string) => boolean,
): Set<string> {
  const reach = (from: string, next: (n: string) => readonly string[]) => {
    const seen = new Set<string>([from]);
    const stack = [from];
    while (stack.length > 0) {
      const n = stack.pop()!;
      for (const m of next(n)) {
        if (allowed(m) && !seen.has(m)) {
          seen.add(m);
          stack.push(m);
        }
      }
    }
    return seen;
  };
  const forward = reach(start, successors);
  const preds = new Map<string, string[]>();
  for (const n of forward) {
    for (const m of successors(n)) {
      if (forward.has(m)) preds.set(m, [...(preds.get(m) ?? []), n]);
    }
  }
  const backward = reach(start, (n) => preds.get(n) ?? []);
  return new Set([...forward].filter((n) => backward.has(n)));
}

export function elementaryCycles(
  nodes: readonly string[],
  successors: (n: string) => readonly string[],
  limit = 500,
): CycleSearch {
  const order = [...new Set(nodes)].sort();
  const rank = new Map(order.map((n, i) => [n, i]));
  const cycles: string[][] = [];
  let truncated = false;
  const succ = (n: string) => [...new Set(successors(n))].filter((m) => rank.has(m));

  for (let s = 0; s < order.length && !truncated; s++) {
    const start = order[s]!;
    const component = componentOf(start, succ, (n) => (rank.get(n) ?? -1) >= s);
    const blocked = new Set<string>();
    const blockedBy = new Map<string, Set<string>>();
    const stack: string[] = [];
    const unblock = (n: string) => {
      blocked.delete(n);
      const waiting = blockedBy.get(n);
      if (!waiting) return;
      blockedBy.delete(n);
      for (const w of waiting) if (blocked.has(w)) unblock(w);
    };
    const circuit = (v: string): boolean => {
      let found = false;
      stack.push(v);
      blocked.add(v);
      for (const w of succ(v)) {
        if (!component.has(w) || truncated) continue;
        if (w === start) {
          cycles.push([...stack]);
          if (cycles.length >= limit) truncated = true;
          found = true;
        } else if (!blocked.has(w) && circuit(w)) {
          found = true;
        }
      }
      if (found) unblock(v);
      else {
        for (const w of succ(v)) {
          if (!component.has(w)) continue;
          const set = blockedBy.get(w) ?? new Set<string>();
          set.add(v);
          blockedBy.set(w, set);
        }
      }
      stack.pop();
      return found;
    };
    circuit(start);
  }
  return { cycles, truncated };
}
