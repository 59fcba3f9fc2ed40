import { describe, expect, it } from "vitest";
import { isCommentAnchorFormat, isCommentAnchorKey } from "./anchorPolicy.js";
import { commentFormatKey } from "./commentMark.js";

describe("isCommentAnchorFormat", () => {
  const key = commentFormatKey("c-thread1");
  it("accepts a comment key with { threadId } or null", () => {
    expect(isCommentAnchorFormat(key, { threadId: "c-thread1" })).toBe(true);
    expect(isCommentAnchorFormat(key, null)).toBe(true);
  });
  it("refuses other formats and other values", () => {
    expect(isCommentAnchorFormat("bold", true)).toBe(false);
    expect(isCommentAnchorFormat(key, { threadId: "c-1", extra: 1 })).toBe(false);
    expect(isCommentAnchorFormat(key, { threadId: "../x" })).toBe(false);
    expect(isCommentAnchorFormat(key, "c-1")).toBe(false);
    expect(isCommentAnchorFormat(key, [])).toBe(false);
  });
});

describe("isCommentAnchorKey", () => {
  it("tells comment anchor keys from other format keys", () => {
    expect(isCommentAnchorKey(commentFormatKey("c-thread1"))).toBe(true);
    expect(isCommentAnchorKey("bold")).toBe(false);
    expect(isCommentAnchorKey("comment")).toBe(false);
  });
});
