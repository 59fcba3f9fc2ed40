/**
 * `/api/frameworks/:id/versions` and `/api/frameworks/:id/compare`: named versions of a framework.
 *
 * - `POST /versions {name, note?}` (drafter and up, a personal token): saves the current state.
 * - `GET /versions` (observer and up): the list, newest first, without content.
 * - `GET /versions/:v` (observer and up): the version with its text as ProseMirror JSON and its
 *   snapshot (terms, brackets, stances, sequencing records); `?format=update&room=framework|
 *   discussion` answers the room's raw Yjs state instead, for a throwaway Y.Doc in the client.
 * - `POST /versions/:v/restore` (mediator): saves a "before restore" version, then writes the
 *   version's content as new edits.
 * - `DELETE /versions/:v` (mediator).
 * - `GET /compare?from=&to=&format=json|html|pdf|docx` (observer and up): `to` is a version or
 *   `now` (the default). DOCX is a redline: each changed term's word diff as Word tracked changes.
 * - `GET /authorship` (observer and up): who wrote under each client id of the framework room
 *   (name and party only), for the editor's "colour by author" view.
 *
 * Errors: 400 `invalid_request` for bad input, 401/403 from the token and role checks, 404
 * `not_found` for an unknown framework or version, 409 `too_many_versions`.
 */
import type { Principal } from "@parley/shared/access/roles";
import type { Actor } from "@parley/shared/model/actor";
import { ID_PATTERN } from "@parley/shared/model/ids";
import {
  type AuthorshipAnswer,
  type ComparisonAnswer,
  CreateVersionBody,
  isVersionId,
  MAX_VERSIONS_PER_FRAMEWORK,
  type RestoreAnswer,
  type VersionContentAnswer,
  type VersionList,
} from "@parley/shared/versions/api";
import { actorOfMember } from "@parley/shared/versions/authorshipBetween";
import express, { type Request, Router } from "express";
import type { AccessService } from "../access/accessService.js";
import type { AuditSink } from "../core/auditSink.js";
import type { RoomManager } from "../core/roomManager.js";
import type { DocumentStorage, VersionRecord } from "../storage/documentStorage.js";
import { frameworkRoomName } from "../versions/roomStates.js";
import type { VersionService } from "../versions/versionService.js";
import { VersionStore } from "../versions/versionStore.js";
import { requireRole } from "./auth.js";
import { HttpError } from "./errors.js";
import {
  frameworkIdParam,
  MAX_JSON_BODY_BYTES,
  notFound,
  parseBody,
  requireJson,
} from "./frameworksRouter.js";

export interface VersionsRouterOptions {
  storage: DocumentStorage;
  manager: RoomManager;
  access: AccessService;
  audit: AuditSink;
  /** Chromium for the PDF of a comparison (default: `findChromium`). */
  chromiumPath?: string | null;
}

type Service = typeof import("../versions/versionService.js");
let serviceModule: Promise<Service> | null = null;

/**
 * The versions service reads documents with Tiptap's schema (like the export): loaded on the
 * first versions request, not when the server starts.
 */
function loadService(): Promise<Service> {
  serviceModule ??= import("../versions/versionService.js").catch((error: unknown) => {
    serviceModule = null;
    throw error;
  });
  return serviceModule;
}

/** The author of a version: who the token says. */
export function actorOf(principal: Principal): Actor {
  const actor: Actor = {
    name: principal.name?.trim() ? principal.name.trim().slice(0, 120) : "Unnamed participant",
    party: principal.party !== null && ID_PATTERN.test(principal.party) ? principal.party : null,
    role: principal.role,
  };
  if (/^[A-Za-z0-9_-]{1,80}$/.test(principal.member)) actor.member = principal.member;
  return actor;
}

function versionParam(req: Request): string {
  const id = String(req.params.v ?? "");
  if (!isVersionId(id)) throw unknownVersion(id);
  return id;
}

function unknownVersion(id: string): HttpError {
  return new HttpError(404, "not_found", `No version "${id.slice(0, 40)}" of this framework.`);
}

function queryString(req: Request, name: string): string | undefined {
  const value = req.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== "string") {
    throw new HttpError(400, "invalid_request", `${name}: give it once, as text.`);
  }
  return value;
}

const COMPARE_FORMATS = ["json", "html", "pdf", "docx"] as const;
type CompareFormat = (typeof COMPARE_FORMATS)[number];

function isCompareFormat(value: string): value is CompareFormat {
  return (COMPARE_FORMATS as readonly string[]).includes(value);
}

