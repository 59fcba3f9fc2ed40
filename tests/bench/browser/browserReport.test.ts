import { describe, expect, it } from "vitest";
import { browserTargets, type LoadRun, medianLoad } from "./browserReport.js";

const loads: LoadRun[] = [
  { document: "phased, 200 terms", kind: "parley", loadMs: [900, 1_400, 800, 850, 2_000] },
  { document: "phased, 200 terms", kind: "bare", loadMs: [600, 560, 700, 580] },
];

describe("the browser report's load figures", () => {
  it("take the median of each page's loads (odd and even counts)", () => {
    expect(medianLoad(loads, "phased, 200 terms", "parley")).toBe(900);
    expect(medianLoad(loads, "phased, 200 terms", "bare")).toBe(590);
    expect(medianLoad(loads, "300 paragraphs", "parley")).toBeNull();
  });

  it("judge the load target on the medians, not on one load", () => {
    const [target] = browserTargets({ typing: [], loads });
    expect(target?.target).toBe("phased, 200 terms: load to editable ≤ 1.5× bare");
    expect(target?.met).toBe(false); // 900 / 590 = 1.53
    expect(target?.measured).toContain("medians of 4 loads each");
    const faster = loads.map((r) =>
      r.kind === "parley" ? { ...r, loadMs: [880, 850, 2_500] } : r,
    );
    expect(browserTargets({ typing: [], loads: faster })[0]?.met).toBe(true); // 880 / 590
  });
});
