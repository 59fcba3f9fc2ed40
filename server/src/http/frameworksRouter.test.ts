import { isFrameworkId } from "@parley/shared/protocol";
import { describe, expect, it } from "vitest";
import { newFrameworkId } from "./frameworksRouter.js";

describe("newFrameworkId", () => {
  it("never starts a framework id with - or _ (a command line would read it as an option)", () => {
    for (let i = 0; i < 5000; i++) {
      const id = newFrameworkId();
      expect(isFrameworkId(id)).toBe(true);
      expect(id).toMatch(/^[A-Za-z0-9]/);
    }
  });
});
