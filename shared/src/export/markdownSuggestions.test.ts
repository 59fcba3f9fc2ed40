import { describe, expect, it } from "vitest";
import { ALL_ON } from "../test/export/source.js";
import { SUGGESTION_SOURCE } from "../test/export/suggestionFixtures.js";
import { buildPlainModel } from "./buildModel.js";
import { renderMarkdown } from "./markdown.js";

const markdown = (suggestions: "show" | "accepted" | "original") =>
  renderMarkdown(buildPlainModel(SUGGESTION_SOURCE, { ...ALL_ON, suggestions }));

describe("Markdown export with suggestions", () => {
  const shown = markdown("show");

  it("gives the original text, then an appendix listing each pending suggestion", () => {
    expect(shown).toContain(
      "**Art. 1.1** *(Proposed)* The Agency shall verify within 60 days and report.Reports are published.",
    );
    const appendix = shown.slice(shown.indexOf("## Pending suggestions"));
    expect(shown.slice(0, shown.indexOf("## Pending suggestions"))).not.toContain("promptly");
    expect(appendix.split("\n").filter((l) => /^\d+\. /.test(l))).toEqual([
      "1. **Replace** “60” with “90” (Art. 1.1) — Ana Lima (FP), party FP, 21 November 2026, 10:15 UTC",
      "2. **Delete** “ and report” (Art. 1.1) — Boris Roe (SP), party SP, 22 November 2026, 14:30 UTC",
      "3. **New paragraph** (Art. 1.1) — Boris Roe (SP), party SP, 22 November 2026, 14:30 UTC",
      "4. **Insert** “promptly ” (Art. 1.1) — Boris Roe (SP), party SP, 22 November 2026, 14:30 UTC",
      "5. **Insert** “ online” (Art. 1.1) — Eve \\</w:t\\>\\<w:r\\>\\&amp;\"'\\<script\\>, no party, 23 November 2026, 08:00 UTC",
      "6. **New article or item** “A new article on guarantees.” (Art. 1.2) — Boris Roe (SP), party SP, 22 November 2026, 14:30 UTC",
      "7. **Remove article or item** “An article proposed for removal.” (Art. 1.3) — Ana Lima (FP), party FP, 21 November 2026, 10:15 UTC",
      "8. **New article or item** “Undeclared sites” (Art. 1.4) — Ana Lima (FP), party FP, 21 November 2026, 10:15 UTC",
    ]);
  });

  it("gives the accepted or the original text without an appendix", () => {
    const accepted = markdown("accepted");
    expect(accepted).toContain("The Agency shall verify within 90 days.");
    expect(accepted).toContain("Reports are promptly published online.");
    expect(accepted).toContain("**Art. 1.2** *(Proposed)* A new article on guarantees.");
    expect(accepted).not.toContain("Pending suggestions");
    const original = markdown("original");
    expect(original).toContain("within 60 days and report.Reports are published.");
    expect(original).not.toContain("guarantees");
    expect(original).not.toContain("Pending suggestions");
  });
});
