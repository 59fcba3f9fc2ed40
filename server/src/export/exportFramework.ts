/**
 * One export, start to end: the loaded framework → the export model → the requested format.
 * Used by the HTTP route and the CLI.
 */
import { buildExportModel, buildPlainModel } from "@parley/shared/export/buildModel";
import type { CommentThreadInput } from "@parley/shared/export/comments";
import { contentDisposition, exportFileName } from "@parley/shared/export/fileName";
import { renderHtml } from "@parley/shared/export/html";
import { renderMarkdown } from "@parley/shared/export/markdown";
import type { ExportModel } from "@parley/shared/export/model";
import { type ExportOptions, MEDIA_TYPES } from "@parley/shared/export/options";
import { readExportSource } from "@parley/shared/export/source";
import { threadsFromDiscussion } from "@parley/shared/export/threads";
import { cleanXmlText } from "@parley/shared/text/clean";
import type * as Y from "yjs";
import { renderDocx } from "./docx/document.js";
import type { LoadedFramework } from "./loadFramework.js";
import { renderPdf } from "./pdf.js";

/** Reads the comment threads of the discussion room. */
export type ReadThreads = (discussion: Y.Doc) => CommentThreadInput[];

export interface ExportResult {
  body: Buffer;
  contentType: string;
  fileName: string;
  /** The `Content-Disposition` header value (RFC 6266 / 5987). */
  contentDisposition: string;
}

export interface ExportDeps {
  /** Default: `threadsFromDiscussion` (the discussion room's threads). */
  readThreads?: ReadThreads;
  /** Chromium for PDFs; default: found on the machine (`findChromium`). */
  chromiumPath?: string | null;
}

export function modelOf(
  loaded: LoadedFramework,
  options: ExportOptions,
  readThreads: ReadThreads = threadsFromDiscussion,
): ExportModel {
  const source = readExportSource({
    title: loaded.record.title,
    updatedAt: loaded.record.updatedAt,
    framework: loaded.framework,
    threads: options.comments ? readThreads(loaded.discussion) : [],
  });
  // Markdown cannot draw a tracked change: the original text and a list of the suggestions.
  return options.format === "md"
    ? buildPlainModel(source, options)
    : buildExportModel(source, options);
}

export async function renderModel(
  model: ExportModel,
  format: ExportOptions["format"],
  deps: Pick<ExportDeps, "chromiumPath"> = {},
): Promise<Buffer> {
  switch (format) {
    case "md":
      return Buffer.from(renderMarkdown(model), "utf8");
    case "html":
      return Buffer.from(renderHtml(model), "utf8");
    case "docx":
      return renderDocx(model);
    case "pdf":
      return renderPdf(renderHtml(model), {
        executablePath: deps.chromiumPath,
        headerText: cleanXmlText(`${model.title} · ${model.designation}`),
      });
  }
}

export async function exportFramework(
  loaded: LoadedFramework,
  options: ExportOptions,
  deps: ExportDeps = {},
): Promise<ExportResult> {
  try {
    const model = modelOf(loaded, options, deps.readThreads);
    const body = await renderModel(model, options.format, deps);
    return {
      body,
      contentType: MEDIA_TYPES[options.format],
      fileName: exportFileName(loaded.record.title, options.format),
      contentDisposition: contentDisposition(loaded.record.title, options.format),
    };
  } finally {
    loaded.framework.destroy();
    loaded.discussion.destroy();
  }
}
