/**
 * CPU time of this process's descendants (Chromium's browser, GPU and renderer processes), read
 * from /proc. Renderers exit when their page closes, so `sample()` is called before each close
 * and keeps the highest figure seen per pid.
 */
import { readdirSync, readFileSync } from "node:fs";
import { readCpuMs } from "../servers.js";

function parentOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return -1;
  }
}

/** The processes descending from `root` (children, grandchildren, …), read from /proc. */
export function descendantsOf(root: number): number[] {
  const pids = readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
  const parents = new Map(pids.map((pid) => [pid, parentOf(pid)]));
  const isDescendant = (pid: number): boolean => {
    for (let p = parents.get(pid) ?? -1, depth = 0; p > 1 && depth < 20; depth++) {
      if (p === root) return true;
      p = parents.get(p) ?? -1;
    }
    return false;
  };
  return pids.filter(isDescendant);
}

export class DescendantsCpu {
  private readonly seen = new Map<number, number>();

  constructor(private readonly root = process.pid) {}

  sample(): void {
    for (const pid of descendantsOf(this.root)) {
      try {
        this.seen.set(pid, Math.max(this.seen.get(pid) ?? 0, readCpuMs(pid)));
      } catch {
        // exited meanwhile
      }
    }
  }

  totalMs(): number {
    let total = 0;
    for (const ms of this.seen.values()) total += ms;
    return total;
  }
}
