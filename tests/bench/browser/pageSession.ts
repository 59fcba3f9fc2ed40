/**
 * One measured page: Parley's framework page or the bare editor, opened in a fresh browser
 * context with the probe installed. Load time is from navigation to an editable editor showing
 * the document's last paragraph; typing is Playwright's keyboard at a steady rate at the end of
 * the last paragraph.
 */
import { writeFileSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { BARE_DIR } from "./bare/page.js";
import {
  type FrameCauses,
  type FrameFigures,
  frameCauses,
  frameFigures,
  type KeydownFigures,
  keydownFigures,
  LONG_FRAME_MS,
  recordSince,
} from "./browserStats.js";
import { installProbe, type ProbeRecord, type ProbeWindow } from "./pageProbe.js";
import {
  ALIGN_MARK,
  type FrameThreadTime,
  type FrameWindow,
  framesThreadTime,
  type TraceEvent,
} from "./traceFrames.js";

export type PageKind = "parley" | "bare";

export interface Framework {
  id: string;
  /** A token the page can open the framework with. */
  token: string;
  /** Text at the end of the document's last paragraph (the page is loaded once it shows). */
  lastText: string;
}

export interface OpenPage {
  page: Page;
  context: BrowserContext;
  loadMs: number;
}

/** The editor element: Parley's `.framework-text`, the bare page's `.bench-editor`. */
const EDITOR = { parley: ".framework-text", bare: ".bench-editor" } as const;
const BARE_PATH = `/${BARE_DIR}/index.html`;

export async function openPage(options: {
  browser: Browser;
  baseUrl: string;
  kind: PageKind;
  framework: Framework;
  /** Also record a CPU profile of the load (navigation to editable) into this file. */
  profileTo?: string;
}): Promise<OpenPage> {
  const { browser, baseUrl, kind, framework, profileTo } = options;
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  // tsx compiles the harness with esbuild's keepNames, which wraps functions in `__name(…)`: the
  // probe is serialized from that code, so the page needs the helper (as identity) first.
  await context.addInitScript({ content: "globalThis.__name ??= (f) => f;" });
  await context.addInitScript(installProbe);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  let url: string;
  if (kind === "bare") {
    const ws = `${baseUrl.replace(/^http/, "ws")}/sync`;
    url = `${baseUrl}${BARE_PATH}?${new URLSearchParams({ ws, room: framework.id, token: framework.token })}`;
  } else {
    // Parley asks a first-time visitor's name before anything else: answered as a person would
    await page.goto(`${baseUrl}/`);
    const prompt = page.getByRole("dialog", { name: "Welcome to Parley" });
    await prompt.getByLabel("Your name").fill("Typist");
    await prompt.getByRole("button", { name: "Continue" }).click();
    await prompt.waitFor({ state: "hidden" });
    url = `${baseUrl}/f/${framework.id}?token=${encodeURIComponent(framework.token)}`;
  }
  const profiler = profileTo ? await startProfiler({ page, context }) : null;
  const started = Date.now();
  await page.goto(url);
  await page
    .waitForFunction(
      ([selector, last]) => {
        const editor = document.querySelector(selector);
        return (
          editor?.getAttribute("contenteditable") === "true" &&
          (editor.textContent ?? "").includes(last)
        );
      },
      [EDITOR[kind], framework.lastText] as const,
      { timeout: 120_000, polling: "raf" },
    )
    .catch(async (error: unknown) => {
      await context.close();
      throw new Error(
        `${kind} page not editable: ${String(error)}; page errors: ${problems.slice(0, 3).join(" / ") || "none"}`,
      );
    });
  const loadMs = Date.now() - started;
  if (profiler && profileTo) await profiler.stopTo(profileTo);
  return { page, context, loadMs };
}

/** The Tiptap editor on the element (Tiptap keeps it as `element.editor`), structurally typed. */
interface EditorHolder {
  editor?: {
    state: {
      doc: {
        descendants(
          fn: (node: { type: { name: string }; nodeSize: number }, pos: number) => void,
        ): void;
      };
    };
    commands: { focus(): boolean; setTextSelection(position: number): boolean };
  };
}

/**
 * Puts the caret at the end of the last paragraph (clicked first, as a person gives focus). A
 * page saturated by remote edits may take long to run the script: up to 2 minutes.
 */
export async function focusEnd(open: OpenPage, kind: PageKind): Promise<void> {
  const editor = open.page.locator(EDITOR[kind]);
  // A page that is too busy to take the click in time still gets the caret through the editor.
  await editor
    .locator("p")
    .last()
    .click({ timeout: 10_000 })
    .catch(() => undefined);
  await editor.evaluate(
    (element) => {
      const holder = (element as HTMLElement & EditorHolder).editor;
      if (!holder) throw new Error("no Tiptap editor on the element");
      let end = -1;
      holder.state.doc.descendants((node, pos) => {
        if (node.type.name === "paragraph") end = pos + node.nodeSize - 1;
      });
      holder.commands.setTextSelection(end);
      holder.commands.focus();
    },
    undefined,
    { timeout: 120_000 },
  );
}

export interface TypingFigures {
  /** Wall time of the typing: planned keys × interval, longer when the page fell behind. */
  typingMs: number;
  keydown: KeydownFigures;
  frames: FrameFigures;
  causes: FrameCauses;
  /** With `--trace`: the page's main thread in each frame over 50 ms. */
  longFrameThreads?: FrameThreadTime[];
}

/**
 * Types `keys` characters, one every `intervalMs`, and summarizes what the page recorded
 * meanwhile. Each press waits for the page to take it, so a page that falls behind types slower;
 * typing stops at three times the planned duration (plus 10 s), and the figures are over the
 * keys actually pressed (`keydown.pressed`).
 */
export async function typeAndMeasure(
  open: OpenPage,
  keys: number,
  intervalMs: number,
  profileTo?: string,
  traceTo?: string,
): Promise<TypingFigures> {
  const { page } = open;
  const profiler = profileTo ? await startProfiler(open) : null;
  const tracer = traceTo ? await startTrace(open) : null;
  const since = await page.evaluate(() => performance.now());
  const text = "the parties confirm ";
  const start = Date.now();
  const deadline = start + keys * intervalMs * 3 + 10_000;
  let pressed = 0;
  for (let i = 0; i < keys && Date.now() < deadline; i++) {
    const wait = start + i * intervalMs - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const char = text[i % text.length]!;
    await page.keyboard.press(char === " " ? "Space" : char);
    pressed++;
  }
  const typingMs = Date.now() - start;
  // the last keystrokes' entries arrive after their frame is painted
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 200))),
  );
  if (profiler && profileTo) await profiler.stopTo(profileTo);
  const record = await page.evaluate(() => (window as unknown as ProbeWindow).__benchProbe);
  if (!record) throw new Error("the page probe did not run");
  const measured = recordSince(record as ProbeRecord, since);
  const longFrames = measured.frames.filter((f) => f.duration > LONG_FRAME_MS);
  const threadTime = tracer && traceTo ? await tracer.stopTo(traceTo, longFrames) : undefined;
  return {
    keydown: keydownFigures(measured.keydowns, pressed),
    frames: frameFigures(measured),
    causes: frameCauses(measured.frames),
    typingMs,
    ...(threadTime ? { longFrameThreads: threadTime } : {}),
  };
}

