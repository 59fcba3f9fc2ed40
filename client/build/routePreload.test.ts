import { describe, expect, it } from "vitest";
import { type ChunkInfo, preloadLinksFor, preloadTags } from "./routePreload.js";

const chunk = (fileName: string, imports: string[] = [], css: string[] = [], facade?: string) => ({
  fileName,
  facadeModuleId: facade ?? null,
  imports,
  css,
});

const chunks: ChunkInfo[] = [
  chunk(
    "assets/index.js",
    ["assets/runtime.js", "assets/shared.js"],
    ["assets/index.css"],
    "/app/src/main.tsx",
  ),
  chunk("assets/runtime.js"),
  chunk("assets/shared.js", [], ["assets/index.css"]),
  chunk(
    "assets/EditorPage.js",
    ["assets/editor.js", "assets/shared.js"],
    ["assets/EditorPage.css"],
    "/app/src/app/EditorPage.tsx",
  ),
  chunk("assets/editor.js", ["assets/runtime.js", "assets/deep.js"], ["assets/editor.css"]),
  chunk("assets/deep.js"),
  chunk("assets/Home.js", [], ["assets/home.css"], "/app/src/app/Home.tsx"),
];

describe("the framework page's preload links", () => {
  it("name the lazy module's chunk and everything it imports, without what the entry already loads", () => {
    expect(preloadLinksFor(chunks, "/src/app/EditorPage.tsx", "assets/index.js")).toEqual({
      modules: ["assets/EditorPage.js", "assets/editor.js", "assets/deep.js"],
      styles: ["assets/EditorPage.css", "assets/editor.css"],
    });
  });

  it("are null when no chunk is the module's", () => {
    expect(preloadLinksFor(chunks, "/src/app/Nowhere.tsx", "assets/index.js")).toBeNull();
  });

  it("are written like Vite's own, with the base and escaped", () => {
    expect(preloadTags({ modules: ["assets/a.js"], styles: ['assets/"b.css'] }, "/")).toBe(
      '<link rel="modulepreload" crossorigin href="/assets/a.js">\n    <link rel="preload" as="style" crossorigin href="/assets/&quot;b.css">',
    );
  });
});