/** The time of the later of two sides (a side without a record is now). */
function laterTime(from: string | undefined, to: string | undefined, now = new Date()): string {
  const times = [from ?? now.toISOString(), to ?? now.toISOString()].map((iso) => {
    const ms = Date.parse(iso);
    return Number.isNaN(ms) ? now.getTime() : ms;
  });
  return new Date(Math.max(...times)).toISOString();
}

/** 409 once a framework holds `MAX_VERSIONS_PER_FRAMEWORK` versions. */
async function refuseOverLimit(storage: DocumentStorage, frameworkId: string): Promise<void> {
  if ((await storage.listVersions(frameworkId)).length >= MAX_VERSIONS_PER_FRAMEWORK) {
    throw new HttpError(
      409,
      "too_many_versions",
      `This framework holds ${MAX_VERSIONS_PER_FRAMEWORK} versions already: a mediator must delete some first.`,
    );
  }
}

/**
 * The export's "record as a version" (`ExportRouterDeps.recordVersion`): drafters and up with a
 * personal token; the exported state saved as a version of kind "export", audited.
 */
export function recordExportVersion(options: VersionsRouterOptions) {
  const store = new VersionStore(options.storage, options.manager);
  return {
    async check(req: Request, frameworkId: string): Promise<Principal> {
      const { principal } = await requireRole(req, options.access, frameworkId, "drafter", true);
      await refuseOverLimit(options.storage, frameworkId);
      return principal;
    },
    async save(
      frameworkId: string,
      name: string,
      principal: Principal,
      states: { framework: Uint8Array; discussion: Uint8Array },
    ): Promise<string | null> {
      const record = await store.create(
        { frameworkId, name, note: "", kind: "export", by: actorOf(principal) },
        states,
      );
      if (record) {
        options.audit.record({
          frameworkId,
          action: "version.created",
          principal,
          bytes: record.storedBytes,
          detail: `${record.id} "${record.name}" (export)`,
        });
      }
      return record?.id ?? null;
    },
  };
}

