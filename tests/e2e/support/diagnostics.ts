/**
 * What each person's page looked like when a test failed, printed with the failure: a run on CI
 * leaves only its output, so a rare failure has to explain itself there. For each person: the
 * page's address, the connection status, where the keyboard focus is, the editor's selection
 * and its text block by block (from the editor's state), and the page's last warnings and errors;
 * then what the server logged during the test (info and above: refusals, closed connections).
 */
import { readFile } from "node:fs/promises";
import type { ConsoleMessage, Page } from "@playwright/test";
import type { TiptapLike } from "./tiptapLike.js";

/** How many of a page's console warnings and errors are kept for the report. */
const KEPT_MESSAGES = 30;

/** A page's console warnings and errors and its uncaught exceptions, newest last. */
export function recordPageTrouble(page: Page): string[] {
  const kept: string[] = [];
  const keep = (line: string) => {
    kept.push(`${new Date().toISOString()} ${line}`);
    if (kept.length > KEPT_MESSAGES) kept.shift();
  };
  page.on("console", (message: ConsoleMessage) => {
    if (message.type() === "warning" || message.type() === "error")
      keep(`console.${message.type()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => keep(`uncaught: ${error.message}`));
  page.on("crash", () => keep("the page crashed"));
  return kept;
}

interface PageState {
  url: string;
  connection: string | null;
  focus: string;
  editorFocused: boolean | null;
  selection: string | null;
  blocks: string[] | null;
}

/** How long a page may take to answer for the report (a hung page must not hang the teardown). */
const READ_TIMEOUT_MS = 5000;

/**
 * The state of one page, read in the page; never throws: a closed page, or one that does not
 * answer within `READ_TIMEOUT_MS`, says so.
 */
async function pageState(page: Page): Promise<PageState | string> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`did not answer in ${READ_TIMEOUT_MS} ms`), READ_TIMEOUT_MS);
  });
  try {
    return await Promise.race([readPage(page), timeout]);
  } catch (error) {
    return `could not be read: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    clearTimeout(timer);
  }
}

function readPage(page: Page): Promise<PageState> {
  return page.evaluate(() => {
    const describe = (element: Element | null) =>
      element === null
        ? "none"
        : `${element.tagName.toLowerCase()}${element.className ? `.${String(element.className).split(" ").join(".")}` : ""}`;
    const holder = document.querySelector(".framework-text") as
      | (HTMLElement & { editor?: TiptapLike })
      | null;
    const editor = holder?.editor;
    const blocks: string[] = [];
    editor?.state.doc.forEach((node) => {
      blocks.push(`${node.type.name}: ${node.textContent}`);
    });
    return {
      url: location.pathname,
      connection:
        document.querySelector("[data-connection]")?.getAttribute("data-connection") ?? null,
      focus: describe(document.activeElement),
      editorFocused: editor ? editor.view.hasFocus() : null,
      selection: editor ? `${editor.state.selection.from}-${editor.state.selection.to}` : null,
      blocks: editor ? blocks : null,
    };
  });
}

/** One person's part of the report. */
export async function describePerson(
  name: string,
  page: Page,
  trouble: readonly string[],
): Promise<string> {
  const state = await pageState(page);
  const lines = [`--- ${name}`];
  if (typeof state === "string") lines.push(`page ${state}`);
  else {
    lines.push(
      `page ${state.url}, connection ${state.connection ?? "not shown"}, focus on ${state.focus}` +
        `, editor focused ${String(state.editorFocused)}, selection ${state.selection ?? "none"}`,
    );
    for (const block of state.blocks ?? []) lines.push(`  | ${block}`);
  }
  if (trouble.length > 0) lines.push("warnings and errors:", ...trouble.map((t) => `  ${t}`));
  return lines.join("\n");
}

/**
 * The server's log lines (pino's JSON, written by the global setup to `logFile`) at or after
 * `sinceMs`; none when there is no log.
 */
export async function serverLinesSince(
  logFile: string | undefined,
  sinceMs: number,
): Promise<string[]> {
  if (!logFile) return [];
  let text: string;
  try {
    text = await readFile(logFile, "utf8");
  } catch {
    return [];
  }
  return text.split("\n").filter((line) => {
    if (line.trim() === "") return false;
    try {
      const entry = JSON.parse(line) as { time?: unknown };
      return typeof entry.time === "number" && entry.time >= sinceMs;
    } catch {
      return true;
    }
  });
}
