import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ComparisonView } from "./ComparisonView.js";
import { testComparison } from "./testComparison.js";

afterEach(cleanup);

describe("ComparisonView", () => {
  it("shows the summary, the changed term's word diff and the dropped option with who removed it", () => {
    const comparison = testComparison();
    render(<ComparisonView comparison={comparison} />);
    expect(screen.getByRole("status")).toHaveProperty("textContent", comparison.summary);

    const term = screen.getByRole("article", { name: "Art. 2" });
    expect(term.querySelector("del")?.textContent).toContain("lifted");
    expect(term.querySelector("ins")?.textContent).toContain("suspended");
    expect(within(term).getByText("text changed")).toBeTruthy();
    expect(within(term).getByText("Leila Karimi")).toBeTruthy();

    const dropped = screen.getByRole("region", { name: "Dropped options" });
    expect(dropped.textContent).toContain("“may”");
    expect(dropped.textContent).toContain("Ivan Petrov");
    expect(dropped.textContent).toContain("removed by");
    expect(dropped.querySelector(".author-chip")?.getAttribute("data-party")).toBe("party-b");
  });
});
