/**
 * `pnpm export` (scripts/export.mjs → server/src/export/cli.ts) against a real server's data
 * directory while the server runs, and the 200-term framework exported in every format.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DATABASE_FILE } from "@parley/server";
import { exportFramework } from "@parley/server/export/exportFramework";
import { storageLoader } from "@parley/server/export/loadFramework";
import { openSqliteStorage } from "@parley/server/storage/sqliteStorage";
import { writeLargeFramework } from "@parley/server/test/exportFixtures";
import { DEFAULT_EXPORT_OPTIONS, type ExportOptions } from "@parley/shared/export/options";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectClient, textOf, waitForDocs, waitForSynced } from "../helpers/syncClient.js";
import {
  createFramework,
  REPO_ROOT,
  startTestServer,
  type TestServer,
} from "../helpers/testServer.js";

const TERMS = 200;
const DEFAULTS = DEFAULT_EXPORT_OPTIONS;
const TITLE = "Большое соглашение – 200 terms";

let server: TestServer;
let frameworkId: string;
let out: string;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(REPO_ROOT, "scripts", "export.mjs"), ...args],
      { cwd: out, env: { ...process.env, DATA_DIR: server.dataDir }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve({
          code: error ? (typeof error.code === "number" ? error.code : 1) : 0,
          stdout,
          stderr,
        });
      },
    );
  });
}

beforeAll(async () => {
  server = await startTestServer();
  out = mkdtempSync(join(tmpdir(), "parley-export-cli-"));
  const created = await createFramework(server.url, TITLE);
  frameworkId = created.id;
  const token = "token" in created ? String(created.token) : undefined;
  const writer = connectClient(server.syncUrl, frameworkId, { token });
  const observer = connectClient(server.syncUrl, frameworkId, { token });
  await Promise.all([waitForSynced(writer.provider), waitForSynced(observer.provider)]);
  writeLargeFramework(writer.doc, TITLE, TERMS);
  await waitForDocs(
    [observer.doc],
    () => textOf(observer.doc) === textOf(writer.doc),
    "the terms to be stored",
  );
  writer.destroy();
  observer.destroy();
});

afterAll(async () => {
  await server.cleanup();
  rmSync(out, { recursive: true, force: true });
});

describe("pnpm export (CLI)", () => {
  it("refuses bad arguments (exit 2) and unknown frameworks (exit 3)", async () => {
    const noFormat = await runCli([frameworkId]);
    expect(noFormat.code).toBe(2);
    expect(noFormat.stderr).toContain("--format is required");
    expect(noFormat.stderr).toContain("usage: pnpm export");
    const unknown = await runCli(["nosuchframework", "--format", "md"]);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain('no framework "nosuchframework"');
  });

  it(`exports a framework of ${TERMS} terms in every format, reading the data directory of a running server`, async () => {
    const md = await runCli([frameworkId, "--format", "md", "--out", "-"]);
    expect(md.code).toBe(0);
    expect(md.stdout.startsWith(`# ${TITLE}\n`)).toBe(true);
    expect(md.stdout.match(/^\*\*Art\. \d+\.\d+\*\*/gm)).toHaveLength(TERMS);
    expect(md.stdout).toContain("**Art. 20.10** *(Proposed)* Term 200: the Parties undertake");
    expect(md.stdout).toContain("[promptly]^FP^ [in good time]^SP^");

    const docx = await runCli([frameworkId, "--format", "docx", "--comments", "--non-paper"]);
    expect(docx.code).toBe(0);
    // Without --out the file is named after the title, in the current directory.
    const files = unzipSync(new Uint8Array(readFileSync(join(out, `${TITLE}.docx`))));
    const document = new TextDecoder().decode(files["word/document.xml"]);
    expect(document.match(/<w:ilvl w:val="1"\/>/g)).toHaveLength(TERMS);
    expect(document).toContain("Term 200: the Parties undertake");
    expect(document).toContain("Большое соглашение");

    // HTML and PDF in-process, through the same loader the CLI and the HTTP route use.
    const storage = openSqliteStorage(join(server.dataDir, DATABASE_FILE));
    try {
      const load = storageLoader(storage);
      const exportAs = async (options: Partial<ExportOptions> & Pick<ExportOptions, "format">) => {
        const loaded = await load(frameworkId);
        if (!loaded) throw new Error("framework not found");
        return exportFramework(loaded, { ...DEFAULTS, ...options });
      };
      const page = (await exportAs({ format: "html", text: "clean" })).body.toString("utf8");
      expect(page.match(/<section class="term"/g)).toHaveLength(TERMS);
      expect(page).toContain("67 passages marked † are still in brackets");
      writeFileSync(join(out, "big.pdf"), (await exportAs({ format: "pdf" })).body);
    } finally {
      await storage.close();
    }
    const text = await new Promise<string>((resolve, reject) =>
      execFile(
        "pdftotext",
        ["-enc", "UTF-8", join(out, "big.pdf"), "-"],
        { maxBuffer: 64 * 1024 * 1024 },
        (error, stdout) => (error ? reject(error) : resolve(stdout)),
      ),
    );
    expect(text).toContain("Art. 20.10");
    expect(text).toContain("Term 200:");
    expect(text).toContain(TITLE.toUpperCase());
    expect(text).toMatch(/Page 1 of \d{2}/);
    // A guard against hanging on a loaded machine (two CLI processes and a Chromium), not a timing assertion.
  }, 180_000);
});
