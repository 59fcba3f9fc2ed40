/**
 * Versions: a framework's state as a plain snapshot, and the comparison of two snapshots by
 * provision. Pure (the snapshot reads Y.Docs, never writes them); storage, the API and the UI
 * build on it.
 *
 *   const from = frameworkSnapshotOf(v1Framework, v1Discussion); // from stored bytes, throwaway docs
 *   const to = frameworkSnapshotOf(framework, discussion);
 *   const c = compareSnapshots(from, to, { who: (key) => authorsFromTheUpdateLog(key) });
 *   c.summary; // "7 terms changed, 2 added, 1 removed; 3 bracket options dropped"
 *   c.droppedOptions; // the "no option dropped" check: options gone without a resolution
 *   comparisonToHtml(c, { title, fromName: "Rev. 1", toName: "Rev. 2" });
 *
 * Files: `snapshot.ts` (reading), `compare.ts` (+ `compareTerms`, `compareBrackets`,
 * `compareSequencing`), `comparison.ts` (the result's shape), `wordDiff.ts` (bounded word
 * diff), `authorship.ts` (who made a change), `html.ts` (rendering).
 */
export * from "./authorship.js";
export * from "./compare.js";
export { compareBrackets } from "./compareBrackets.js";
export { compareSequencing, fieldChanges, stableJson } from "./compareSequencing.js";
export { compareTerms, movedTermIds } from "./compareTerms.js";
export * from "./comparison.js";
export * from "./html.js";
export * from "./snapshot.js";
export * from "./wordDiff.js";
