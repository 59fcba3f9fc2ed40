/**
 * Build step: a copy of index.html for the framework page (`framework.html`) that asks for the
 * editor's code at once. The editor's chunk is loaded lazily (the home page does not need it), so
 * without this the browser learns of it only after the app's first chunk has run: one more round
 * of downloads before anything of the framework can show. The server sends this copy for `/f/…`.
 */
import type { Plugin } from "vite";

/** What the build knows of one output chunk (a subset of Rolldown's output chunk). */
export interface ChunkInfo {
  fileName: string;
  facadeModuleId: string | null;
  imports: readonly string[];
  css: readonly string[];
}

export interface PreloadLinks {
  modules: string[];
  styles: string[];
}

/**
 * The files a lazily loaded module needs before it runs: its chunk, the chunks it imports
 * statically (transitively), and their CSS, minus what the page's entry already loads.
 * `null` when no chunk is that module's.
 */
export function preloadLinksFor(
  chunks: readonly ChunkInfo[],
  moduleSuffix: string,
  entryFile: string,
): PreloadLinks | null {
  const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const target = chunks.find((chunk) => chunk.facadeModuleId?.endsWith(moduleSuffix));
  if (!target) return null;
  const loaded = new Set<string>();
  const collect = (file: string, into: Set<string>) => {
    if (into.has(file)) return;
    into.add(file);
    for (const next of byFile.get(file)?.imports ?? []) collect(next, into);
  };
  collect(entryFile, loaded);
  const needed = new Set<string>();
  collect(target.fileName, needed);
  const modules = [...needed].filter((file) => !loaded.has(file));
  const loadedCss = new Set([...loaded].flatMap((file) => byFile.get(file)?.css ?? []));
  const styles = [...new Set(modules.flatMap((file) => byFile.get(file)?.css ?? []))].filter(
    (file) => !loadedCss.has(file),
  );
  return { modules, styles };
}

/** The `<link>` tags for those files, as Vite writes its own (same `crossorigin` mode). */
export function preloadTags(links: PreloadLinks, base: string): string {
  const attr = (file: string) => `${base}${file}`.replace(/"/g, "&quot;");
  return [
    ...links.modules.map((file) => `<link rel="modulepreload" crossorigin href="${attr(file)}">`),
    ...links.styles.map(
      (file) => `<link rel="preload" as="style" crossorigin href="${attr(file)}">`,
    ),
  ].join("\n    ");
}

/** Emits `outFile`: index.html with the preload links of `moduleSuffix`'s chunk in its head. */
export function routePreload(options: { moduleSuffix: string; outFile: string }): Plugin {
  let base = "/";
  return {
    name: "parley:route-preload",
    apply: "build",
    enforce: "post",
    configResolved(config) {
      base = config.base;
    },
    generateBundle(_options, bundle) {
      const html = bundle["index.html"];
      if (html?.type !== "asset") this.error("index.html is not in the bundle");
      const chunks: ChunkInfo[] = [];
      let entryFile: string | null = null;
      for (const output of Object.values(bundle)) {
        if (output.type !== "chunk") continue;
        if (output.isEntry) entryFile = output.fileName;
        chunks.push({
          fileName: output.fileName,
          facadeModuleId: output.facadeModuleId,
          imports: output.imports,
          css: [...(output.viteMetadata?.importedCss ?? [])],
        });
      }
      if (entryFile === null) this.error("the bundle has no entry chunk");
      const links = preloadLinksFor(chunks, options.moduleSuffix, entryFile);
      if (!links) this.error(`no chunk is ${options.moduleSuffix}'s`);
      const source = String(html.source);
      if (!source.includes("</head>")) this.error("index.html has no </head>");
      this.emitFile({
        type: "asset",
        fileName: options.outFile,
        source: source.replace("</head>", `  ${preloadTags(links, base)}\n  </head>`),
      });
    },
  };
}
