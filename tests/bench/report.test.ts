import { describe, expect, it } from "vitest";
import { latencyCdfSvg } from "./chart.js";
import { checkTargets, formatValue, renderReport, type ScenarioOutcome } from "./report.js";
import { withScaleOutSection } from "./scenarios/scaleOut.js";
import { parseLoadedRooms } from "./servers.js";

function outcome(
  id: string,
  ref: Record<string, number>,
  parley: Record<string, number>,
): ScenarioOutcome {
  return {
    scenario: {
      id,
      title: id,
      describe: "d",
      metrics: [{ key: "p99", label: "p99", unit: "ms", better: "lower" }],
    },
    clientKind: "raw",
    runs: { reference: [{ values: ref }], hocuspocus: [], parley: [{ values: parley }] },
    errors: { reference: [], hocuspocus: [], parley: [] },
    local: [],
  };
}

describe("report", () => {
  it("checks the fan-out target against the medians", () => {
    const checks = checkTargets([outcome("fanout-10", { p99: 10 }, { p99: 12 })]);
    expect(checks[0]).toMatchObject({ met: false });
    expect(checks[0]!.value).toContain("1.20×");
  });

  it("renders a table with the ratio and says when traces were absent and others ran", () => {
    const text = renderReport({
      date: new Date("2026-01-01T00:00:00Z"),
      machine: { cores: 2, cpuModel: "X", memoryGB: 1, node: "v20", platform: "linux x64" },
      contention: { wallS: 10, otherCores: 1.2, loadBefore: 1, loadAfter: 2 },
      quick: true,
      repetitions: 1,
      clientKind: "provider",
      workloadSource: "synthetic",
      tracesDir: "/nowhere",
      servers: ["reference", "parley"],
      parleyMissingReason: null,
      parleyEnv: { PARLEY_UNLOAD_GRACE_MS: "2000" },
      parleyCommand: "`node server/dist/main.js`",
      outcomes: [outcome("fanout-10", { p99: 10 }, { p99: 5 })],
      chartPath: "docs/bench/fanout-latency.svg",
      analysisPath: "docs/bench/analysis.md",
      changesMarkdown: "## What changed\n\nWAL + NORMAL.\n",
      commandLine: "pnpm bench --quick",
      durationS: 10,
    });
    expect(text).toContain("| p99 | 10 ms | 5 ms | 0.50× ✓ |");
    expect(text).toContain("## What changed\n\nWAL + NORMAL.\n");
    expect(text).toContain("Traces: ABSENT");
    expect(text).toContain("Other processes were running during this run");
    expect(text).toContain("](docs/bench/fanout-latency.svg)");
    expect(text).toContain("Parley = `node server/dist/main.js` (SQLite");
  });

  it("checks Parley against Hocuspocus only where Hocuspocus ran", () => {
    const fanout = outcome("fanout-10", { p99: 10 }, { p99: 12 });
    expect(checkTargets([fanout]).map((c) => c.target)).not.toContain(
      "Fan-out: 1 writer → 10 observers: p99 ≤ Hocuspocus",
    );
    fanout.runs.hocuspocus.push({ values: { p99: 24 } });
    const check = checkTargets([fanout]).find((c) => c.target.endsWith("p99 ≤ Hocuspocus"));
    expect(check).toMatchObject({ met: true, value: "0.50× (Parley 12.0 vs Hocuspocus 24.0)" });
  });

  it("judges 'back to baseline' on the heap as well as on RSS", () => {
    const memory = outcome(
      "memory",
      {},
      {
        baselineMB: 100,
        afterUnloadMB: 140,
        retainedPct: 60,
        heapBaselineMB: 20,
        heapAfterUnloadMB: 21,
        heapRetainedPct: 5,
      },
    );
    const checks = checkTargets([memory]);
    expect(checks.find((c) => c.target.startsWith("RSS back"))?.met).toBe(false);
    expect(checks.find((c) => c.target.startsWith("V8 heap back"))?.met).toBe(true);
  });

  it("formats missing values as a dash", () => {
    expect(formatValue(Number.NaN, "ms")).toBe("—");
    expect(formatValue(1234.5, "ms")).toBe("1,235 ms");
  });

  it("draws one polyline per series in a valid SVG document", () => {
    const svg = latencyCdfSvg("t", [
      {
        title: "N = 10",
        series: [
          { label: "a", color: "#000", samples: Float64Array.from([1, 2, 3, 40]) },
          { label: "b", color: "#f00", samples: Float64Array.from([2, 3, 4, 5]) },
        ],
      },
    ]);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg).not.toContain("NaN");
  });

  it("reads Parley's loaded-rooms gauge from Prometheus text", () => {
    const text =
      "# HELP parley_rooms_loaded Rooms.\nparley_rooms_loaded 3\nparley_updates_total 9\n";
    expect(parseLoadedRooms(text)).toBe(3);
    expect(parseLoadedRooms("parley_updates_total 9\n")).toBeNull();
  });
});

describe("withScaleOutSection", () => {
  const report =
    "# Report\n\n## Targets\n\nt\n\n## Scale-out (issue 21)\n\nold head\n\n### A\n\nold a\n\n### B\n\nold b\n\n## Browser\n\nb\n";

  it("replaces the subsections a run holds and keeps the others, before the next section", () => {
    const merged = withScaleOutSection(
      report,
      "## Scale-out (issue 21)\n\nnew head\n\n### B\n\nnew b\n",
    );
    expect(merged).toBe(
      "# Report\n\n## Targets\n\nt\n\n## Scale-out (issue 21)\n\nnew head\n\n### A\n\nold a\n\n### B\n\nnew b\n\n## Browser\n\nb\n",
    );
  });

  it("keeps the tables a partial run did not refresh in a file that starts with the section", () => {
    const file = "## Scale-out (issue 21)\n\nold head\n\n### A\n\nold a\n\n### B\n\nold b\n";
    expect(
      withScaleOutSection(file, "## Scale-out (issue 21)\n\nnew head\n\n### B\n\nnew b\n"),
    ).toBe("## Scale-out (issue 21)\n\nnew head\n\n### A\n\nold a\n\n### B\n\nnew b\n");
  });

  it("appends the section to a report without one", () => {
    expect(withScaleOutSection("# Report\n", "## Scale-out (issue 21)\n\nh\n")).toBe(
      "# Report\n\n## Scale-out (issue 21)\n\nh\n",
    );
  });
});
