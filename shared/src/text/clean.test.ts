import { describe, expect, it } from "vitest";
import { CreateFrameworkBody, CreateInviteBody, RenameFrameworkBody } from "../api.js";
import { cleanSingleLine, cleanXmlText, oneLine } from "./clean.js";

/** Every character XML 1.0 forbids: C0 controls but tab, LF, CR; U+FFFE; U+FFFF. */
const XML_FORBIDDEN = [
  ...Array.from({ length: 32 }, (_, c) => String.fromCharCode(c)).filter(
    (c) => c !== "\t" && c !== "\n" && c !== "\r",
  ),
  "\uFFFE",
  "\uFFFF",
];
const XML_CHAR = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

describe("cleanXmlText (issue 14: DOCX)", () => {
  it("strips every character XML 1.0 forbids and replaces lone surrogates", () => {
    const dirty = `a${XML_FORBIDDEN.join("")}b\uD800c\uDFFFd`;
    const clean = cleanXmlText(dirty);
    expect(clean).toBe("ab\uFFFDc\uFFFDd");
    expect(XML_CHAR.test(clean)).toBe(true);
  });

  it("keeps tab, line breaks, pairs of surrogates and every other character", () => {
    const text = "a\tb\nc\r\nd 😀 التحقق проверка \u0085\u200F";
    expect(cleanXmlText(text)).toBe(text);
  });
});

describe("cleanSingleLine (issue 14: titles, names and party names)", () => {
  it("removes NUL, ESC, C1 controls, DEL and bidi embeddings, overrides and isolates", () => {
    const dirty =
      "A\u0000B\u001BC\u007FD\u0085E\u009BF\u202AG\u202BH\u202CI\u202DJ\u202EK\u2066L\u2067M\u2068N\u2069O\u061CP";
    expect(cleanSingleLine(dirty)).toBe("ABCD EFGHIJKLMNOP");
  });

  it("turns CR, LF, CRLF, tab, U+2028 and U+2029 into one space each", () => {
    expect(cleanSingleLine("a\r\nb\rc\nd\te\u2028f\u2029g")).toBe("a b c d e f g");
  });

  it("keeps right-to-left text and the LRM / RLM marks", () => {
    expect(cleanSingleLine("وزارة الخارجية \u200F(FP)\u200E")).toBe(
      "وزارة الخارجية \u200F(FP)\u200E",
    );
  });

  it("oneLine keeps everything but line terminators", () => {
    expect(oneLine("a\r\n# b\r- c\u2028d")).toBe("a # b - c d");
  });
});

describe("REST shapes store titles and names stripped (issue 14)", () => {
  const hostile = "\u202EEvil\u0000 \u001B[31mtitle\r\nsecond line\u2066";

  it("a framework title with NUL, ESC, RTL override and CRLF is stored stripped", () => {
    const created = CreateFrameworkBody.parse({ title: hostile, name: `Ana\u202E\r\nLima` });
    expect(created.title).toBe("Evil [31mtitle second line");
    expect(created.name).toBe("Ana Lima");
    expect(RenameFrameworkBody.parse({ title: hostile }).title).toBe("Evil [31mtitle second line");
  });

  it("an invite name is stripped; a name of only controls is refused as empty", () => {
    expect(CreateInviteBody.parse({ role: "drafter", name: "\u2067Leila\u0007" }).name).toBe(
      "Leila",
    );
    expect(CreateInviteBody.safeParse({ role: "drafter", name: "\u202E\u0000\r\n" }).success).toBe(
      false,
    );
    expect(RenameFrameworkBody.safeParse({ title: "\u0000\u202E" }).success).toBe(false);
  });
});
