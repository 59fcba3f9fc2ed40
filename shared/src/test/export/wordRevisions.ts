/**
 * Test-only: the tracked changes of a DOCX's `word/document.xml`, read back with a strict XML
 * parser: each `w:ins` / `w:del` with its attributes and text, whether it revises a paragraph
 * mark, and the text Word shows once every change is accepted or rejected.
 */
import { parseXml } from "./parseXml.js";

export interface WordRevision {
  tag: "w:ins" | "w:del";
  id: string | null;
  author: string | null;
  date: string | null;
  /** The text of its runs (`w:t` in an insertion, `w:delText` in a deletion). */
  text: string;
  /** A revision of a paragraph mark (`w:pPr/w:rPr/w:ins|w:del`). */
  paragraphMark: boolean;
}

export function wordRevisions(documentXml: string): WordRevision[] {
  const doc = parseXml(documentXml);
  const out: WordRevision[] = [];
  for (const el of Array.from(doc.getElementsByTagName("*"))) {
    if (el.tagName !== "w:ins" && el.tagName !== "w:del") continue;
    const texts = Array.from(el.getElementsByTagName(el.tagName === "w:ins" ? "w:t" : "w:delText"));
    out.push({
      tag: el.tagName,
      id: el.getAttribute("w:id"),
      author: el.getAttribute("w:author"),
      date: el.getAttribute("w:date"),
      text: texts.map((t) => t.textContent ?? "").join(""),
      paragraphMark: el.parentElement?.tagName === "w:rPr",
    });
  }
  return out;
}

function ancestor(el: Element, tag: string): Element | null {
  for (let p = el.parentElement; p !== null; p = p.parentElement) if (p.tagName === tag) return p;
  return null;
}

/**
 * The body's paragraphs as Word reads them once every revision is accepted (or rejected): a
 * deleted (or inserted) run is dropped, and so is a paragraph mark, which joins its paragraph to
 * the next one. Paragraphs left empty by a whole removed block disappear with their mark.
 */
export function resolvedParagraphs(documentXml: string, view: "accepted" | "original"): string[] {
  const doc = parseXml(documentXml);
  const gone = view === "accepted" ? "w:del" : "w:ins";
  const lines: string[] = [];
  let pending = "";
  const body = doc.getElementsByTagName("w:body")[0];
  for (const p of Array.from(body?.getElementsByTagName("w:p") ?? [])) {
    if (ancestor(p, "w:tbl")) continue;
    let text = "";
    for (const t of Array.from(p.getElementsByTagName("*"))) {
      if (t.tagName !== "w:t" && t.tagName !== "w:delText") continue;
      const run = ancestor(t, "w:r");
      const inGone = run !== null && ancestor(run, gone) !== null;
      if (!inGone) text += t.textContent ?? "";
    }
    const markRevision = Array.from(p.getElementsByTagName(gone)).some(
      (el) =>
        el.parentElement?.tagName === "w:rPr" &&
        el.parentElement.parentElement?.tagName === "w:pPr",
    );
    pending += text;
    if (markRevision) continue;
    lines.push(pending);
    pending = "";
  }
  if (pending !== "") lines.push(pending);
  return lines;
}
