/**
 * Word tracked changes (ECMA-376 Part 1, §17.13.5): a suggestion shown in the export becomes a
 * revision Word's Review pane lists and can accept or reject. Inserted text is `w:ins` around its
 * runs, deleted text `w:del` around runs whose text is `w:delText`, text inserted by one person
 * and proposed for deletion by another `w:ins` around `w:del`; a proposed paragraph break is a
 * revision of a paragraph mark (`w:pPr/w:rPr/w:ins|w:del`). Each revision element has its own
 * numeric `w:id`, `w:author` ("Name (Party)") and `w:date` (xsd:dateTime, UTC, no fraction).
 * Attribute values are escaped by the docx package's XML writer.
 */
import type { SuggestionRef } from "@parley/shared/export/model";
import {
  DeletedTextRun,
  InsertedTextRun,
  type IRunOptions,
  type ParagraphChild,
  TextRun,
} from "docx";

/** The attributes of one revision element. */
export interface RevisionAttributes {
  readonly id: number;
  readonly author: string;
  readonly date: string;
}

/** Who made a revision and when (a suggestion, or a change between two versions). */
export type RevisionSource = Pick<SuggestionRef, "author" | "at">;

/** Hands out revision ids, unique in the document (after the Word comment ids). */
export class RevisionIds {
  constructor(private next: number) {}

  take(ref: RevisionSource): RevisionAttributes {
    return { id: this.next++, author: ref.author, date: wordDate(ref.at) };
  }
}

/** `2026-11-21T10:15:00Z`: the model's ISO time without its fraction (Word writes none). */
export function wordDate(iso: string): string {
  return iso.replace(/\.\d+Z$/, "Z");
}

/**
 * `<w:ins …><w:del …><w:r><w:delText>…`: inserted text someone else proposes to delete. An
 * `InsertedTextRun` (so the docx package takes it as a paragraph child) whose content is the
 * deletion instead of a plain run; its first element stays the insertion's attributes.
 */
class InsertedDeletion extends InsertedTextRun {
  constructor(inserted: RevisionAttributes, deleted: IRunOptions & RevisionAttributes) {
    super(inserted);
    this.root.splice(1, this.root.length - 1, new DeletedTextRun(deleted));
  }
}

/** A run of text with the revisions of the suggestions on it (none: a plain run). */
export function revisedRun(
  options: IRunOptions,
  ids: RevisionIds,
  inserted: RevisionSource | undefined,
  deleted: RevisionSource | undefined,
): ParagraphChild {
  if (inserted && deleted) {
    const insertion = ids.take(inserted);
    return new InsertedDeletion(insertion, { ...options, ...ids.take(deleted) });
  }
  if (deleted) return new DeletedTextRun({ ...options, ...ids.take(deleted) });
  if (inserted) return new InsertedTextRun({ ...options, ...ids.take(inserted) });
  return new TextRun(options);
}
