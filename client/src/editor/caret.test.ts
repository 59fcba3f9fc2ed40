import { describe, expect, it } from "vitest";
import { renderCaret } from "./caret.js";

describe("renderCaret", () => {
  it("shows a name with a right-to-left override isolated, as text (issue 14)", () => {
    const caret = renderCaret({ name: "\u202Eevil <b>name</b>", color: "#123456" });
    const label = caret.querySelector(".collaboration-carets__label");
    expect(label?.getAttribute("dir")).toBe("auto");
    expect(label?.textContent).toBe("\u202Eevil <b>name</b>");
    expect(label?.querySelector("b")).toBeNull();
  });
});
