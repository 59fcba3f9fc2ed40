import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCliArgs, runExportCli } from "./cli.js";

describe("parseCliArgs", () => {
  it("reads a framework id that starts with a dash (ids are base64url)", () => {
    expect(parseCliArgs(["-jK3x_9aBcDeFgHi", "--format", "md"])).toMatchObject({
      ok: true,
      value: { frameworkId: "-jK3x_9aBcDeFgHi", options: { format: "md" } },
    });
    expect(parseCliArgs(["--x3x_9aBcDeFgHi", "--format=md"])).toMatchObject({
      ok: true,
      value: { frameworkId: "--x3x_9aBcDeFgHi" },
    });
  });

  it("reads the framework id, format, options, output and data directory", () => {
    expect(
      parseCliArgs([
        "abc123",
        "--format",
        "docx",
        "--out",
        "x.docx",
        "--text",
        "clean",
        "--comments",
        "--no-annexes",
        "--non-paper",
        "--suggestions",
        "accepted",
        "--data-dir",
        "/srv/parley",
      ]),
    ).toEqual({
      ok: true,
      value: {
        frameworkId: "abc123",
        options: {
          format: "docx",
          text: "clean",
          comments: true,
          annexes: false,
          nonPaper: true,
          suggestions: "accepted",
        },
        out: "x.docx",
        dataDir: "/srv/parley",
      },
    });
    const defaults = parseCliArgs(["abc123", "--format", "md"], { DATA_DIR: "/data" });
    expect(defaults).toMatchObject({
      ok: true,
      value: {
        out: null,
        dataDir: "/data",
        options: {
          text: "brackets",
          comments: false,
          annexes: true,
          nonPaper: false,
          suggestions: "show",
        },
      },
    });
    expect(parseCliArgs(["abc123", "--format", "md"])).toMatchObject({
      value: { dataDir: resolve("data") },
    });
  });

  it("refuses a missing or bad format, unknown flags and a missing or second id", () => {
    const message = (argv: string[]) => {
      const r = parseCliArgs(argv);
      return r.ok ? "accepted" : r.message;
    };
    expect(message(["abc123"])).toBe("--format is required");
    expect(message(["abc123", "--format", "rtf"])).toContain("format must be one of");
    expect(message(["abc123", "--format", "md", "--text", "dirty"])).toContain(
      "text must be one of",
    );
    expect(message(["abc123", "--format", "md", "--suggestions", "rejected"])).toContain(
      "suggestions must be one of show, accepted, original",
    );
    expect(message(["abc123", "--format", "md", "--bogus"])).toContain("bogus");
    expect(message(["--format", "md"])).toBe("give exactly one framework id");
    expect(message(["a1b2c3", "d4e5f6", "--format", "md"])).toBe("give exactly one framework id");
  });
});

describe("runExportCli", () => {
  it("exits 2 with the usage on bad arguments and 3 when there is no database", async () => {
    const lines: string[] = [];
    const io = { stdout: () => {}, stderr: (line: string) => lines.push(line) };
    expect(await runExportCli(["abc123"], {}, io)).toBe(2);
    expect(lines.join("\n")).toContain("usage: pnpm export");
    const empty = mkdtempSync(join(tmpdir(), "parley-cli-"));
    try {
      expect(await runExportCli(["abc123", "--format", "md", "--data-dir", empty], {}, io)).toBe(3);
      expect(lines.at(-1)).toContain("no Parley database");
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
