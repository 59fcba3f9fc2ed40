// @vitest-environment node
import { describe, expect, it } from "vitest";
import { exportFailure } from "./exportErrors.js";
import { formatBytes, progressText } from "./progressText.js";

const json = (code: string, message: string) => JSON.stringify({ error: { code, message } });

describe("export failures", () => {
  it("shows the server's message", () => {
    expect(exportFailure(400, json("invalid_request", "format must be one of md, html"))).toEqual({
      code: "invalid_request",
      message: "format must be one of md, html",
      status: 400,
      alternatives: [],
    });
  });

  it("suggests the other formats when PDF printing is unavailable", () => {
    const failure = exportFailure(503, json("pdf_unavailable", "No Chromium to print the PDF."));
    expect(failure.code).toBe("pdf_unavailable");
    expect(failure.alternatives).toEqual(["docx", "html", "md"]);
    expect(failure.message).toBe(
      "No Chromium to print the PDF. Choose DOCX, HTML or Markdown instead: they do not need the PDF printer.",
    );
  });

  it("has a sentence for answers without a JSON error", () => {
    expect(exportFailure(502, "Bad gateway").code).toBe("unreachable");
    expect(exportFailure(403, "").message).toMatch(/does not allow exporting/);
    expect(exportFailure(404, "<html>").code).toBe("not_found");
    expect(exportFailure(500, "oops").message).toMatch(/could not prepare the export/);
    expect(exportFailure(418, "").message).toBe("The server refused the export (HTTP 418).");
  });
});

describe("progress text", () => {
  it("counts bytes as people read them", () => {
    expect(formatBytes(512)).toBe("512 bytes");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(120 * 1024)).toBe("120 KB");
    expect(formatBytes(3 * 1024 * 1024)).toBe("3.0 MB");
  });

  it("says what has arrived, of how much when known", () => {
    expect(progressText({ received: 0, total: 2048 })).toMatch(/receiving it/);
    expect(progressText({ received: 1024, total: 2048 })).toBe("Receiving 1.0 KB of 2.0 KB");
    expect(progressText({ received: 1024, total: null })).toBe("Received 1.0 KB");
  });
});
