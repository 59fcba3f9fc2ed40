/**
 * Test-only: a DOM for headless Tiptap editors in the node test environment.
 *
 * Why not `// @vitest-environment jsdom`: the workspace's jsdom 31 needs Node >= 22 (its undici
 * calls zlib's zstd API), and this machine runs Node 20; jsdom 26 (aliased `jsdom-node20`) works.
 * Call `installDom()` once at the top of a test file, before creating editors.
 */
import { JSDOM } from "jsdom-node20";
import { populateGlobal } from "vitest/runtime";

export function installDom(): void {
  if ("document" in globalThis) return;
  const dom = new JSDOM("<!doctype html><html><body></body></html>", {
    pretendToBeVisual: true,
    url: "http://127.0.0.1/",
  });
  populateGlobal(globalThis, dom.window, { bindFunctions: true });
}
