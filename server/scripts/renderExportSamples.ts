/**
 * Renders the sample exports of the phased reciprocal template (with sequencing records and two
 * comment threads) into `docs/export/`: Markdown, HTML, DOCX and PDF, then PNG pages of the PDF
 * (pdftoppm) and of the DOCX as LibreOffice lays it out (soffice → PDF → pdftoppm).
 * Run by hand: `pnpm --filter @parley/server export:samples` (needs Chromium,
 * poppler-utils and LibreOffice; not part of CI).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ExportOptions } from "@parley/shared/export/options";
import * as Y from "yjs";
import { exportFramework } from "../src/export/exportFramework.js";
import { writeSampleFramework } from "../src/test/exportFixtures.js";

const OUT = fileURLToPath(new URL("../../docs/export/", import.meta.url));
const TITLE = "Framework for Phased Reciprocal Steps";

function loaded(doc: Y.Doc) {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return {
    record: {
      id: "sample-framework",
      title: TITLE,
      createdAt: "2026-11-20T09:00:00.000Z",
      updatedAt: "2026-11-24T16:45:00.000Z",
    },
    framework: copy,
    discussion: new Y.Doc(),
  };
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const doc = new Y.Doc();
  const threads = writeSampleFramework(doc, TITLE);
  const base: Omit<ExportOptions, "format"> = {
    text: "brackets",
    comments: true,
    annexes: true,
    nonPaper: false,
  };
  for (const format of ["md", "html", "docx", "pdf"] as const) {
    const result = await exportFramework(
      loaded(doc),
      { ...base, format },
      { readThreads: () => threads },
    );
    writeFileSync(join(OUT, `sample.${format}`), result.body);
  }
  const clean = await exportFramework(
    loaded(doc),
    { ...base, format: "pdf", text: "clean", comments: false, nonPaper: true },
    {},
  );
  writeFileSync(join(OUT, "sample-clean-nonpaper.pdf"), clean.body);

  const work = mkdtempSync(join(tmpdir(), "parley-samples-"));
  try {
    execFileSync(
      "soffice",
      ["--headless", "--convert-to", "pdf", "--outdir", work, join(OUT, "sample.docx")],
      { stdio: "ignore" },
    );
    execFileSync("pdftoppm", [
      "-png",
      "-r",
      "70",
      join(work, "sample.pdf"),
      join(work, "docx-page"),
    ]);
    execFileSync("pdftoppm", ["-png", "-r", "70", join(OUT, "sample.pdf"), join(work, "pdf-page")]);
    execFileSync("pdftoppm", [
      "-png",
      "-r",
      "70",
      "-l",
      "1",
      join(OUT, "sample-clean-nonpaper.pdf"),
      join(work, "clean-page"),
    ]);
    for (const name of readdirSync(OUT)) if (name.endsWith(".png")) rmSync(join(OUT, name));
    for (const name of readdirSync(work)) {
      if (name.endsWith(".png"))
        renameSync(join(work, name), join(OUT, name.replace(/-0*(\d+)\.png$/, "-$1.png")));
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`samples written to ${OUT}`);
}

await main();