/**
 * A Chromium trace of the page's top-level tasks (`--trace`), with a mark that aligns its clock
 * with the page's: `stopTo` writes it and returns the main thread's time in each given frame.
 */
async function startTrace(open: Pick<OpenPage, "page" | "context">): Promise<{
  stopTo(file: string, frames: readonly FrameWindow[]): Promise<FrameThreadTime[]>;
}> {
  const browser = open.context.browser();
  if (!browser) throw new Error("--trace needs the page's browser");
  await browser.startTracing(open.page, { categories: ["toplevel", "blink.user_timing"] });
  const markStartTime = await open.page.evaluate(
    (name) => performance.mark(name).startTime,
    ALIGN_MARK,
  );
  return {
    async stopTo(file, frames) {
      const buffer = await browser.stopTracing();
      writeFileSync(file, buffer);
      const parsed = JSON.parse(buffer.toString("utf8")) as { traceEvents?: TraceEvent[] };
      const times = framesThreadTime(parsed.traceEvents ?? [], frames, markStartTime);
      if (!times) throw new Error(`the trace ${file} holds no ${ALIGN_MARK} mark`);
      return times;
    },
  };
}

/** The page's JS heap in use after a full collection (CDP), in bytes. */
export async function heapAfterGc(open: OpenPage): Promise<number> {
  const session = await open.context.newCDPSession(open.page);
  try {
    await session.send("HeapProfiler.collectGarbage");
    const usage = await session.send("Runtime.getHeapUsage");
    return usage.usedSize;
  } finally {
    await session.detach();
  }
}

/**
 * Chromium's sampling CPU profiler on the page (CDP), for `--profile`: `stopTo` writes the
 * `.cpuprofile` (its script URLs are the served bundle's; `run.ts` maps them to sources).
 */
async function startProfiler(
  open: Pick<OpenPage, "page" | "context">,
): Promise<{ stopTo(file: string): Promise<void> }> {
  const session = await open.context.newCDPSession(open.page);
  await session.send("Profiler.enable");
  await session.send("Profiler.setSamplingInterval", { interval: 500 });
  await session.send("Profiler.start");
  return {
    async stopTo(file: string) {
      const { profile } = await session.send("Profiler.stop");
      writeFileSync(file, JSON.stringify(profile));
      await session.detach();
    },
  };
}
