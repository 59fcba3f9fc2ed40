/**
 * `GET /api/frameworks/:id/export?format=md|html|docx|pdf&text=brackets|clean&comments=…&annexes=…&nonPaper=…`
 *
 * Mount with `app.use("/api/frameworks", createExportRouter(deps))` (before the API's 404
 * fallback). It answers the export as an attachment with a matching Content-Type and a file name
 * from the title (`filename*=UTF-8''…` for non-ASCII titles); errors are the API's JSON errors:
 * 400 `invalid_request` for bad options, 404 `not_found`, whatever `checkAccess` throws (401/403),
 * 503 `pdf_unavailable` when no Chromium can print.
 */

import type { Principal } from "@parley/shared/access/roles";
import { parseExportOptions } from "@parley/shared/export/options";
import { isFrameworkId } from "@parley/shared/protocol";
import { CreateVersionBody } from "@parley/shared/versions/api";
import { type Request, Router } from "express";
import * as Y from "yjs";
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
  /**
   * `recordVersion=<name>` (not an export option: taken off the query first): the exported state
   * is also saved as a version of kind "export". `check` runs before anything is loaded (throws
   * 401/403 for a caller who may not save versions); `save` runs once the export succeeded and
   * answers the version's id (sent as `X-Parley-Version`).
   */
  recordVersion?: {
    check(req: Request, frameworkId: string): Promise<Principal>;
    save(
      frameworkId: string,
      name: string,
      principal: Principal,
      states: { framework: Uint8Array; discussion: Uint8Array },
    ): Promise<string | null>;
  };
}

export function createExportRouter(deps: ExportRouterDeps): Router {
  const router = Router();

  router.get("/:id/export", async (req, res) => {
    const id = String(req.params.id ?? "");
    if (!isFrameworkId(id)) throw new HttpError(404, "not_found", `No framework with id "${id}".`);
    await deps.checkAccess(req, id);
    const { recordVersion, ...query } = req.query;
    const options = parseExportOptions(query);
    if (!options.ok) throw new HttpError(400, "invalid_request", options.message);
    let record: { name: string; principal: Principal } | null = null;
    if (recordVersion !== undefined) {
      const name = CreateVersionBody.shape.name.safeParse(recordVersion);
      if (!name.success || !deps.recordVersion) {
        throw new HttpError(
          400,
          "invalid_request",
          "recordVersion: the name of the version (1 to 200 characters).",
        );
      }
      record = { name: name.data, principal: await deps.recordVersion.check(req, id) };
    }
    const loaded = await deps.loadFramework(id);
    if (!loaded) throw new HttpError(404, "not_found", `No framework with id "${id}".`);
    // Read before exporting: converting the text may change the documents it is given.
    const states = record
      ? {
          framework: Y.encodeStateAsUpdate(loaded.framework),
          discussion: Y.encodeStateAsUpdate(loaded.discussion),
        }
      : null;
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
    if (record && states && deps.recordVersion) {
      const versionId = await deps.recordVersion.save(id, record.name, record.principal, states);
      if (!versionId) throw new HttpError(404, "not_found", `No framework with id "${id}".`);
      res.set("X-Parley-Version", versionId);
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
