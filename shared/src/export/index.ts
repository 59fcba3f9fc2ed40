/**
 * Export: a framework's Y.Docs → the export model → Markdown or HTML (DOCX and PDF are rendered
 * on the server from the same model). Pure: no DOM, no Node I/O.
 *
 *   const source = readExportSource({ title, updatedAt, framework, threads: [] });
 *   const model = buildExportModel(source, options);
 *   renderMarkdown(model); renderHtml(model);
 */
export * from "./buildModel.js";
export * from "./comments.js";
export * from "./fileName.js";
export * from "./fromYDoc.js";
export * from "./html.js";
export * from "./markdown.js";
export type * from "./model.js";
export * from "./options.js";
export * from "./source.js";
export * from "./threads.js";
export * from "./version.js";
export * from "./walk.js";
