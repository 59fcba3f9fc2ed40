// @vitest-environment node
import {
  type ExportOptions,
  parseExportOptions,
  SUGGESTION_VIEWS,
} from "@parley/shared/export/options";
import { describe, expect, it } from "vitest";
import { exportPath, exportQuery, formatLabel, INITIAL_EXPORT_OPTIONS } from "./exportQuery.js";

describe("export query", () => {
  it("starts with DOCX, brackets and options, no comments, annexes, attributed", () => {
    expect(INITIAL_EXPORT_OPTIONS).toEqual({
      format: "docx",
      text: "brackets",
      comments: false,
      annexes: true,
      nonPaper: false,
      suggestions: "show",
    });
  });

  it("spells every option out in a fixed order", () => {
    expect(exportQuery(INITIAL_EXPORT_OPTIONS)).toBe(
      "format=docx&text=brackets&comments=false&annexes=true&nonPaper=false&suggestions=show",
    );
    expect(
      exportQuery({
        format: "md",
        text: "clean",
        comments: true,
        annexes: false,
        nonPaper: true,
        suggestions: "original",
      }),
    ).toBe("format=md&text=clean&comments=true&annexes=false&nonPaper=true&suggestions=original");
  });

  it("is read back by the server's schema as the same options, for every combination", () => {
    for (const format of ["md", "html", "docx", "pdf"] as const) {
      for (const text of ["brackets", "clean"] as const) {
        for (const flags of [0, 1, 2, 3, 4, 5, 6, 7]) {
          for (const suggestions of SUGGESTION_VIEWS) {
            const options: ExportOptions = {
              format,
              text,
              comments: (flags & 1) !== 0,
              annexes: (flags & 2) !== 0,
              nonPaper: (flags & 4) !== 0,
              suggestions,
              annexPrefix: "Schedule",
            };
            const query = Object.fromEntries(new URLSearchParams(exportQuery(options)));
            expect(parseExportOptions(query)).toEqual({ ok: true, value: options });
          }
        }
      }
    }
  });

  it("puts the framework id into the path, encoded", () => {
    expect(exportPath("fw_1", INITIAL_EXPORT_OPTIONS)).toBe(
      "/api/frameworks/fw_1/export?format=docx&text=brackets&comments=false&annexes=true&nonPaper=false&suggestions=show",
    );
    expect(exportPath("a/b", INITIAL_EXPORT_OPTIONS)).toMatch(
      /^\/api\/frameworks\/a%2Fb\/export\?/,
    );
  });

  it("names formats as the dialog says them", () => {
    expect(formatLabel("docx")).toBe("DOCX");
    expect(formatLabel("md")).toBe("Markdown");
  });
});
