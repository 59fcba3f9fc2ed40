/**
 * Sequencing: milestones, steps, verification mechanisms, guarantees, alternative proposals, sides and bodies of
 * a negotiation framework, stored in the framework Y.Doc, with the milestone computation, the
 * checks and step summaries. Pure: no DOM, no I/O.
 *
 * Reading:   `readSnapshot(doc)` → `SequencingSnapshot`; `subscribeSequencing(doc, listener)`.
 * Writing:   `addStep(doc, input, { actor, context })`, `updateStep`, `removeStep` (likewise for
 *            milestones, mechanisms, guarantees, proposals, sides and bodies), and
 *            `addStepCondition` / `replaceStepCondition` / `removeStepCondition` at a path →
 *            `Result` (refused with a clear message, nothing written).
 * Computing: `computeMilestones(snapshot)` + `describeResolution`; `checkAll(snapshot, context)`;
 *            `summarizeStep(stepId, snapshot, context)`; `dependencyEdges` for drawing the graph.
 */
export * from "./body.js";
export * from "./calendar.js";
export * from "./checks/index.js";
export * from "./common.js";
export * from "./context.js";
export { dependencyEdges, dependsOn, milestoneWaits } from "./dependencies.js";
export { elementaryCycles } from "./graph.js";
export * from "./guarantee.js";
export * from "./mechanism.js";
export * from "./milestone.js";
export * from "./milestones.js";
export * from "./proposal.js";
export * from "./records.js";
export * from "./refs.js";
export * from "./reversal.js";
export * from "./side.js";
export * from "./snapshot.js";
export * from "./step.js";
export * from "./store.js";
export * from "./summary.js";
