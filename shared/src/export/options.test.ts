import { describe, expect, it } from "vitest";
import { contentDisposition, exportFileName } from "./fileName.js";
import { parseExportOptions } from "./options.js";

describe("parseExportOptions", () => {
  it("applies defaults and reads query-string booleans", () => {
    expect(parseExportOptions({ format: "md" })).toEqual({
      ok: true,
      value: {
        format: "md",
        text: "brackets",
        comments: false,
        annexes: true,
        nonPaper: false,
        suggestions: "show",
      },
    });
    expect(
      parseExportOptions({
        format: "pdf",
        text: "clean",
        comments: "1",
        annexes: "false",
        nonPaper: "yes",
        suggestions: "accepted",
      }),
    ).toEqual({
      ok: true,
      value: {
        format: "pdf",
        text: "clean",
        comments: true,
        annexes: false,
        nonPaper: true,
        suggestions: "accepted",
      },
    });
  });

  it("refuses a missing or unknown format, bad values and unknown options with a clear message", () => {
    const bad = (input: unknown) => {
      const r = parseExportOptions(input);
      if (r.ok) throw new Error("accepted");
      return r.message;
    };
    expect(bad({})).toContain("format must be one of md, html, docx, pdf");
    expect(bad({ format: "rtf" })).toContain("format must be one of");
    expect(bad({ format: "md", text: "dirty" })).toContain("text must be one of brackets, clean");
    expect(bad({ format: "md", comments: "maybe" })).toContain("comments");
    expect(bad({ format: "md", suggestions: "rejected" })).toContain(
      "suggestions must be one of show, accepted, original",
    );
    expect(bad({ format: "md", suggestions: ["show", "original"] })).toContain("suggestions");
    expect(bad({ format: "md", colour: "red" })).toBe(
      'Unknown option "colour": use format, text, comments, annexes, annexPrefix, nonPaper, suggestions.',
    );
    expect(bad({ format: ["md", "pdf"] })).toContain("format");
  });
});

describe("file names", () => {
  it("keeps the title, strips path and control characters, adds the extension", () => {
    expect(exportFileName("Accord ../../etc/passwd", "md")).toBe("Accord .. .. etc passwd.md");
    expect(exportFileName("  \u0000  ", "pdf")).toBe("framework.pdf");
    expect(exportFileName("a\u202eb", "html")).toBe("a b.html");
  });

  it("gives an ASCII fallback and the exact UTF-8 name (RFC 5987)", () => {
    expect(contentDisposition("Tehran–Washington «verification» ✓", "docx")).toBe(
      `attachment; filename="Tehran-Washington _verification_ _.docx"; filename*=UTF-8''Tehran%E2%80%93Washington%20%C2%ABverification%C2%BB%20%E2%9C%93.docx`,
    );
    expect(contentDisposition("O'Brien (draft)", "md")).toContain(
      "filename*=UTF-8''O%27Brien%20%28draft%29.md",
    );
  });
});
