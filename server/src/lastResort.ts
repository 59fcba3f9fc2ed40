/**
 * The process's last-resort policy for errors nothing else caught (`main.ts` installs it): an
 * unhandled promise rejection or an uncaught exception is logged (pino, `fatal`, with the error)
 * and the server KEEPS SERVING. Every known failure path closes just the connection it concerns;
 * an error that still gets here is a bug, and ending the process for it would hand whoever can
 * trigger it a way to stop every negotiation on the server (as a long Origin header once did).
 * Never a silent exit: without these handlers Node prints the error and exits.
 */
import type { EventEmitter } from "node:events";

/** What the handlers log with (pino satisfies it). */
export interface FatalLogger {
  fatal(fields: object, message?: string): void;
}

export interface LastResortHandlers {
  unhandledRejection(reason: unknown): void;
  uncaughtException(error: Error): void;
}

/** The two handlers, separate from `process` so they can be tested as plain functions. */
export function lastResortHandlers(logger: FatalLogger): LastResortHandlers {
  return {
    unhandledRejection(reason) {
      logger.fatal({ err: reason }, "unhandled promise rejection; the server keeps serving");
    },
    uncaughtException(error) {
      logger.fatal({ err: error }, "uncaught exception; the server keeps serving");
    },
  };
}

/** Installs the handlers on `target` (the process); returns a function that removes them. */
export function installLastResort(logger: FatalLogger, target: EventEmitter = process): () => void {
  const handlers = lastResortHandlers(logger);
  target.on("unhandledRejection", handlers.unhandledRejection);
  target.on("uncaughtException", handlers.uncaughtException);
  return () => {
    target.off("unhandledRejection", handlers.unhandledRejection);
    target.off("uncaughtException", handlers.uncaughtException);
  };
}
