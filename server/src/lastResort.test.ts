import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { installLastResort, lastResortHandlers } from "./lastResort.js";

function recordingLogger() {
  const lines: Array<{ fields: object; message: string | undefined }> = [];
  return { lines, fatal: (fields: object, message?: string) => lines.push({ fields, message }) };
}

describe("last-resort policy", () => {
  it("logs an unhandled rejection and an uncaught exception with the error, at fatal", () => {
    const logger = recordingLogger();
    const handlers = lastResortHandlers(logger);
    const rejection = new Error("rejected");
    const exception = new RangeError("thrown");
    handlers.unhandledRejection(rejection);
    handlers.uncaughtException(exception);
    expect(logger.lines).toEqual([
      { fields: { err: rejection }, message: expect.stringContaining("keeps serving") },
      { fields: { err: exception }, message: expect.stringContaining("keeps serving") },
    ]);
  });

  it("installs on the process-like target and removes itself", () => {
    const target = new EventEmitter();
    const logger = recordingLogger();
    const remove = installLastResort(logger, target);
    expect(target.listenerCount("unhandledRejection")).toBe(1);
    expect(target.listenerCount("uncaughtException")).toBe(1);
    target.emit("uncaughtException", new Error("boom"));
    expect(logger.lines).toHaveLength(1);
    remove();
    expect(target.listenerCount("unhandledRejection")).toBe(0);
    expect(target.listenerCount("uncaughtException")).toBe(0);
  });
});
