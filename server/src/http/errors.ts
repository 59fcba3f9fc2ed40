/** JSON errors in the one shape the API promises: `{ error: { code, message } }`. */
import type { ApiError } from "@parley/shared/api";
import type { ErrorRequestHandler, Response } from "express";
import type { Logger } from "../core/types.js";

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function sendError(res: Response, status: number, code: string, message: string): void {
  const body: ApiError = { error: { code, message } };
  res.status(status).json(body);
}

interface BodyParserError {
  type?: string;
  status?: number;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return typeof error === "object" && error !== null && "type" in error;
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, _next) => {
    if (error instanceof HttpError) {
      sendError(res, error.status, error.code, error.message);
      return;
    }
    if (isBodyParserError(error)) {
      if (error.type === "entity.parse.failed") {
        sendError(res, 400, "invalid_json", "The request body is not valid JSON.");
        return;
      }
      if (error.type === "entity.too.large") {
        sendError(res, 413, "payload_too_large", "The request body is too large.");
        return;
      }
      if (error.status && error.status >= 400 && error.status < 500) {
        sendError(res, error.status, "invalid_request", "The request body could not be read.");
        return;
      }
    }
    logger.error({ err: error }, "request failed");
    sendError(res, 500, "internal_error", "Something went wrong on the server.");
  };
}