export function versionsRouter(options: VersionsRouterOptions): Router {
  const { storage, manager, access, audit } = options;
  const router = Router({ mergeParams: true });
  const json = express.json({ limit: MAX_JSON_BODY_BYTES, strict: true });
  const store = new VersionStore(storage, manager);
  let service: VersionService | null = null;
  const versions = async (): Promise<VersionService> => {
    if (!service) {
      const { VersionService } = await loadService();
      service ??= new VersionService(storage, manager, store);
    }
    return service;
  };
  const requireFramework = async (id: string) => {
    if (!(await storage.getFramework(id))) throw notFound(id);
  };
  const readSide = async (id: string, versionId: string) => {
    const side = await store.side(id, versionId);
    if (!side) throw unknownVersion(versionId);
    return side;
  };

  router.post("/versions", requireJson, json, async (req, res) => {
    const id = frameworkIdParam(req);
    const { principal } = await requireRole(req, access, id, "drafter", true);
    const body = parseBody(CreateVersionBody, req.body);
    await requireFramework(id);
    await refuseOverLimit(storage, id);
    const record = await store.create({
      frameworkId: id,
      name: body.name,
      note: body.note ?? "",
      kind: "manual",
      by: actorOf(principal),
    });
    if (!record) throw notFound(id);
    audit.record({
      frameworkId: id,
      action: "version.created",
      principal,
      bytes: record.storedBytes,
      detail: `${record.id} "${record.name}"`,
    });
    res.status(201).location(`/api/frameworks/${id}/versions/${record.id}`).json(record);
  });

  router.get("/versions", async (req, res) => {
    const id = frameworkIdParam(req);
    await requireRole(req, access, id, "observer");
    await requireFramework(id);
    const body: VersionList = { versions: await storage.listVersions(id) };
    res.json(body);
  });

  router.get("/authorship", async (req, res) => {
    const id = frameworkIdParam(req);
    await requireRole(req, access, id, "observer");
    await requireFramework(id);
    // The framework room only: every member reads its text. Private rooms bind other client ids.
    const [bindings, members] = await Promise.all([
      storage.loadClientBindings(frameworkRoomName(id)),
      storage.loadMembers(id),
    ]);
    const body: AuthorshipAnswer = {
      writers: bindings.map(({ client, principal }) => {
        const { name, party } = actorOfMember(principal, members.get(principal));
        return { client, name, party };
      }),
    };
    res.set("Cache-Control", "no-store").json(body);
  });

  router.get("/versions/:v", async (req, res) => {
    const id = frameworkIdParam(req);
    await requireRole(req, access, id, "observer");
    const versionId = versionParam(req);
    const format = queryString(req, "format") ?? "json";
    const room = queryString(req, "room") ?? "framework";
    if (format !== "json" && format !== "update") {
      throw new HttpError(400, "invalid_request", 'format: "json" or "update".');
    }
    if (room !== "framework" && room !== "discussion") {
      throw new HttpError(400, "invalid_request", 'room: "framework" or "discussion".');
    }
    const side = await store.read(id, versionId);
    if (!side?.record) throw unknownVersion(versionId);
    if (format === "update") {
      const bytes = room === "framework" ? side.states.framework : side.states.discussion;
      res
        .status(200)
        .set({
          "Content-Type": "application/octet-stream",
          "Content-Length": String(bytes.byteLength),
          "Cache-Control": "no-store",
        })
        .end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      return;
    }
    const { document, snapshot } = (await versions()).contentOf(side.states);
    const body: VersionContentAnswer = { version: side.record, document, snapshot };
    res.json(body);
  });

  router.delete("/versions/:v", async (req, res) => {
    const id = frameworkIdParam(req);
    const { principal } = await requireRole(req, access, id, "mediator", true);
    const versionId = versionParam(req);
    if (!(await store.delete(id, versionId))) throw unknownVersion(versionId);
    audit.record({ frameworkId: id, action: "version.deleted", principal, detail: versionId });
    res.status(204).end();
  });

  router.post("/versions/:v/restore", async (req, res) => {
    const id = frameworkIdParam(req);
    const { principal } = await requireRole(req, access, id, "mediator", true);
    const versionId = versionParam(req);
    const side = await store.read(id, versionId);
    if (!side?.record) throw unknownVersion(versionId);
    const service = await versions();
    const record: VersionRecord = side.record;
    const result = await service.restore(id, { ...side, record }, principal, actorOf(principal));
    if (!result) throw notFound(id);
    audit.record({
      frameworkId: id,
      action: "version.restored",
      principal,
      detail: `${record.id} "${record.name}" (before: ${result.saved.id})`,
    });
    const body: RestoreAnswer = { saved: result.saved, changed: result.changed };
    res.json(body);
  });

  router.get("/compare", async (req, res) => {
    const id = frameworkIdParam(req);
    await requireRole(req, access, id, "observer");
    const from = queryString(req, "from");
    const to = queryString(req, "to") ?? "now";
    const format = queryString(req, "format") ?? "json";
    if (!from) throw new HttpError(400, "invalid_request", "from: the version to compare from.");
    for (const [name, value] of [
      ["from", from],
      ["to", to],
    ] as const) {
      if (value !== "now" && !isVersionId(value)) {
        throw new HttpError(400, "invalid_request", `${name}: a version id or "now".`);
      }
    }
    if (!isCompareFormat(format)) {
      throw new HttpError(400, "invalid_request", 'format: "json", "html", "pdf" or "docx".');
    }
    const record = await storage.getFramework(id);
    if (!record) throw notFound(id);
    const [fromSide, toSide] = await Promise.all([readSide(id, from), readSide(id, to)]);
    const service = await versions();
    const comparison = await service.compare(id, fromSide, toSide);
    if (format === "json") {
      const body: ComparisonAnswer = { from: fromSide.record, to: toSide.record, comparison };
      res.json(body);
      return;
    }
    const names = {
      title: record.title,
      fromName: fromSide.record?.name ?? "Now",
      toName: toSide.record?.name ?? "Now",
    };
    if (format === "docx") {
      const body = await service.comparisonDocx(comparison, {
        ...names,
        at: laterTime(fromSide.record?.at, toSide.record?.at),
      });
      res
        .status(200)
        .set({
          "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          "Content-Disposition": 'attachment; filename="comparison.docx"',
          "Content-Length": String(body.byteLength),
          "Cache-Control": "no-store",
          "X-Content-Type-Options": "nosniff",
        })
        .end(body);
      return;
    }
    const html = service.comparisonHtml(comparison, names);
    let body: Buffer;
    try {
      body =
        format === "pdf"
          ? await service.comparisonPdf(html, record.title, options.chromiumPath)
          : Buffer.from(html, "utf8");
    } catch (error) {
      if (error instanceof Error && error.name === "PdfUnavailableError") {
        throw new HttpError(503, "pdf_unavailable", error.message);
      }
      throw error;
    }
    res
      .status(200)
      .set({
        "Content-Type": format === "pdf" ? "application/pdf" : "text/html; charset=utf-8",
        "Content-Disposition": `${format === "pdf" ? "attachment" : "inline"}; filename="comparison.${format}"`,
        "Content-Length": String(body.byteLength),
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
      })
      .end(body);
  });

  return router;
}
