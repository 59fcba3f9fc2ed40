/**
 * Who suggests: the attributes a new suggestion mark or block suggestion carries, and whether an
 * existing one is this person's own (theirs to withdraw by deleting it again). Pure.
 */
import { newId } from "@parley/shared/model/ids";
import type { SuggestionAttrs } from "@parley/shared/schema/suggestion";

/** The three editing modes, as Google Docs has them. */
export type EditorMode = "editing" | "suggesting" | "viewing";

/** The suggesting person, as the server knows them (name and party of the token, member id). */
export interface SuggestionAuthor {
  name: string;
  party: string | null;
  member: string | null;
}

/** Attributes of a fresh suggestion by `author`: a new random id, now. */
export function freshSuggestion(author: SuggestionAuthor, now: Date = new Date()): SuggestionAttrs {
  return {
    id: newId("s"),
    author: author.name,
    party: author.party,
    member: author.member,
    at: now.toISOString(),
  };
}

/** Whether mark or block attributes were written by `author` (same member, else same name and party). */
export function isOwnSuggestion(attrs: Record<string, unknown>, author: SuggestionAuthor): boolean {
  if ((attrs.party ?? null) !== author.party) return false;
  if (author.member !== null || attrs.member != null) return attrs.member === author.member;
  return attrs.author === author.name;
}

/** The attributes of a mark, as `SuggestionAttrs` (the five named attributes only). */
export function suggestionAttrsOf(attrs: Record<string, unknown>): SuggestionAttrs {
  const text = (value: unknown) => (typeof value === "string" ? value : null);
  return {
    id: text(attrs.id) ?? "",
    author: text(attrs.author) ?? "",
    party: text(attrs.party),
    member: text(attrs.member),
    at: text(attrs.at) ?? "",
  };
}
