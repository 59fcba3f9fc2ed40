/**
 * `GET /api/frameworks/:id/export?format=md|html|docx|pdf&text=brackets|clean&comments=…&annexes=…&nonPaper=…`
 *
 * Mount with `app.use("/api/frameworks", createExportRouter(deps))` (before the API's 404
 * fallback). It answers the export as an attachment with a matching Content-Type and a file name
 * from the title (`filename*=UTF-8''…` for non-ASCII titles); errors are the API's JSON errors:
 * 400 `invalid_request` for bad options, 404 `not_found`, whatever `checkAccess` throws (401/403),
 * 503 `pdf_unavailable` when no Chromium can print.
 */
import { parseExportOptions } from "@parley/shared/export/options";
import { isFrameworkId } from "@parley/shared/protocol";
import { type Request, Router } from "express";
import type { ExportResult, ReadThreads } from "../export/exportFramework.js";
import type { LoadFramework } from "../export/loadFramework.js";
import { PdfUnavailableError } from "../export/pdf.js";
import { HttpError } from "./errors.js";

type ExportPipeline = typeof import("../export/exportFramework.js");
let pipeline: Promise<ExportPipeline> | null = null;

/**
 * The export pipeline (Tiptap's schema and y-tiptap, docx, the renderers: ~8 MB of heap) is
 * loaded on the first export, not when the server starts: most servers seldom export. A failed
 * load is not cached, so the next request tries again.
 */
function loadExportPipeline(): Promise<ExportPipeline> {
  pipeline ??= import("../export/exportFramework.js").catch((error: unknown) => {
    pipeline = null;
    throw error;
  });
  return pipeline;
}

export interface ExportRouterDeps {
  /** Loads the framework read-only from storage: `storageLoader(storage)` (export/loadFramework). */
  loadFramework: LoadFramework;
  /**
   * The access check of reading the framework, run before anything is loaded: resolve (with
   * anything) to allow, throw an `HttpError` (401 / 403) to refuse. E.g.
   * `(req, id) => requireRole(req, access, id, REST_MINIMUM_ROLE.readFramework)`.
   */
  checkAccess: (req: Request, frameworkId: string) => unknown;
  /** Comment threads of the discussion room; default `threadsFromDiscussion`. */
  readThreads?: ReadThreads;
  /** Chromium for PDF; default: `$PARLEY_CHROMIUM`, `/usr/bin/chromium`, … (`findChromium`). */
  chromiumPath?: string | null;
}

export function createExportRouter(deps: ExportRouterDeps): Router {
  const router = Router();

  router.get("/:id/export", async (req, res) => {
    const id = String(req.params.id ?? "");
    if (!isFrameworkId(id)) throw new HttpError(404, "not_found", `No framework with id "${id}".`);
    await deps.checkAccess(req, id);
    const options = parseExportOptions(req.query);
    if (!options.ok) throw new HttpError(400, "invalid_request", options.message);
    const loaded = await deps.loadFramework(id);
    if (!loaded) throw new HttpError(404, "not_found", `No framework with id "${id}".`);
    const { exportFramework } = await loadExportPipeline();
    let result: ExportResult;
    try {
      result = await exportFramework(loaded, options.value, {
        readThreads: deps.readThreads,
        chromiumPath: deps.chromiumPath,
      });
    } catch (error) {
      if (error instanceof PdfUnavailableError) {
        throw new HttpError(503, "pdf_unavailable", error.message);
      }
      throw error;
    }
    res
      .status(200)
      .set({
        "Content-Type": result.contentType,
        "Content-Disposition": result.contentDisposition,
        "Content-Length": String(result.body.byteLength),
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
      })
      .end(result.body);
  });

  return router;
}
