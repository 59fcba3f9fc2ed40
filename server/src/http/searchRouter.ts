/**
 * `POST /api/frameworks/search { tokens, query }`: the home page's search across the frameworks
 * this browser holds tokens for, in their titles and text. Each token only ever searches its own
 * framework; only the framework room is read (never the discussion, never a private room), from
 * storage into a private copy, as the export does. Bounded: the query length, the number of
 * tokens, the characters searched and the matches counted per framework (requests per address
 * are limited as every `/api` request is).
 */
import { SearchBody, type SearchResult } from "@parley/shared/api";
import { roomNameToString } from "@parley/shared/protocol";
import { searchFramework } from "@parley/shared/search/frameworkSearch";
import { frameworkTextBlocks } from "@parley/shared/search/frameworkText";
import { normalizeQuery } from "@parley/shared/search/textMatch";
import express, { Router } from "express";
import type { AccessService } from "../access/accessService.js";
import { loadRoomDoc } from "../export/loadFramework.js";
import type { DocumentStorage } from "../storage/documentStorage.js";
import { HttpError } from "./errors.js";
import { parseBody, requireJson } from "./frameworksRouter.js";

const MAX_SEARCH_BODY_BYTES = 256 * 1024;

export interface SearchRouterOptions {
  storage: DocumentStorage;
  access: AccessService;
}

export function searchRouter(options: SearchRouterOptions): Router {
  const { storage, access } = options;
  const router = Router();

  router.post(
    "/",
    requireJson,
    express.json({ limit: MAX_SEARCH_BODY_BYTES, strict: true }),
    async (req, res) => {
      const body = parseBody(SearchBody, req.body);
      const query = normalizeQuery(body.query);
      if (query === null) {
        throw new HttpError(
          400,
          "invalid_request",
          "Type at least 2 and at most 200 characters to search for.",
        );
      }
      const result: SearchResult = { frameworks: [], refused: [] };
      const seen = new Set<string>();
      for (const [index, token] of body.tokens.entries()) {
        const auth = await access.authenticate(token);
        if (!auth.ok) {
          result.refused.push({ index, code: auth.code, message: auth.message });
          continue;
        }
        const id = auth.principal.frameworkId;
        if (seen.has(id)) continue;
        seen.add(id);
        const record = await storage.getFramework(id);
        if (!record) {
          result.refused.push({ index, code: "not_found", message: "The framework was deleted." });
          continue;
        }
        const doc = await loadRoomDoc(
          storage,
          roomNameToString({ kind: "framework", frameworkId: id }),
        );
        try {
          const hit = searchFramework(record.title, frameworkTextBlocks(doc), query);
          if (hit) result.frameworks.push({ id, title: record.title, ...hit });
        } finally {
          doc.destroy();
        }
      }
      res.json(result);
    },
  );
  return router;
}
