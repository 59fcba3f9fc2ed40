// @vitest-environment node
import { contentDisposition, exportFileName } from "@parley/shared/export/fileName";
import { describe, expect, it } from "vitest";
import { decodeExtValue, fileNameFromDisposition } from "./contentDisposition.js";

describe("file name from Content-Disposition", () => {
  it("prefers the decoded filename* over the ASCII fallback", () => {
    const header = `attachment; filename="Tehran-Washington _verification_.docx"; filename*=UTF-8''Tehran%E2%80%93Washington%20%C2%ABverification%C2%BB%20%E2%9C%93.docx`;
    expect(fileNameFromDisposition(header, "x.docx")).toBe(
      "Tehran–Washington «verification» ✓.docx",
    );
  });

  it("reads what the server's own header builder writes (Arabic, Cyrillic, quotes)", () => {
    for (const title of ["Рамочное соглашение", "اتفاق إطاري", "Plan 'B' (draft)*"]) {
      const header = contentDisposition(title, "md");
      expect(header).toContain("filename*=UTF-8''");
      expect(fileNameFromDisposition(header, "fallback.md")).toBe(exportFileName(title, "md"));
    }
  });

  it("falls back to filename when filename* is missing, not UTF-8 or malformed", () => {
    expect(fileNameFromDisposition(`attachment; filename="Draft 3.pdf"`, "f.pdf")).toBe(
      "Draft 3.pdf",
    );
    expect(
      fileNameFromDisposition(`attachment; filename="a.pdf"; filename*=ISO-8859-1''%E9.pdf`, "f"),
    ).toBe("a.pdf");
    expect(
      fileNameFromDisposition(`attachment; filename="a.pdf"; filename*=UTF-8''%E2%80.pdf`, "f"),
    ).toBe("a.pdf");
  });

  it("handles quoted escapes, unquoted tokens, case and the order of parameters", () => {
    expect(fileNameFromDisposition(`attachment; filename="say \\"yes\\".md"`, "f")).toBe(
      'say "yes".md',
    );
    expect(fileNameFromDisposition("attachment; filename=plain.html", "f")).toBe("plain.html");
    expect(fileNameFromDisposition("attachment; FILENAME*=utf-8'en'Caf%C3%A9.md", "f")).toBe(
      "Café.md",
    );
    expect(
      fileNameFromDisposition(`attachment; filename*=UTF-8''first.md; filename="second.md"`, "f"),
    ).toBe("first.md");
  });

  it("keeps only the last path segment and drops control characters", () => {
    expect(fileNameFromDisposition(`attachment; filename="../../etc/passwd"`, "f")).toBe("passwd");
    expect(fileNameFromDisposition("attachment; filename*=UTF-8''..%2F..%2Fx%0A.md", "f")).toBe(
      "x.md",
    );
    expect(fileNameFromDisposition("attachment; filename*=UTF-8''..%5C..", "f.md")).toBe("f.md");
  });

  it("uses the fallback without a header or a name", () => {
    expect(fileNameFromDisposition(null, "framework.docx")).toBe("framework.docx");
    expect(fileNameFromDisposition("attachment", "framework.docx")).toBe("framework.docx");
    expect(fileNameFromDisposition(`attachment; filename=""`, "framework.docx")).toBe(
      "framework.docx",
    );
  });

  it("decodes RFC 5987 values only in UTF-8", () => {
    expect(decodeExtValue("UTF-8''%E2%9C%93")).toBe("✓");
    expect(decodeExtValue("utf-8'ar'%D8%A7")).toBe("ا");
    expect(decodeExtValue("%E2%9C%93")).toBeNull();
    expect(decodeExtValue("ISO-8859-1''abc")).toBeNull();
  });
});
