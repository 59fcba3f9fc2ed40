/**
 * Suggestion mode's pure core (tracked changes; marks and block attribute in
 * `schema/suggestion.ts`):
 *
 * - `list.ts`: `listSuggestions(doc)`, one record per suggestion id (insert, delete, replace or
 *   block) with author, party, member, time, positions and a one-line `summary`.
 * - `projections.ts`: `acceptedView(doc)` / `originalView(doc)` (all accepted / all rejected) and
 *   `projectSuggestions(doc, choose)`, pure on ProseMirror nodes (`projectJson` on JSON), for the
 *   views and the export.
 * - `decisions.ts`: accept / reject / withdraw as ProseMirror transforms
 *   (`applySuggestionDecision(tr, filter, decision)` with a filter by ids, party, member, range or
 *   all; `withdrawSuggestions`; `decideInBatches` for bounded transactions). Every decision
 *   transaction carries `SUGGESTION_DECISION_META`.
 * - `suggestionRule.ts`: `checkSuggestionOnlyChange(before, after, author, context)`, the rule the
 *   server applies to a commenter's update (and a drafter's while the framework tracks all
 *   changes): the original view does not change, and every suggestion that changes is the
 *   author's.
 *
 * Decided rules: rejecting a new term or list item removes it whole; rejecting a new paragraph
 * joins it into the previous textblock; accepting a proposed removal removes a term or list item
 * whole and joins a paragraph into the previous one. Text someone else types inside a range
 * proposed for deletion does not carry the deletion mark, so accepting the deletion keeps it.
 */
export * from "./decisions.js";
export * from "./list.js";
export * from "./parts.js";
export * from "./projections.js";
export * from "./suggestionRule.js";
