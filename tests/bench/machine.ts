/**
 * The machine the benchmark ran on, and how busy other processes kept it meanwhile (the harness
 * and both servers are subtracted from the machine's total busy time in /proc/stat).
 */
import { readFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";

export interface MachineInfo {
  cores: number;
  cpuModel: string;
  memoryGB: number;
  node: string;
  platform: string;
}

export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    cores: list.length,
    cpuModel: list[0]?.model.trim() ?? "unknown",
    memoryGB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

/** Busy CPU time of the whole machine so far (all cores), in ms, from the first line of /proc/stat. */
function machineBusyMs(): number {
  const line = readFileSync("/proc/stat", "utf8").split("\n")[0]!;
  const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
  return (
    ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) * 10
  );
}

export interface ContentionReport {
  wallS: number;
  /** Average cores kept busy by processes other than this harness and its servers. */
  otherCores: number;
  loadBefore: number;
  loadAfter: number;
}

/** Starts watching; `finish(serversCpuMs)` returns how much of the machine others used. */
export function watchContention(): { finish: (serversCpuMs: number) => ContentionReport } {
  const wallStart = performance.now();
  const busyStart = machineBusyMs();
  const ownStart = process.cpuUsage();
  const loadBefore = loadavg()[0]!;
  return {
    finish: (serversCpuMs) => {
      const wallMs = performance.now() - wallStart;
      const own = process.cpuUsage(ownStart);
      const ownMs = (own.user + own.system) / 1000;
      const others = Math.max(0, machineBusyMs() - busyStart - ownMs - serversCpuMs);
      return {
        wallS: wallMs / 1000,
        otherCores: others / wallMs,
        loadBefore,
        loadAfter: loadavg()[0]!,
      };
    },
  };
}
