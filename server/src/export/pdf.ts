/**
 * PDF: the HTML export printed by headless Chromium (playwright-core, the system's Chromium), A4,
 * with the title and version in the page header and "Page N of M" in the footer. Chromium is
 * started per export and closed after it; one export at a time prints (a queue), so a burst of
 * PDF requests cannot start a browser each. playwright-core is imported on the first PDF only.
 */
import type { Browser } from "playwright-core";
import { findChromium } from "./chromium.js";

export class PdfUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PdfUnavailableError";
  }
}

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

export interface PdfOptions {
  /** The Chromium executable; default: `findChromium()`. */
  executablePath?: string | null;
  /** Printed small in the page header (the title and version stamp). */
  headerText: string;
}

function escapeTemplate(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const TEMPLATE_STYLE =
  'font-family: "Times New Roman", "Liberation Serif", "DejaVu Serif", serif; font-size: 8pt; color: #555; width: 100%; margin: 0 22mm 0 24mm;';

let queue: Promise<unknown> = Promise.resolve();

/** Runs `task` after every print started before it (one Chromium at a time). */
function serialised<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

export function renderPdf(html: string, options: PdfOptions): Promise<Buffer> {
  const executablePath =
    options.executablePath === undefined ? findChromium() : options.executablePath;
  if (!executablePath) {
    return Promise.reject(
      new PdfUnavailableError(
        "PDF export needs Chromium, and none was found: install it (Debian: apt-get install chromium) or set PARLEY_CHROMIUM to its path.",
      ),
    );
  }
  return serialised(async () => {
    let browser: Browser;
    try {
      // Loaded on the first PDF, not at server start: playwright-core is large.
      const { chromium } = await import("playwright-core");
      browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
    } catch (error) {
      throw new PdfUnavailableError(
        `PDF export could not start Chromium at ${executablePath}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`,
      );
    }
    try {
      const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: "load" });
      const pdf = await page.pdf({
        format: "A4",
        printBackground: true,
        displayHeaderFooter: true,
        preferCSSPageSize: true,
        headerTemplate: `<div style='${TEMPLATE_STYLE} text-align: right;'>${escapeTemplate(options.headerText)}</div>`,
        footerTemplate: `<div style='${TEMPLATE_STYLE} text-align: center;'>Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>`,
      });
      return Buffer.from(pdf);
    } finally {
      await browser.close();
    }
  });
}
